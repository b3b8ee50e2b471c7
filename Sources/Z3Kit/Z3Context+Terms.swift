import CZ3

extension Z3Context {
    /// Wraps a freshly made term, or throws the error that explains why there is none.
    func wrap(_ raw: OpaquePointer?) throws(Z3Error) -> Z3AST {
        guard let raw else { throw failure() }
        let term = Z3AST(self, raw)
        try checkError()
        return term
    }

    /// Applies `decl` to `arguments` (a constant when both are 0-ary).
    /// - Throws: `Z3Error.api` on an arity or sort mismatch (a caller bug).
    /// - Complexity: O(`arguments.count`).
    public func apply(_ decl: Z3FuncDecl, _ arguments: [Z3AST] = []) throws(Z3Error) -> Z3AST {
        let raws: [Z3_ast?] = arguments.map { $0.pointer }
        return try wrap(Z3_mk_app(pointer, decl.pointer, UInt32(raws.count), raws))
    }

    /// A constant named `name` of `sort` (the same name and sort give the same constant).
    public func mkConst(_ name: String, sort: Z3Sort) throws(Z3Error) -> Z3AST {
        try wrap(Z3_mk_const(pointer, symbol(name), sort.pointer))
    }

    /// A constant of `sort` whose name, starting with `prefix`, is distinct from every other.
    public func mkFreshConst(prefix: String, sort: Z3Sort) throws(Z3Error) -> Z3AST {
        try wrap(Z3_mk_fresh_const(pointer, prefix, sort.pointer))
    }

    /// The integer literal `value` (of `sort`, default Int).
    public func mkInt(_ value: Int, sort: Z3Sort? = nil) throws(Z3Error) -> Z3AST {
        let sort = sort ?? intSort()
        return try wrap(Z3_mk_int64(pointer, Int64(value), sort.pointer))
    }

    /// The Boolean literal `value`.
    public func mkBool(_ value: Bool) throws(Z3Error) -> Z3AST {
        try wrap(value ? Z3_mk_true(pointer) : Z3_mk_false(pointer))
    }

    /// `(= lhs rhs)`. Throws on a sort mismatch.
    public func mkEq(_ lhs: Z3AST, _ rhs: Z3AST) throws(Z3Error) -> Z3AST {
        try wrap(Z3_mk_eq(pointer, lhs.pointer, rhs.pointer))
    }

    /// `(not term)`. Throws unless `term` is Boolean.
    public func mkNot(_ term: Z3AST) throws(Z3Error) -> Z3AST {
        try wrap(Z3_mk_not(pointer, term.pointer))
    }

    /// `(and terms…)`; `true` when `terms` is empty. Throws unless every term is Boolean.
    /// - Complexity: O(`terms.count`).
    public func mkAnd(_ terms: [Z3AST]) throws(Z3Error) -> Z3AST {
        if terms.isEmpty { return try mkBool(true) }
        let raws: [Z3_ast?] = terms.map { $0.pointer }
        return try wrap(Z3_mk_and(pointer, UInt32(raws.count), raws))
    }

    /// `(or terms…)`; `false` when `terms` is empty. Throws unless every term is Boolean.
    /// - Complexity: O(`terms.count`).
    public func mkOr(_ terms: [Z3AST]) throws(Z3Error) -> Z3AST {
        if terms.isEmpty { return try mkBool(false) }
        let raws: [Z3_ast?] = terms.map { $0.pointer }
        return try wrap(Z3_mk_or(pointer, UInt32(raws.count), raws))
    }

    /// `(=> premise conclusion)`. Throws unless both are Boolean.
    public func mkImplies(_ premise: Z3AST, _ conclusion: Z3AST) throws(Z3Error) -> Z3AST {
        try wrap(Z3_mk_implies(pointer, premise.pointer, conclusion.pointer))
    }

    /// `(+ terms…)` over integers; `0` when `terms` is empty. Throws unless every term is an Int.
    /// - Complexity: O(`terms.count`).
    public func mkAdd(_ terms: [Z3AST]) throws(Z3Error) -> Z3AST {
        if terms.isEmpty { return try mkInt(0) }
        let raws: [Z3_ast?] = terms.map { $0.pointer }
        return try wrap(Z3_mk_add(pointer, UInt32(raws.count), raws))
    }

    /// `(ite condition then otherwise)`. Throws unless `condition` is Boolean and the branches
    /// share a sort.
    public func mkIte(_ condition: Z3AST, _ then: Z3AST, _ otherwise: Z3AST) throws(Z3Error) -> Z3AST {
        try wrap(Z3_mk_ite(pointer, condition.pointer, then.pointer, otherwise.pointer))
    }
}

extension Z3Context {
    /// `term` with every occurrence of `from[i]` replaced by `to[i]` (simultaneously).
    /// Precondition: `from.count == to.count` and each pair has one sort.
    /// - Complexity: O(size of `term`).
    public func substitute(_ term: Z3AST, from: [Z3AST], to: [Z3AST]) throws(Z3Error) -> Z3AST {
        precondition(from.count == to.count, "Z3Context.substitute: from and to differ in length")
        let sources: [Z3_ast?] = from.map { $0.pointer }
        let targets: [Z3_ast?] = to.map { $0.pointer }
        return try wrap(Z3_substitute(pointer, term.pointer, UInt32(sources.count), sources, targets))
    }

    /// `term` rewritten by Z3's simplifier (equivalent, often smaller; ground terms over
    /// literals usually reduce to a literal).
    /// - Complexity: O(size of `term`) in typical cases.
    public func simplify(_ term: Z3AST) throws(Z3Error) -> Z3AST {
        try wrap(Z3_simplify(pointer, term.pointer))
    }

    /// `true` or `false` if `term` is that Boolean literal, else nil (no solving is done).
    /// - Complexity: O(1).
    public func literalBoolValue(_ term: Z3AST) -> Bool? {
        let value = Z3_get_bool_value(pointer, term.pointer)
        if value == Z3_L_TRUE { return true }
        if value == Z3_L_FALSE { return false }
        return nil
    }
}

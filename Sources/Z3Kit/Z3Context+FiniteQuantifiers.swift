import CZ3

extension Z3Context {
    /// Rewrites `term` so that no quantifier ranges over `sort` alone: a quantifier whose bound
    /// variables all have sort `sort` becomes the conjunction (`forall`) or disjunction
    /// (`exists`) of its instances over `values`; other quantifiers are kept, with their bodies
    /// rewritten. Lambdas are left as they are.
    ///
    /// Soundness: the result is equivalent to `term` exactly when `values` lists every value of
    /// `sort` — as the constants of an enumeration sort do. It is the caller's job to pass them
    /// all. A kept quantifier loses its patterns (Z3 infers new ones).
    ///
    /// Use it to turn a spec over a small finite sort into a nearly ground formula, which Z3
    /// decides much faster than by quantifier instantiation.
    ///
    /// - Parameters:
    ///   - term: a closed term (no free de Bruijn variables) of this context.
    ///   - sort: the finite sort to expand.
    ///   - values: every value of `sort`.
    ///   - maxInstances: a quantifier with more instances than this (`values.count` to the
    ///     number of its bound variables) is kept rather than expanded.
    /// - Throws: `Z3Error.api` if Z3 fails to build a term.
    /// - Complexity: O(size of the result), which grows by `values.count ^ k` for each
    ///   expanded quantifier binding `k` variables (nested ones multiply).
    public func expandQuantifiers(in term: Z3AST, over sort: Z3Sort, values: [Z3AST],
                                  maxInstances: Int = 4096) throws(Z3Error) -> Z3AST {
        var expander = FiniteQuantifierExpander(context: self, sort: sort, values: values, maxInstances: maxInstances)
        return try expander.expand(term)
    }
}

/// The memoised traversal behind `Z3Context.expandQuantifiers`.
private struct FiniteQuantifierExpander {
    let context: Z3Context
    let sort: Z3Sort
    let values: [Z3AST]
    let maxInstances: Int
    /// Keyed by AST id; the input term is kept so its id is not reused while memoised.
    var memo: [UInt32: (input: Z3AST, output: Z3AST)] = [:]

    init(context: Z3Context, sort: Z3Sort, values: [Z3AST], maxInstances: Int) {
        self.context = context
        self.sort = sort
        self.values = values
        self.maxInstances = maxInstances
    }

    private var c: OpaquePointer { context.pointer }

    mutating func expand(_ term: Z3AST) throws(Z3Error) -> Z3AST {
        let id = Z3_get_ast_id(c, term.pointer)
        if let known = memo[id] { return known.output }
        let result: Z3AST
        let kind = Z3_get_ast_kind(c, term.pointer)
        if kind == Z3_APP_AST {
            result = try expandApplication(term)
        } else if kind == Z3_QUANTIFIER_AST, !Z3_is_lambda(c, term.pointer) {
            result = try expandQuantifier(term)
        } else {
            result = term
        }
        memo[id] = (term, result)
        return result
    }

    private mutating func expandApplication(_ term: Z3AST) throws(Z3Error) -> Z3AST {
        guard let app = Z3_to_app(c, term.pointer) else { throw context.failure() }
        let count = Z3_get_app_num_args(c, app)
        guard count > 0 else { return term }
        var changed = false
        var arguments: [Z3AST] = []
        arguments.reserveCapacity(Int(count))
        for index in 0..<count {
            guard let raw = Z3_get_app_arg(c, app, index) else { throw context.failure() }
            let argument = Z3AST(context, raw)
            let rewritten = try expand(argument)
            changed = changed || !rewritten.isSame(as: argument)
            arguments.append(rewritten)
        }
        guard changed else { return term }
        let raws: [Z3_ast?] = arguments.map { $0.pointer }
        return try context.wrap(Z3_update_term(c, term.pointer, count, raws))
    }

    private mutating func expandQuantifier(_ term: Z3AST) throws(Z3Error) -> Z3AST {
        let bound = Int(Z3_get_quantifier_num_bound(c, term.pointer))
        let isForall = Z3_is_quantifier_forall(c, term.pointer)
        guard let rawBody = Z3_get_quantifier_body(c, term.pointer) else { throw context.failure() }
        let body = Z3AST(context, rawBody)
        var sorts: [Z3Sort] = []
        for index in 0..<bound {
            guard let raw = Z3_get_quantifier_bound_sort(c, term.pointer, UInt32(index)) else { throw context.failure() }
            sorts.append(Z3Sort(context, raw))
        }
        var instances = 1
        for _ in 0..<bound where instances <= maxInstances { instances *= values.count }
        if sorts.allSatisfy({ $0.isSame(as: sort) }), instances <= maxInstances {
            var parts: [Z3AST] = []
            parts.reserveCapacity(instances)
            var digits = [Int](repeating: 0, count: bound)
            for _ in 0..<instances {
                // De Bruijn index i is the (bound - 1 - i)-th declared variable.
                let substitution = (0..<bound).map { values[digits[bound - 1 - $0]] }
                parts.append(try expand(try substitute(body, substitution)))
                for position in digits.indices.reversed() {
                    digits[position] += 1
                    if digits[position] < values.count { break }
                    digits[position] = 0
                }
            }
            return isForall ? try context.mkAnd(parts) : try context.mkOr(parts)
        }
        // Keep the quantifier: open it with fresh constants, rewrite the body, close it again.
        var constants: [Z3AST] = []
        for declared in sorts { constants.append(try context.mkFreshConst(prefix: "bound", sort: declared)) }
        let opened = try substitute(body, (0..<bound).map { constants[bound - 1 - $0] })
        let rewritten = try expand(opened)
        let apps: [Z3_app?] = constants.map { Z3_to_app(c, $0.pointer) }
        let raw = isForall
            ? Z3_mk_forall_const(c, 0, UInt32(bound), apps, 0, nil, rewritten.pointer)
            : Z3_mk_exists_const(c, 0, UInt32(bound), apps, 0, nil, rewritten.pointer)
        return try context.wrap(raw)
    }

    /// `term` with de Bruijn variable `i` replaced by `substitution[i]`.
    private func substitute(_ term: Z3AST, _ substitution: [Z3AST]) throws(Z3Error) -> Z3AST {
        let raws: [Z3_ast?] = substitution.map { $0.pointer }
        return try context.wrap(Z3_substitute_vars(c, term.pointer, UInt32(raws.count), raws))
    }
}

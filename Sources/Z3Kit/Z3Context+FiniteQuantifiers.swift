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
        var expander = FiniteQuantifierExpander(context: self, sort: sort, values: values, presence: nil,
                                                maxInstances: maxInstances)
        return try expander.expand(term)
    }

    /// Like `expandQuantifiers(in:over:values:)`, but each quantifier over `sort` ranges only
    /// over the values whose `presence` term holds (relativization): an instance of a `forall`
    /// becomes `(=> (and present…) body)`, one of an `exists` `(and present… body)`, one
    /// presence term per bound variable.
    ///
    /// Soundness: the result is the term read in the substructure of the present values,
    /// provided `values` lists every value of `sort` and every quantifier over `sort` is
    /// expanded — so a quantifier that binds `sort` together with another sort, or has more
    /// than `maxInstances` instances, is an error here rather than kept.
    ///
    /// - Parameter presence: one Boolean term per entry of `values`.
    /// - Throws: `Z3Error.api` if Z3 fails to build a term, or if a quantifier over `sort`
    ///   cannot be expanded (mixed sorts, too many instances).
    /// - Complexity: as `expandQuantifiers(in:over:values:)`.
    public func expandQuantifiers(in term: Z3AST, over sort: Z3Sort, values: [Z3AST], presence: [Z3AST],
                                  maxInstances: Int = 1 << 20) throws(Z3Error) -> Z3AST {
        precondition(presence.count == values.count, "expandQuantifiers: one presence term per value")
        var expander = FiniteQuantifierExpander(context: self, sort: sort, values: values, presence: presence,
                                                maxInstances: maxInstances)
        return try expander.expand(term)
    }
}

/// The memoised traversal behind `Z3Context.expandQuantifiers`.
///
/// Iterative: the terms still to rewrite wait on an explicit stack, so a term of any depth
/// (define-fun applications can nest far deeper than the text) cannot overflow the call stack.
private struct FiniteQuantifierExpander {
    let context: Z3Context
    let sort: Z3Sort
    let values: [Z3AST]
    /// Relativization: `presence[i]` says whether `values[i]` is in the domain; nil for none.
    let presence: [Z3AST]?
    let maxInstances: Int
    /// Keyed by AST id; the input term is kept so its id is not reused while memoised.
    var memo: [UInt32: (input: Z3AST, output: Z3AST)] = [:]

    /// One step of the traversal.
    private enum Task {
        /// Rewrite this term and push the result.
        case visit(Z3AST)
        /// The arguments' results are on the result stack: rebuild the application.
        case application(Z3AST, arguments: [Z3AST])
        /// The instances' results are on the result stack: join them.
        case expanded(Z3AST, count: Int, isForall: Bool)
        /// The opened body's result is on the result stack: close the quantifier again.
        case kept(Z3AST, constants: [Z3AST], isForall: Bool)
    }

    init(context: Z3Context, sort: Z3Sort, values: [Z3AST], presence: [Z3AST]?, maxInstances: Int) {
        self.context = context
        self.sort = sort
        self.values = values
        self.presence = presence
        self.maxInstances = maxInstances
    }

    private var c: OpaquePointer { context.pointer }

    /// `term` rewritten; every subterm is rewritten once (memoised by id).
    /// - Complexity: O(size of the result); stack use O(1) (the work list is on the heap).
    mutating func expand(_ term: Z3AST) throws(Z3Error) -> Z3AST {
        var tasks: [Task] = [.visit(term)]
        var results: [Z3AST] = []
        while let task = tasks.popLast() {
            switch task {
            case .visit(let term):
                let id = Z3_get_ast_id(c, term.pointer)
                if let known = memo[id] {
                    results.append(known.output)
                    continue
                }
                let kind = Z3_get_ast_kind(c, term.pointer)
                if kind == Z3_APP_AST {
                    let arguments = try self.arguments(of: term)
                    if arguments.isEmpty {
                        finish(term, term, &results)
                    } else {
                        tasks.append(.application(term, arguments: arguments))
                        for argument in arguments.reversed() { tasks.append(.visit(argument)) }
                    }
                } else if kind == Z3_QUANTIFIER_AST, !Z3_is_lambda(c, term.pointer) {
                    try openQuantifier(term, &tasks)
                } else {
                    finish(term, term, &results)
                }
            case .application(let term, let arguments):
                let rewritten = Array(results.suffix(arguments.count))
                results.removeLast(arguments.count)
                var changed = false
                for (old, new) in zip(arguments, rewritten) where !new.isSame(as: old) { changed = true }
                var result = term
                if changed {
                    let raws: [Z3_ast?] = rewritten.map { $0.pointer }
                    result = try context.wrap(Z3_update_term(c, term.pointer, UInt32(raws.count), raws))
                }
                finish(term, result, &results)
            case .expanded(let term, let count, let isForall):
                let parts = Array(results.suffix(count))
                results.removeLast(count)
                finish(term, isForall ? try context.mkAnd(parts) : try context.mkOr(parts), &results)
            case .kept(let term, let constants, let isForall):
                let rewritten = results.removeLast()
                let apps: [Z3_app?] = constants.map { Z3_to_app(c, $0.pointer) }
                let raw = isForall
                    ? Z3_mk_forall_const(c, 0, UInt32(constants.count), apps, 0, nil, rewritten.pointer)
                    : Z3_mk_exists_const(c, 0, UInt32(constants.count), apps, 0, nil, rewritten.pointer)
                finish(term, try context.wrap(raw), &results)
            }
        }
        precondition(results.count == 1, "the expansion leaves one result")
        return results[0]
    }

    /// Memoises `output` for `input` and pushes it.
    private mutating func finish(_ input: Z3AST, _ output: Z3AST, _ results: inout [Z3AST]) {
        memo[Z3_get_ast_id(c, input.pointer)] = (input, output)
        results.append(output)
    }

    private func arguments(of term: Z3AST) throws(Z3Error) -> [Z3AST] {
        guard let app = Z3_to_app(c, term.pointer) else { throw context.failure() }
        let count = Z3_get_app_num_args(c, app)
        var arguments: [Z3AST] = []
        arguments.reserveCapacity(Int(count))
        for index in 0..<count {
            guard let raw = Z3_get_app_arg(c, app, index) else { throw context.failure() }
            arguments.append(Z3AST(context, raw))
        }
        return arguments
    }

    /// Schedules a quantifier: its instances when it ranges over `sort` alone and has at most
    /// `maxInstances` of them, else its body opened with fresh constants.
    private func openQuantifier(_ term: Z3AST, _ tasks: inout [Task]) throws(Z3Error) {
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
                var instance = try substitute(body, substitution)
                if let presence {
                    let present = digits.map { presence[$0] }
                    instance = isForall
                        ? try context.mkImplies(try context.mkAnd(present), instance)
                        : try context.mkAnd(present + [instance])
                }
                parts.append(instance)
                for position in digits.indices.reversed() {
                    digits[position] += 1
                    if digits[position] < values.count { break }
                    digits[position] = 0
                }
            }
            tasks.append(.expanded(term, count: parts.count, isForall: isForall))
            for part in parts.reversed() { tasks.append(.visit(part)) }
            return
        }
        if presence != nil, sorts.contains(where: { $0.isSame(as: sort) }) {
            throw Z3Error.api(code: 0, message: "a quantifier over \(sort) cannot be relativized: "
                              + (instances > maxInstances ? "more than \(maxInstances) instances" : "it binds other sorts too"))
        }
        // Keep the quantifier: open it with fresh constants, rewrite the body, close it again.
        var constants: [Z3AST] = []
        for declared in sorts { constants.append(try context.mkFreshConst(prefix: "bound", sort: declared)) }
        let opened = try substitute(body, (0..<bound).map { constants[bound - 1 - $0] })
        tasks.append(.kept(term, constants: constants, isForall: isForall))
        tasks.append(.visit(opened))
    }

    /// `term` with de Bruijn variable `i` replaced by `substitution[i]`.
    private func substitute(_ term: Z3AST, _ substitution: [Z3AST]) throws(Z3Error) -> Z3AST {
        let raws: [Z3_ast?] = substitution.map { $0.pointer }
        return try context.wrap(Z3_substitute_vars(c, term.pointer, UInt32(raws.count), raws))
    }
}

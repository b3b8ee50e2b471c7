import CZ3

/// How deeply a term nests quantifiers over one sort (`Z3Context.quantifierDepth`).
public struct QuantifierDepth: Equatable, Sendable {
    /// The most variables of the sort bound along any path from the root to a leaf (a
    /// quantifier binding `k` of them counts `k`).
    public var depth: Int
    /// Whether some quantifier binds a variable of the sort together with one of another sort,
    /// or binds a variable of a sort that may hold the sort's values (an array, a sequence, a
    /// datatype other than the sort), or a lambda binds the sort or hides a quantifier over it.
    public var mixesSorts: Bool

    public init(depth: Int, mixesSorts: Bool) {
        self.depth = depth
        self.mixesSorts = mixesSorts
    }
}

extension Z3Context {
    /// The nesting depth of quantifiers over `sort` in `term`: the largest number of variables of
    /// `sort` bound along one path of the term (lambdas count like quantifiers), and whether a
    /// quantifier binds `sort` together with another sort.
    ///
    /// - Parameter term: a term of this context (free de Bruijn variables are leaves).
    /// - Throws: `Z3Error.api` if Z3 fails to take the term apart.
    /// - Complexity: O(size of the term as a DAG) (memoised by AST id); recursion as deep as
    ///   the term's quantifier and application nesting.
    public func quantifierDepth(in term: Z3AST, over sort: Z3Sort) throws(Z3Error) -> QuantifierDepth {
        var memo: [UInt32: Int] = [:]
        var mixes = false
        let depth = try quantifierDepth(term.pointer, sort: sort, memo: &memo, mixes: &mixes)
        return QuantifierDepth(depth: depth, mixesSorts: mixes)
    }

    /// Booleans, integers, reals and bit-vectors hold no values of another sort.
    static func isBasic(_ kind: Z3_sort_kind) -> Bool {
        kind == Z3_BOOL_SORT || kind == Z3_INT_SORT || kind == Z3_REAL_SORT || kind == Z3_BV_SORT
    }

    private func quantifierDepth(_ raw: OpaquePointer, sort: Z3Sort, memo: inout [UInt32: Int],
                                 mixes: inout Bool) throws(Z3Error) -> Int {
        let id = Z3_get_ast_id(pointer, raw)
        if let known = memo[id] { return known }
        var result = 0
        switch Z3_get_ast_kind(pointer, raw) {
        case Z3_APP_AST:
            guard let app = Z3_to_app(pointer, raw) else { throw failure() }
            for index in 0..<Z3_get_app_num_args(pointer, app) {
                guard let argument = Z3_get_app_arg(pointer, app, index) else { throw failure() }
                result = max(result, try quantifierDepth(argument, sort: sort, memo: &memo, mixes: &mixes))
            }
        case Z3_QUANTIFIER_AST:
            let bound = Z3_get_quantifier_num_bound(pointer, raw)
            var ours = 0
            for index in 0..<bound {
                guard let boundSort = Z3_get_quantifier_bound_sort(pointer, raw, index) else { throw failure() }
                if Z3_is_eq_sort(pointer, boundSort, sort.pointer) {
                    ours += 1
                } else if !Self.isBasic(Z3_get_sort_kind(pointer, boundSort)) {
                    // An array, sequence or datatype may hold values of `sort`: binding one
                    // quantifies over them unseen (second order, for an array over `sort`).
                    mixes = true
                }
            }
            if ours > 0 && ours < Int(bound) { mixes = true }
            guard let body = Z3_get_quantifier_body(pointer, raw) else { throw failure() }
            let inner = try quantifierDepth(body, sort: sort, memo: &memo, mixes: &mixes)
            // A lambda is a term, not a quantifier: one binding `sort`, or hiding a quantifier
            // over it, is read nowhere as one, so it counts as mixing.
            if Z3_is_lambda(pointer, raw) && (ours > 0 || inner > 0) { mixes = true }
            result = ours + inner
        default:
            break
        }
        memo[id] = result
        return result
    }
}

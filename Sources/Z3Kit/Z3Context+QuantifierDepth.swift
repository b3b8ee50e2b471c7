import CZ3

/// How deeply a term nests quantifiers over one sort (`Z3Context.quantifierDepth`).
public struct QuantifierDepth: Equatable, Sendable {
    /// The most variables of the sort bound along any path from the root to a leaf (a
    /// quantifier binding `k` of them counts `k`).
    public var depth: Int
    /// Whether some quantifier binds a variable of the sort together with one of another sort.
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
                if Z3_is_eq_sort(pointer, boundSort, sort.pointer) { ours += 1 }
            }
            if ours > 0 && ours < Int(bound) { mixes = true }
            guard let body = Z3_get_quantifier_body(pointer, raw) else { throw failure() }
            result = ours + (try quantifierDepth(body, sort: sort, memo: &memo, mixes: &mixes))
        default:
            break
        }
        memo[id] = result
        return result
    }
}

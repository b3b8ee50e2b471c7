import CZ3

extension Z3Context {
    /// At most `k` of the Boolean `terms` are true (`Z3_mk_atmost`, a native cardinality
    /// constraint: Z3's SAT core propagates it without a clause expansion).
    /// - Throws: `Z3Error.api` unless every term is Boolean.
    public func mkAtMost(_ terms: [Z3AST], _ k: Int) throws(Z3Error) -> Z3AST {
        let raws: [Z3_ast?] = terms.map { $0.pointer }
        return try wrap(Z3_mk_atmost(pointer, UInt32(raws.count), raws, UInt32(k)))
    }

    /// At least `k` of the Boolean `terms` are true (`Z3_mk_atleast`).
    /// - Throws: `Z3Error.api` unless every term is Boolean.
    public func mkAtLeast(_ terms: [Z3AST], _ k: Int) throws(Z3Error) -> Z3AST {
        let raws: [Z3_ast?] = terms.map { $0.pointer }
        return try wrap(Z3_mk_atleast(pointer, UInt32(raws.count), raws, UInt32(k)))
    }
}

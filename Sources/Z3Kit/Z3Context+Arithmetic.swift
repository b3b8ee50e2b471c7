import CZ3

extension Z3Context {
    /// `(+ terms…)`; the literal 0 when `terms` is empty. Throws unless every term is Int.
    /// - Complexity: O(`terms.count`).
    public func mkAdd(_ terms: [Z3AST]) throws(Z3Error) -> Z3AST {
        if terms.isEmpty { return try mkInt(0) }
        if terms.count == 1 { return terms[0] }
        let raws: [Z3_ast?] = terms.map { $0.pointer }
        return try wrap(Z3_mk_add(pointer, UInt32(raws.count), raws))
    }

    /// `(<= lhs rhs)`. Throws unless both are arithmetic of one sort.
    public func mkLe(_ lhs: Z3AST, _ rhs: Z3AST) throws(Z3Error) -> Z3AST {
        try wrap(Z3_mk_le(pointer, lhs.pointer, rhs.pointer))
    }

    /// `(< lhs rhs)`. Throws unless both are arithmetic of one sort.
    public func mkLt(_ lhs: Z3AST, _ rhs: Z3AST) throws(Z3Error) -> Z3AST {
        try wrap(Z3_mk_lt(pointer, lhs.pointer, rhs.pointer))
    }

    /// `(ite condition then otherwise)`. Throws unless `condition` is Boolean and the branches
    /// share a sort.
    public func mkIte(_ condition: Z3AST, _ then: Z3AST, _ otherwise: Z3AST) throws(Z3Error) -> Z3AST {
        try wrap(Z3_mk_ite(pointer, condition.pointer, then.pointer, otherwise.pointer))
    }

    /// `lower <= term < upper` for integer bounds.
    public func mkInRange(_ term: Z3AST, _ range: Range<Int>) throws(Z3Error) -> Z3AST {
        try mkAnd([try mkLe(try mkInt(range.lowerBound), term), try mkLt(term, try mkInt(range.upperBound))])
    }
}

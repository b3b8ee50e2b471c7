import CZ3

extension Z3Context {
    /// An integer constant named `name` (the same name gives the same constant).
    public func mkIntConst(_ name: String) throws(Z3Error) -> Z3AST {
        try mkConst(name, sort: intSort())
    }

    /// `(- lhs rhs)` over integers. Throws unless both are Int.
    public func mkSub(_ lhs: Z3AST, _ rhs: Z3AST) throws(Z3Error) -> Z3AST {
        let raws: [Z3_ast?] = [lhs.pointer, rhs.pointer]
        return try wrap(Z3_mk_sub(pointer, 2, raws))
    }

    /// `(<= lhs rhs)`. Throws unless both are Int.
    public func mkLe(_ lhs: Z3AST, _ rhs: Z3AST) throws(Z3Error) -> Z3AST {
        try wrap(Z3_mk_le(pointer, lhs.pointer, rhs.pointer))
    }

    /// `(< lhs rhs)`. Throws unless both are Int.
    public func mkLt(_ lhs: Z3AST, _ rhs: Z3AST) throws(Z3Error) -> Z3AST {
        try wrap(Z3_mk_lt(pointer, lhs.pointer, rhs.pointer))
    }

    /// `(>= lhs rhs)`. Throws unless both are Int.
    public func mkGe(_ lhs: Z3AST, _ rhs: Z3AST) throws(Z3Error) -> Z3AST {
        try wrap(Z3_mk_ge(pointer, lhs.pointer, rhs.pointer))
    }

    /// `(> lhs rhs)`. Throws unless both are Int.
    public func mkGt(_ lhs: Z3AST, _ rhs: Z3AST) throws(Z3Error) -> Z3AST {
        try wrap(Z3_mk_gt(pointer, lhs.pointer, rhs.pointer))
    }
}

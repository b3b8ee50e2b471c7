import CZ3

extension Z3Context {
    /// The sort of Booleans.
    /// - Complexity: O(1).
    public func boolSort() -> Z3Sort {
        Z3Sort(self, Z3_mk_bool_sort(pointer)!)
    }

    /// The sort of mathematical integers.
    /// - Complexity: O(1).
    public func intSort() -> Z3Sort {
        Z3Sort(self, Z3_mk_int_sort(pointer)!)
    }

    /// Declares an enumeration sort `name` whose values are exactly `constants`, in order.
    ///
    /// Soundness: Z3 treats the constants as pairwise distinct and exhaustive, so a quantifier
    /// over the sort ranges over exactly these values.
    /// - Returns: the sort and one 0-ary declaration per constant, in the order given.
    /// - Throws: `Z3Error.api` if Z3 rejects the declaration (e.g. no constants).
    /// - Complexity: O(`constants.count`).
    public func mkEnumerationSort(name: String, constants: [String]) throws(Z3Error)
        -> (sort: Z3Sort, constants: [Z3FuncDecl])
    {
        let count = constants.count
        let names: [Z3_symbol?] = constants.map { symbol($0) }
        var constantDecls = [Z3_func_decl?](repeating: nil, count: count)
        var testerDecls = [Z3_func_decl?](repeating: nil, count: count)
        let raw = Z3_mk_enumeration_sort(pointer, symbol(name), UInt32(count), names, &constantDecls, &testerDecls)
        guard let raw else { throw failure() }
        let sort = Z3Sort(self, raw)
        var decls: [Z3FuncDecl] = []
        decls.reserveCapacity(count)
        for decl in constantDecls {
            guard let decl else { throw failure() }
            decls.append(Z3FuncDecl(self, decl))
        }
        try checkError()
        return (sort, decls)
    }

    /// Declares an uninterpreted function `name : domain -> range` (a constant if `domain` is empty).
    /// - Throws: `Z3Error.api` if Z3 rejects the declaration.
    /// - Complexity: O(`domain.count`).
    public func mkFuncDecl(name: String, domain: [Z3Sort], range: Z3Sort) throws(Z3Error) -> Z3FuncDecl {
        let sorts: [Z3_sort?] = domain.map { $0.pointer }
        guard let raw = Z3_mk_func_decl(pointer, symbol(name), UInt32(sorts.count), sorts, range.pointer) else {
            throw failure()
        }
        return Z3FuncDecl(self, raw)
    }
}

import CZ3

extension Z3Context {
    /// Parses an SMT-LIB2 script and returns the terms of its `assert` commands, in order.
    ///
    /// The script may use `sorts` and `decls` by the names given, with no textual prelude, so
    /// positions in errors are the script's own. Z3 checks sorts while parsing: an `assert` of a
    /// non-Boolean term is a parse error. Commands that are not assertions (e.g. `check-sat`,
    /// `set-info`) are processed by Z3's command interpreter; callers that must not run them
    /// should blank them out first.
    ///
    /// - Throws: `Z3Error.parse` with a 1-based line and column in `text` (see `Z3ParseError`);
    ///   `Z3Error.api` for any other failure.
    /// - Complexity: linear in `text` plus Z3's sort checking.
    public func parseSMTLIB2(
        _ text: String,
        sorts: [(name: String, sort: Z3Sort)] = [],
        decls: [(name: String, decl: Z3FuncDecl)] = []
    ) throws(Z3Error) -> [Z3AST] {
        let sortNames: [Z3_symbol?] = sorts.map { symbol($0.name) }
        let sortPointers: [Z3_sort?] = sorts.map { $0.sort.pointer }
        let declNames: [Z3_symbol?] = decls.map { symbol($0.name) }
        let declPointers: [Z3_func_decl?] = decls.map { $0.decl.pointer }
        clearError()  // the parser does not reset a stale error code on success
        let vector = Z3_parse_smtlib2_string(
            pointer, text,
            UInt32(sorts.count), sortNames, sortPointers,
            UInt32(decls.count), declNames, declPointers)
        // Read the outcome before any other call: most API calls reset the error code.
        let code = Z3_get_error_code(pointer)
        let failure: Z3Error? = code == Z3_OK ? nil
            : code == Z3_PARSER_ERROR
            ? .parse(Z3ParseError(z3Message: Z3_get_error_msg(pointer, code).map { String(cString: $0) } ?? "",
                                  text: text))
            : takeError(code)
        clearError()
        if let vector { Z3_ast_vector_inc_ref(pointer, vector) }
        defer { if let vector { Z3_ast_vector_dec_ref(pointer, vector) } }
        if let failure { throw failure }
        guard let vector else { throw self.failure() }
        let count = Z3_ast_vector_size(pointer, vector)
        var terms: [Z3AST] = []
        terms.reserveCapacity(Int(count))
        for index in 0..<count {
            guard let raw = Z3_ast_vector_get(pointer, vector, index) else { throw self.failure() }
            terms.append(Z3AST(self, raw))
        }
        return terms
    }
}

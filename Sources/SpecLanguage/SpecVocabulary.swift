import Z3Kit

/// The engine's vocabulary (docs/spec-format.md) declared in one Z3 context for `n` processes:
/// the enumeration sort `Proc` with constants `p0 … p(n-1)`, and `input`, `decision`, `correct`.
///
/// Declared through the parser's sort and declaration tables, not a textual prelude, so Z3's
/// positions are the spec file's own. Not `Sendable`: it belongs to its context.
struct SpecVocabulary {
    let context: Z3Context
    let proc: Z3Sort
    /// `p0 … p(n-1)` as terms of sort `Proc`.
    let processes: [Z3AST]
    let input: Z3FuncDecl
    let decision: Z3FuncDecl
    let correct: Z3FuncDecl

    /// Declares the vocabulary for `n` processes in `context`.
    /// - Complexity: O(n).
    init(context: Z3Context, processes n: Int) throws(Z3Error) {
        self.context = context
        let (proc, constants) = try context.mkEnumerationSort(name: "Proc", constants: (0..<n).map { "p\($0)" })
        self.proc = proc
        var terms: [Z3AST] = []
        for constant in constants { terms.append(try context.apply(constant)) }
        processes = terms
        input = try context.mkFuncDecl(name: "input", domain: [proc], range: context.intSort())
        decision = try context.mkFuncDecl(name: "decision", domain: [proc], range: context.intSort())
        correct = try context.mkFuncDecl(name: "correct", domain: [proc], range: context.boolSort())
    }

    /// Parses a spec's assertions (its `solverText`) against this vocabulary.
    func parse(_ solverText: String) throws(Z3Error) -> [Z3AST] {
        try context.parseSMTLIB2(
            solverText,
            sorts: [("Proc", proc)],
            decls: [("input", input), ("decision", decision), ("correct", correct)])
    }
}

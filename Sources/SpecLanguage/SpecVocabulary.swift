import Z3Kit

/// The engine's vocabulary (docs/spec-format.md) declared in one Z3 context for `n` processes:
/// the enumeration sort `Proc` with constants `p0 … p(n-1)`; `input`, `decision`, `correct`,
/// `decision-round` and `lost`, which an outcome fixes; and the outcome's derived terms —
/// `index`, `decided` (per process) and `faults` (per execution) — which are functions of
/// those (`derived()`).
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
    let index: Z3FuncDecl
    let decided: Z3FuncDecl
    let decisionRound: Z3FuncDecl
    let faults: Z3FuncDecl
    let lost: Z3FuncDecl

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
        index = try context.mkFuncDecl(name: "index", domain: [proc], range: context.intSort())
        decided = try context.mkFuncDecl(name: "decided", domain: [proc], range: context.boolSort())
        decisionRound = try context.mkFuncDecl(name: "decision-round", domain: [proc], range: context.intSort())
        faults = try context.mkFuncDecl(name: "faults", domain: [], range: context.intSort())
        lost = try context.mkFuncDecl(name: "lost", domain: [], range: context.intSort())
    }

    /// The derived terms at every process constant, each with its definition over `decision`
    /// and `correct`: `(index pj)` is `j`; `(decided pj)` is `(decision pj) != -1` (a process
    /// that never decided: crashed before deciding, Byzantine, or never in a deciding state);
    /// `faults` counts the processes that are not correct. (`decision-round` and `lost` are
    /// fixed by the outcome itself, like `input`.)
    /// Substituting `sources` by `targets` after quantifier expansion removes them from a
    /// ground assertion; `axioms` (the equalities) pin any that remain (a `Proc` argument that
    /// is not a constant).
    /// - Complexity: O(n) terms.
    func derived() throws(Z3Error) -> (sources: [Z3AST], targets: [Z3AST], axioms: [Z3AST]) {
        var sources: [Z3AST] = [], targets: [Z3AST] = []
        let zero = try context.mkInt(0), one = try context.mkInt(1)
        var faultTerms: [Z3AST] = []
        let never = try context.mkInt(-1)
        for (j, process) in processes.enumerated() {
            let isCorrect = try context.apply(correct, [process])
            let decides = try context.mkNot(try context.mkEq(try context.apply(decision, [process]), never))
            sources.append(try context.apply(index, [process]))
            targets.append(try context.mkInt(j))
            sources.append(try context.apply(decided, [process]))
            targets.append(decides)
            faultTerms.append(try context.mkIte(isCorrect, zero, one))
        }
        sources.append(try context.apply(faults, []))
        targets.append(try context.mkAdd(faultTerms))
        var axioms: [Z3AST] = []
        for (s, t) in zip(sources, targets) { axioms.append(try context.mkEq(s, t)) }
        return (sources, targets, axioms)
    }

    /// Parses a spec's assertions (its `solverText`) against this vocabulary.
    func parse(_ solverText: String) throws(Z3Error) -> [Z3AST] {
        try context.parseSMTLIB2(
            solverText,
            sorts: [("Proc", proc)],
            decls: [("input", input), ("decision", decision), ("correct", correct), ("index", index),
                    ("decided", decided), ("decision-round", decisionRound), ("faults", faults), ("lost", lost)])
    }
}

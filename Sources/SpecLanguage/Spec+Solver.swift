import Diagnostics
import Z3Kit

extension Spec {
    /// Declares the vocabulary for `setting.processes` in `context` and has Z3 parse and
    /// sort-check every assertion.
    ///
    /// - Returns: the vocabulary and one Boolean term per property, in order.
    /// - Throws: a `Diagnostic` located in the spec file: `.badInput` for a Z3 parse or sort
    ///   error (Z3's message plus what was expected); `usageKind` for a process constant beyond
    ///   `n` (`.usage` when `n` came from the command line); `.internalError` if Z3 fails
    ///   otherwise or returns a different number of assertions than the spec has (a bug).
    /// - Complexity: linear in the text, plus about 5 ms if the context is new.
    func solverAssertions(in context: Z3Context, usageKind: Diagnostic.Kind = .badInput) throws(Diagnostic)
        -> (SpecVocabulary, [Z3AST])
    {
        let vocabulary: SpecVocabulary
        let terms: [Z3AST]
        do throws(Z3Error) {
            vocabulary = try SpecVocabulary(context: context, processes: setting.processes)
            terms = try vocabulary.parse(solverText)
        } catch let .parse(error) {
            throw diagnostic(for: error, usageKind: usageKind)
        } catch {
            throw Diagnostic(.internalError, file: file,
                             message: "\(error); Z3 failed while reading the spec — please report it")
        }
        guard terms.count == properties.count else {
            throw Diagnostic(.internalError, file: file,
                             message: "Z3 read \(terms.count) assertions where ggms read \(properties.count) asserts; "
                             + "the two readers disagree on this spec — please report it")
        }
        return (vocabulary, terms)
    }

    /// Maps a Z3 parser error to a located diagnostic in the spec file, adding what was expected.
    private func diagnostic(for error: Z3ParseError, usageKind: Diagnostic.Kind) -> Diagnostic {
        let n = setting.processes
        let message = error.message
        let positions = SolverTextPositions(solverText: solverText, file: file)
        var kind = Diagnostic.Kind.badInput
        var text = message
        var line = error.line, column = error.column
        if let l = line, let c = column { (line, column) = positions.position(line: l, column: c) }
        let constantPrefix = "unknown constant "
        if message.hasPrefix(constantPrefix) {
            var name = String(message.dropFirst(constantPrefix.count).prefix { $0 != " " })
            // Z3 points after the term; point at the unknown name itself.
            if let l = line, let c = column,
               let found = positions.unknownConstant(in: message.dropFirst(constantPrefix.count), before: (l, c)) {
                (name, line, column) = found
            }
            if let index = SpecParser.processIndex(name), index >= n {
                kind = usageKind
                text = "unknown process constant '\(name)'; expected one of p0 … p\(n - 1) "
                    + "(the spec is being read with \(n) processes)"
                if usageKind == .usage { text += ", or at least \(index + 1) processes" }
            } else {
                text += "; expected a definition declared before use, a bound variable, a process constant "
                    + "p0 … p\(n - 1), or input, decision, correct, index, decided, decision-round applied to one Proc, or faults, lost"
            }
        } else if message.contains("not Boolean") {
            text += "; expected a Boolean term"
        } else if Self.isSortMismatch(message) {
            text += "; expected matching sorts (input and decision are Int, correct is Bool, p0 … are Proc)"
        } else if message.contains("unknown sort") {
            text += "; expected Int, Bool, Proc or a sort from define-sort"
        } else {
            text += "; expected well-sorted SMT-LIB2 over Proc and the engine's vocabulary (input, decision, correct, index, decided, decision-round, faults, lost; not to be redefined)"
        }
        return Diagnostic(kind, file: file, line: line, column: column, message: text)
    }

    /// Whether Z3's message says two sorts do not match: `Sorts Int and Bool are incompatible`,
    /// `Sort mismatch at argument #1 for function …` (and lower-case `sort mismatch`).
    static func isSortMismatch(_ message: String) -> Bool {
        (message.hasPrefix("Sorts ") && message.contains(" are incompatible"))
            || message.lowercased().contains("sort mismatch")
    }
}

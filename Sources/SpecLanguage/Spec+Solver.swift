import Diagnostics
import Z3Kit

extension Spec {
    /// Declares the vocabulary for `setting.processes` in `context` and has Z3 parse and
    /// sort-check every assertion.
    ///
    /// - Returns: the vocabulary and one Boolean term per property, in order.
    /// - Throws: a `Diagnostic` located in the spec file: `.badInput` for a Z3 parse or sort
    ///   error (Z3's message plus what was expected); `usageKind` for a process constant beyond
    ///   `n` (`.usage` when `n` came from the command line).
    /// - Complexity: linear in the text, plus about 5 ms if the context is new.
    func solverAssertions(in context: Z3Context, usageKind: Diagnostic.Kind = .badInput) throws(Diagnostic)
        -> (SpecVocabulary, [Z3AST])
    {
        let n = setting.processes
        do throws(Z3Error) {
            let vocabulary = try SpecVocabulary(context: context, processes: n)
            let terms = try vocabulary.parse(solverText)
            guard terms.count == properties.count else {
                throw Z3Error.api(code: -1, message: "Z3 returned \(terms.count) assertions for \(properties.count) asserts")
            }
            return (vocabulary, terms)
        } catch let .parse(error) {
            throw diagnostic(for: error, usageKind: usageKind)
        } catch {
            throw Diagnostic(.badInput, file: file,
                             message: "\(error); this is a failure of Z3 or a bug in ggms, not of the spec — please report it")
        }
    }

    /// Maps a Z3 parser error to the file, adding what was expected.
    private func diagnostic(for error: Z3ParseError, usageKind: Diagnostic.Kind) -> Diagnostic {
        let n = setting.processes
        let message = error.message
        var kind = Diagnostic.Kind.badInput
        var text = message
        var line = error.line, column = error.column
        let constantPrefix = "unknown constant "
        if message.hasPrefix(constantPrefix) {
            let name = message.dropFirst(constantPrefix.count).prefix { $0 != " " }
            // Z3 points after the term; point at the unknown name itself.
            if let l = line, let c = column, let at = Self.lastOccurrence(of: name, before: (l, c), in: solverText) {
                (line, column) = at
            }
            if let index = SpecParser.processIndex(String(name)), index >= n {
                kind = usageKind
                text = "unknown process constant '\(name)'; expected one of p0 … p\(n - 1) "
                    + "(the spec is being read with \(n) processes)"
                if usageKind == .usage { text += ", or at least \(index + 1) processes" }
            } else {
                text += "; expected a definition declared before use, a bound variable, a process constant "
                    + "p0 … p\(n - 1), or input, decision, correct applied to one Proc"
            }
        } else if message.contains("not Boolean") {
            text += "; expected a Boolean term"
        } else if message.contains("ort") {  // "Sorts … are incompatible", "Sort mismatch …"
            text += "; expected matching sorts (input and decision are Int, correct is Bool, p0 … are Proc)"
        } else {
            text += "; expected well-sorted SMT-LIB2 over Proc, input, decision and correct"
        }
        return Diagnostic(kind, file: file, line: line, column: column, message: text)
    }

    /// The 1-based line and column of the last whole-symbol occurrence of `name` in `text` at or
    /// before `position`, or nil (then Z3's own position stands).
    /// - Complexity: O(characters before `position`).
    static func lastOccurrence(of name: Substring, before position: (line: Int, column: Int), in text: String) -> (Int, Int)? {
        guard !name.isEmpty else { return nil }
        let delimiters: Set<Character> = [" ", "\t", "\r", "(", ")", "|", ";", "\""]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var l = min(position.line, lines.count)
        let target = Array(name.unicodeScalars)
        while l >= 1 {
            let scalars = Array(lines[l - 1].unicodeScalars)
            let limit = l == position.line ? min(position.column, scalars.count) : scalars.count
            var start = limit - target.count
            while start >= 0 {
                if Array(scalars[start..<(start + target.count)]) == target,
                   start == 0 || delimiters.contains(Character(scalars[start - 1])),
                   start + target.count == scalars.count || delimiters.contains(Character(scalars[start + target.count])) {
                    return (l, start + 1)
                }
                start -= 1
            }
            l -= 1
        }
        return nil
    }
}

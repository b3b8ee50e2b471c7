import Diagnostics
import ProtocolLanguage
import Testing

/// Each kind of bad input gives a located `.badInput` diagnostic that says what was found and
/// what was expected.
@Suite(.timeLimit(.minutes(5))) struct DiagnosticTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var line: Int
        var column: Int
        var fragment: String
        var testDescription: String { name }

        /// `base` with line `number` (1-based) replaced by `replacement` (nil deletes it).
        init(_ name: String, replacing edits: [Int: String?] = [:], appending extra: [String] = [],
             text: String? = nil, at line: Int, _ column: Int, _ fragment: String) {
            var lines = Case.base
            for (number, replacement) in edits.sorted(by: { $0.key > $1.key }) {
                if let replacement { lines[number - 1] = replacement } else { lines.remove(at: number - 1) }
            }
            self.name = name
            self.text = text ?? (lines + extra).joined(separator: "\n") + "\n"
            self.line = line
            self.column = column
            self.fragment = fragment
        }

        static let base = [
            "states a b",
            "init 0 -> a, 1 -> b",
            "decide a -> 0, b -> 1",
            "next",
            "  heard(b) >= 1 -> b",
            "  otherwise -> self",
        ]
    }

    static let cases: [Case] = [
        Case("syntax: missing term", replacing: [5: "  heard(b) >= -> b"], at: 5, 15, "found '->'; expected a term after '>='"),
        Case("unknown state in init", replacing: [2: "init 0 -> a, 1 -> c"], at: 2, 19, "unknown state 'c'; expected one of: a, b"),
        Case("unknown state in decide", replacing: [3: "decide a -> 0, z -> 1"], at: 3, 16, "unknown state 'z'; expected one of: a, b"),
        Case("unknown state in heard", replacing: [5: "  heard(q) >= 1 -> b"], at: 5, 9, "unknown state 'q'"),
        Case("unknown state with self", replacing: [5: "  self == q -> b"], at: 5, 11, "unknown state 'q'"),
        Case("unknown target", replacing: [6: "  otherwise -> bb"], at: 6, 16, "unknown state 'bb'; expected one of: a, b (did you mean 'b'?)"),
        Case("duplicate state", replacing: [1: "states a b a"], at: 1, 12, "duplicate state 'a'"),
        Case("duplicate init input", replacing: [2: "init 0 -> a, 0 -> b"], at: 2, 14, "duplicate init entry for input 0"),
        Case("duplicate decide state", replacing: [3: "decide a -> 0, a -> 1"], at: 3, 16, "duplicate decide entry for state 'a'"),
        Case("missing states", text: "protocol x\n", at: 1, 11, "missing 'states' section"),
        Case("protocol without a name", text: "protocol   # none\n", at: 1, 9, "found end of line; expected a protocol name"),
        Case("empty file", text: "", at: 1, 1, "missing 'states' section"),
        Case("missing init", replacing: [2: nil], at: 5, 20, "missing 'init' section"),
        Case("missing decide", replacing: [3: nil], at: 5, 20, "missing 'decide' section"),
        Case("missing next", replacing: [4: nil, 5: nil, 6: nil], at: 3, 22, "missing 'next' section"),
        Case("next without rules", replacing: [5: nil, 6: nil], at: 4, 1, "'next' has no rules"),
        Case("empty states", replacing: [1: "states   # none"], at: 1, 1, "'states' lists no states"),
        Case("unknown section", replacing: [3: "decied a -> 0"], at: 3, 1, "unknown section 'decied'; expected one of protocol, states, messages, init, send, decide, next (did you mean 'decide'?)"),
        Case("rule before next", replacing: [4: "  otherwise -> a"], at: 4, 3, "rule before 'next'; expected a line 'next'"),
        Case("too many states", replacing: [1: "states s1 s2 s3 s4 s5 s6 s7 s8 s9"], at: 1, 32, "too many states (9); expected at most 8"),
        Case("keyword as state", replacing: [1: "states a b next"], at: 1, 12, "'next' is a keyword and cannot name a state"),
        Case("self with <", replacing: [5: "  self < a -> b"], at: 5, 8, "expected '==' or '!='"),
        Case("self compared with a sum", replacing: [5: "  self == heard(a) + 1 -> b"], at: 5, 11, "expected a state name"),
        Case("chained comparison", replacing: [5: "  1 < 2 < 3 -> a"], at: 5, 9, "comparisons do not chain"),
        Case("number as condition", replacing: [5: "  heard(a) -> a"], at: 5, 3, "'heard(a)' is a number, not a condition"),
        Case("condition as number", replacing: [5: "  (missing > 0) + 1 > 2 -> a"], at: 5, 3, "'(missing > 0)' is a condition, not a number"),
        Case("unexpected character", replacing: [5: "  heard(a) >= 1 ; -> a"], at: 5, 17, "unexpected character ';'"),
        Case("single =", replacing: [5: "  heard(a) = 1 -> a"], at: 5, 12, "found '='; expected '=='"),
        Case("section after next", appending: ["init 2 -> a"], at: 7, 1, "section 'init' after 'next'"),
        Case("protocol not first", replacing: [2: "protocol x"], appending: [], at: 2, 1, "expected 'protocol NAME' as the first line"),
        Case("duplicate section", replacing: [4: "init 2 -> a"], appending: ["next", "  otherwise -> a"], at: 4, 1, "second 'init' section"),
        Case("init before states", text: "init 0 -> a\nstates a\n", at: 1, 1, "'init' before 'states'"),
        Case("missing arrow", replacing: [5: "  heard(a) >= 1 a"], at: 5, 17, "found 'a'; expected '->' after the guard"),
        Case("unclosed parenthesis", replacing: [5: "  (heard(a) >= 1 -> a"], at: 5, 18, "expected ')'"),
        Case("junk after target", replacing: [6: "  otherwise -> a b"], at: 6, 18, "found 'b'; expected end of line"),
        Case("missing target", replacing: [6: "  otherwise ->"], at: 6, 15, "found end of line; expected a target"),
        Case("input not a number", replacing: [2: "init x -> a"], at: 2, 6, "found 'x'; expected an input value"),
        Case("decision not a number", replacing: [3: "decide a -> b"], at: 3, 13, "expected a decision value"),
        Case("number too large", replacing: [2: "init 99999999999999999999 -> a"], at: 2, 6, "is too large"),
        Case("dangling comma at end of file", text: "states a\ninit 0 -> a,\n", at: 2, 13, "found end of line; expected an input value"),
        Case("word that is not a term", replacing: [5: "  x >= 1 -> a"], at: 5, 3, "'x' is not a term"),
        Case("misspelled keyword", replacing: [5: "  mising > 0 -> a"], at: 5, 3, "did you mean 'missing'?"),
        Case("unknown function", replacing: [5: "  hear(a) >= 1 -> a"], at: 5, 3, "unknown function 'hear'; expected heard(STATE) or from(TERM) (did you mean 'heard'?)"),
        Case("malformed number", replacing: [5: "  2a > 1 -> a"], at: 5, 3, "malformed number '2a'"),
        Case("otherwise in a guard", replacing: [5: "  otherwise and missing > 0 -> a"], at: 5, 13, "expected '->' after 'otherwise'"),
        Case("negative input", replacing: [2: "init -1 -> a"], at: 2, 6, "found '-'; expected an input value"),
        Case("rule after otherwise", appending: ["  missing > 0 -> a"], at: 7, 3, "this rule can never apply: an earlier 'otherwise' (line 6) matches everything; expected 'otherwise' last"),
        Case("literal too large", replacing: [5: "  heard(b) >= 1000001 -> b"], at: 5, 15, "integer literal 1000001 is too large; expected at most 1000000"),
        Case("nested too deeply", replacing: [5: "  " + String(repeating: "(", count: 300) + "heard(b) >= 1" + String(repeating: ")", count: 300) + " -> b"],
             at: 5, 259, "guard nested too deeply"),
        Case("guard too long", replacing: [5: "  heard(b)" + String(repeating: " + 1", count: 300) + " >= 1 -> b"], at: 5, 1034, "guard too long"),
    ]

    @Test(arguments: cases)
    func locatedError(_ c: Case) {
        do {
            let p = try ProtocolDefinition.parse(c.text, file: "bad.protocol")
            Issue.record("parsed without error: \(p)")
        } catch {
            #expect(error.kind == .badInput)
            #expect(error.file == "bad.protocol")
            #expect(error.line == c.line, "\(error)")
            #expect(error.column == c.column, "\(error)")
            #expect(error.message.contains(c.fragment), "\(error)")
            #expect(error.message.contains("expected"), "message must say what was expected: \(error)")
        }
    }

    @Test func descriptionIsOneLocatedLine() {
        #expect(throws: Diagnostic.self) { try ProtocolDefinition.parse("states a a\n", file: "p.protocol") }
        do {
            _ = try ProtocolDefinition.parse("states a a\n", file: "p.protocol")
        } catch {
            #expect(error.description == "p.protocol:1:10: error: duplicate state 'a' (first at line 1); expected distinct state names")
        }
    }


    @Test func initCoverageIsNotCheckedHere() throws {
        // Inputs 5 and 9 with no input 0, and a state with no decision: the game layer's job.
        let p = try ProtocolDefinition.parse("states a b\ninit 5 -> a, 9 -> b\ndecide a -> 7\nnext\n otherwise -> self\n", file: "t")
        #expect(p.initial.map(\.input) == [5, 9])
    }
}

import Diagnostics
import ProtocolLanguage
import Testing

/// Identities in the protocol language: `id`, `from(TERM) == MESSAGE | none` and `!=`,
/// printing that parses back, evaluation (`TERM mod n`, `from(id)` is the own message), and a
/// located error for every misuse.
@Suite(.timeLimit(.minutes(5))) struct IdentityTests {
    static let text = """
        protocol relay
        states v0 v1 unknown
        messages zero one idle
        init   0 -> v0, 1 -> v1
        send   v0 -> zero, v1 -> one, unknown -> idle
        decide v0 -> 0, v1 -> 1, unknown -> 0
        next
          round == 1 and from(0) == zero -> v0
          round == 1 and one == from(0)  -> v1
          from(round - 1) != none and id > 0 -> self
          from((id + 1) - n) == none -> unknown
          otherwise -> self
        """

    @Test func parsesIdAndFrom() throws {
        let p = try ProtocolDefinition.parse(Self.text, file: "relay.protocol")
        #expect(p.rules[0].guard == .and(.comparison(.round, .eq, .literal(1)), .from(.literal(0), .eq, 0)))
        #expect(p.rules[1].guard == .and(.comparison(.round, .eq, .literal(1)), .from(.literal(0), .eq, 1)))
        #expect(p.rules[2].guard == .and(.from(.sub(.round, .literal(1)), .ne, nil), .comparison(.id, .gt, .literal(0))))
        #expect(p.rules[3].guard == .from(.sub(.add(.id, .literal(1)), .processes), .eq, nil))
        #expect(p.rules.allSatisfy { $0.guard?.readsIdentity ?? false } == false)
        #expect(p.rules[0].guard?.readsIdentity == true && p.rules[2].guard?.readsIdentity == true)
    }

    @Test func printsAndParsesBack() throws {
        let p = try ProtocolDefinition.parse(Self.text, file: "relay.protocol")
        let printed = p.printed()
        #expect(printed.contains("from(0) == zero"))
        #expect(printed.contains("from(0) == one"))
        #expect(printed.contains("from(round - 1) != none and id > 0"))
        #expect(printed.contains("from(id + 1 - n) == none"))
        #expect(try ProtocolDefinition.parse(printed, file: "again.protocol") == p)
    }

    @Test func fromReadsTheSenderModN() {
        // n = 4, process 1; from[1] is its own message.
        let context = GuardContext(round: 2, state: 0, heard: [1, 1, 0], missing: 1, processes: 4, crashes: 1,
                                   id: 1, from: [0, 2, nil, 1])
        #expect(Guard.from(.id, .eq, 2).holds(in: context))                                   // own message
        #expect(Guard.from(.sub(.round, .literal(1)), .eq, 2).holds(in: context))            // process 1
        #expect(Guard.from(.literal(-2), .eq, nil).holds(in: context))                       // -2 mod 4 = 2
        #expect(Guard.from(.add(.id, .literal(2)), .eq, 1).holds(in: context))               // 3
        #expect(Guard.from(.literal(4), .ne, 0).holds(in: context) == false)                 // 4 mod 4 = 0
        #expect(Term.id.value(in: context) == 1)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String, rule: String, column: Int, fragment: String
        var testDescription: String { name }
        var text: String {
            "states a b\nmessages m0 m1\ninit 0 -> a, 1 -> b\nsend a -> m0, b -> m1\ndecide a -> 0, b -> 1\nnext\n  \(rule)\n  otherwise -> self\n"
        }
    }

    static let cases: [Case] = [
        Case(name: "ordered comparison", rule: "from(0) < m1 -> a", column: 11, fragment: "found '<' with 'from(…)'; expected '==' or '!='"),
        Case(name: "from alone", rule: "from(0) -> a", column: 3, fragment: "'from(0)' alone is not a condition"),
        Case(name: "from as a number", rule: "from(0) + 1 >= 1 -> a", column: 3, fragment: "'from(0)' is a message, not a number"),
        Case(name: "none as a number", rule: "none >= 1 -> a", column: 3, fragment: "'none' used as a number"),
        Case(name: "none alone", rule: "none -> a", column: 3, fragment: "'none' alone is not a condition"),
        Case(name: "from with from", rule: "from(0) == from(1) -> a", column: 14, fragment: "'from(…)' compared with 'from(…)'"),
        Case(name: "state as message", rule: "from(0) == a -> a", column: 14, fragment: "'a' is a state, not a message"),
        Case(name: "unknown message", rule: "from(0) == m2 -> a", column: 14, fragment: "unknown message 'm2'; expected one of: m0, m1 (did you mean 'm0'?)"),
        Case(name: "none with self", rule: "self == none -> a", column: 11, fragment: "'none' compared with 'self'"),
        Case(name: "unclosed from", rule: "from(id + 1 == m0 -> a", column: 15, fragment: "expected '+', '-' or ')' to close from("),
        Case(name: "empty from", rule: "from() == m0 -> a", column: 8, fragment: "expected a process index term inside from("),
        Case(name: "from without parenthesis", rule: "from == m0 -> a", column: 8, fragment: "expected '(' after 'from'"),
        Case(name: "misspelled from", rule: "fro(0) == m0 -> a", column: 3, fragment: "unknown function 'fro'; expected heard(STATE) or from(TERM) (did you mean 'from'?)"),
        Case(name: "id as a state", rule: "self == id -> a", column: 11, fragment: "expected a state name"),
        Case(name: "condition inside from", rule: "from(id == 1) == m0 -> a", column: 11, fragment: "expected '+', '-' or ')' to close from("),
    ]

    @Test(arguments: cases)
    func locatedError(_ c: Case) {
        do {
            let p = try ProtocolDefinition.parse(c.text, file: "bad.protocol")
            Issue.record("parsed without error: \(p)")
        } catch {
            #expect(error.kind == .badInput)
            #expect(error.line == 7, "\(error)")
            #expect(error.column == c.column, "\(error)")
            #expect(error.message.contains(c.fragment), "\(error)")
            #expect(error.message.contains("expected"), "\(error)")
        }
    }

    @Test func keywordsCannotNameStates() {
        for word in ["id", "from", "none"] {
            #expect(throws: Diagnostic.self) { try ProtocolDefinition.parse("states \(word) b\n", file: "k.protocol") }
        }
    }
}

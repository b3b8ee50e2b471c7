import Diagnostics
import ProtocolLanguage
import Testing

/// Message alphabets (`messages`, `send`) and partial `decide`: parsing, the separate
/// namespaces of states and messages, printing, and a located error for every misuse.
@Suite(.timeLimit(.minutes(5))) struct AlphabetTests {
    /// Three states, two messages; `decide` leaves `wait` out.
    static let text = """
        protocol quiet
        states wait v0 v1
        messages zero, one
        init   0 -> v0, 1 -> v1
        send   wait -> one, v0 -> zero,
               v1 -> one
        decide v0 -> 0, v1 -> 1
        next
          self == wait and heard(zero) >= 1 -> v0
          heard(zero) > heard(one)           -> v0
          otherwise                          -> self
        """

    @Test func parsesMessagesSendAndPartialDecide() throws {
        let p = try ProtocolDefinition.parse(Self.text, file: "quiet.protocol")
        #expect(p.states == ["wait", "v0", "v1"])
        #expect(p.messages == ["zero", "one"])
        #expect(p.hasAlphabet && p.messageLabels == ["zero", "one"])
        #expect(p.sends == [SendEntry(state: 0, message: 1), SendEntry(state: 1, message: 0), SendEntry(state: 2, message: 1)])
        #expect(p.sends[2].location == SourceLocation(file: "quiet.protocol", line: 6, column: 8))
        #expect(p.decisions == [DecideEntry(state: 1, decision: 0), DecideEntry(state: 2, decision: 1)])
        #expect(p.decideLocation == SourceLocation(file: "quiet.protocol", line: 7, column: 1))
        #expect(p.decision(ofState: 0) == nil && p.decision(ofState: 2) == 1)
        #expect(p.message(ofState: 0) == 1 && p.message(ofState: 1) == 0)
        // `self ==` names a state, `heard` a message.
        #expect(p.rules[0].guard == .and(.selfIs(0), .comparison(.heard(0), .ge, .literal(1))))
        #expect(p.rules[1].guard == .comparison(.heard(0), .gt, .heard(1)))
    }

    @Test func withoutAnAlphabetMessagesAreStates() throws {
        let p = try ProtocolDefinition.parse(Fixtures.floodset, file: "t")
        #expect(!p.hasAlphabet && p.messages == nil && p.sends.isEmpty)
        #expect(p.messageLabels == ["0", "1"])
        #expect(p.message(ofState: 1) == 1)
    }

    @Test func aNameMayBeBothAStateAndAMessage() throws {
        let p = try ProtocolDefinition.parse("""
            states x a
            messages a b
            init 0 -> a
            send x -> a, a -> b
            decide a -> 0
            next
              self == a and heard(a) >= 1 -> x
              heard(b) == 0 -> a
            """, file: "t")
        // heard(a) is message 0, self == a is state 1, the target a is state 1.
        #expect(p.rules[0].guard == .and(.selfIs(1), .comparison(.heard(0), .ge, .literal(1))))
        #expect(p.rules[0].target == .state(0))
        #expect(p.rules[1].target == .state(1))
        #expect(p.sends == [SendEntry(state: 0, message: 0), SendEntry(state: 1, message: 1)])
    }

    @Test func printsInNormalForm() throws {
        let p = try ProtocolDefinition.parse(Self.text, file: "t")
        #expect(p.printed() == """
            protocol quiet
            states wait v0 v1
            messages zero one
            init   0 -> v0, 1 -> v1
            send   wait -> one, v0 -> zero, v1 -> one
            decide v0 -> 0, v1 -> 1
            next
              self == wait and heard(zero) >= 1 -> v0
              heard(zero) > heard(one)          -> v0
              otherwise                         -> self

            """)
        #expect(try ProtocolDefinition.parse(p.printed(), file: "t") == p)
    }

    @Test func anEmptyDecideRoundTrips() throws {
        let p = try ProtocolDefinition.parse("states a\ninit 0 -> a\ndecide\nnext\n  otherwise -> self\n", file: "t")
        #expect(p.decisions.isEmpty)
        #expect(p.printed() == "states a\ninit   0 -> a\ndecide\nnext\n  otherwise -> self\n")
        #expect(try ProtocolDefinition.parse(p.printed(), file: "t") == p)
    }

    @Test func locationsTakeNoPartInEquality() throws {
        let p = try ProtocolDefinition.parse(Self.text, file: "a")
        let q = try ProtocolDefinition.parse("\n\n" + Self.text, file: "b")
        #expect(p.decideLocation != q.decideLocation)
        #expect(p == q && p.hashValue == q.hashValue)
        var r = p
        r.sends[0].message = 0
        #expect(r != p)
        r = p
        r.messages = ["zero", "uno"]
        #expect(r != p)
    }

    @Test func heardCountsMessages() throws {
        let p = try ProtocolDefinition.parse(Self.text, file: "t")
        // Two messages: heard = [zero, one].
        let context = GuardContext(round: 1, state: 0, heard: [1, 0], missing: 1, processes: 3, crashes: 1)
        #expect(p.nextState(in: context) == 1)
        var other = context
        other.heard = [0, 2]
        other.missing = 0
        #expect(p.nextState(in: other) == 0)
    }

    @Test func guardsPrintMessagesAndStatesByTheirOwnNames() {
        let g = Guard.and(.selfIs(1), .comparison(.heard(1), .ge, .literal(1)))
        #expect(g.text(stateNames: ["s", "t"], messageNames: ["m", "n"]) == "self == t and heard(n) >= 1")
        #expect(g.text(stateNames: ["s", "t"]) == "self == t and heard(t) >= 1")
    }

    @Test func dotShowsMessagesAndDecidingStates() throws {
        let dot = try ProtocolDefinition.parse(Self.text, file: "t").dot()
        #expect(dot.contains(##"s0 [label="wait\nsend one"];"##))
        #expect(dot.contains(##"s1 [label="v0\nsend zero\ndecide 0", shape=doublecircle];"##))
        // Rules 1 and 2 both lead from wait to v0: one edge, one line each.
        #expect(dot.contains(##"s0 -> s1 [label="#1 heard(zero) >= 1\n#2 heard(zero) > heard(one)"];"##))
        #expect(dot.contains(##"s2 -> s1 [label="#2 heard(zero) > heard(one)"];"##))
    }

    // MARK: Errors

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var line: Int
        var column: Int
        var fragment: String
        var testDescription: String { name }

        /// `base` with line `number` (1-based) replaced by `replacement` (nil deletes it).
        init(_ name: String, replacing edits: [Int: String?] = [:], text: String? = nil,
             at line: Int, _ column: Int, _ fragment: String) {
            var lines = Case.base
            for (number, replacement) in edits.sorted(by: { $0.key > $1.key }) {
                if let replacement { lines[number - 1] = replacement } else { lines.remove(at: number - 1) }
            }
            self.name = name
            self.text = text ?? lines.joined(separator: "\n") + "\n"
            self.line = line
            self.column = column
            self.fragment = fragment
        }

        static let base = [
            "states a b",
            "messages m0 m1",
            "init 0 -> a, 1 -> b",
            "send a -> m0, b -> m1",
            "decide a -> 0, b -> 1",
            "next",
            "  heard(m1) >= 1 -> b",
            "  otherwise -> self",
        ]
    }

    static let cases: [Case] = [
        Case("send entry missing", replacing: [4: "send a -> m0"], at: 4, 1,
             "state 'b' has no send entry; expected `b -> MESSAGE` in send"),
        Case("send without messages", replacing: [2: nil], at: 3, 1, "'send' before 'messages'; expected a line 'messages NAME ...' first"),
        Case("send before messages", replacing: [2: "send a -> m0, b -> m1", 4: "messages m0 m1"], at: 2, 1, "'send' before 'messages'"),
        Case("messages without send", replacing: [4: nil], at: 2, 1, "'messages' without 'send'; expected a line 'send STATE -> MESSAGE, ...'"),
        Case("message as self", replacing: [7: "  self == m1 -> b"], at: 7, 11, "'m1' is a message, not a state; expected a state name, one of: a, b"),
        Case("message as target", replacing: [7: "  heard(m1) >= 1 -> m1"], at: 7, 21, "'m1' is a message, not a state"),
        Case("message in init", replacing: [3: "init 0 -> m0, 1 -> b"], at: 3, 11, "'m0' is a message, not a state"),
        Case("message in decide", replacing: [5: "decide m0 -> 0, b -> 1"], at: 5, 8, "'m0' is a message, not a state"),
        Case("message on the left of send", replacing: [4: "send m0 -> m0, b -> m1"], at: 4, 6, "'m0' is a message, not a state"),
        Case("state in heard", replacing: [7: "  heard(b) >= 1 -> b"], at: 7, 9, "'b' is a state, not a message; expected a message name, one of: m0, m1"),
        Case("state as a message in send", replacing: [4: "send a -> m0, b -> a"], at: 4, 20, "'a' is a state, not a message"),
        Case("duplicate message", replacing: [2: "messages m0 m1 m0"], at: 2, 16, "duplicate message 'm0' (first at line 2); expected distinct message names"),
        Case("unknown message in heard", replacing: [7: "  heard(mm1) >= 1 -> b"], at: 7, 9, "unknown message 'mm1'; expected one of: m0, m1 (did you mean"),
        Case("unknown message in send", replacing: [4: "send a -> m0, b -> m3"], at: 4, 20, "unknown message 'm3'; expected one of: m0, m1"),
        Case("unknown state in send", replacing: [4: "send a -> m0, c -> m1"], at: 4, 15, "unknown state 'c'; expected one of: a, b"),
        Case("duplicate send entry", replacing: [4: "send a -> m0, a -> m1"], at: 4, 15, "duplicate send entry for state 'a'"),
        Case("second messages section", replacing: [3: "messages m2"], at: 3, 1, "second 'messages' section"),
        Case("second send section", replacing: [5: "send a -> m0, b -> m1"], at: 5, 1, "second 'send' section"),
        Case("empty messages", replacing: [2: "messages"], at: 2, 1, "'messages' lists no messages"),
        Case("keyword as message", replacing: [2: "messages m0 send"], at: 2, 13, "'send' is a keyword and cannot name a message"),
        Case("keyword as state", replacing: [1: "states a b messages"], at: 1, 12, "'messages' is a keyword and cannot name a state"),
        Case("too many messages", replacing: [2: "messages q1 q2 q3 q4 q5 q6 q7 q8 q9"], at: 2, 34, "too many messages (9); expected at most 8"),
        Case("send before states", text: "messages m\nsend a -> m\nstates a\n", at: 2, 1, "'send' before 'states'"),
        Case("missing arrow in send", replacing: [4: "send a m0, b -> m1"], at: 4, 8, "expected '->' after state 'a'"),
        Case("message name as a term", replacing: [7: "  m1 >= 1 -> b"], at: 7, 3, "'m1' is not a term; expected a number, heard(STATE), missing, round, n, f or id (a message name appears only in heard(m1) or 'from(TERM) == m1')"),
        Case("unclosed heard", replacing: [7: "  heard(m1 >= 1 -> b"], at: 7, 12, "expected ')' to close heard("),
        Case("section after next", text: Case.base.joined(separator: "\n") + "\nsend a -> m0\n", at: 9, 1, "section 'send' after 'next'"),
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

    @Test func theBaseParses() throws {
        let p = try ProtocolDefinition.parse(Case.base.joined(separator: "\n"), file: "good.protocol")
        #expect(p.messages == ["m0", "m1"] && p.sends.count == 2)
    }
}

import Diagnostics
import ProtocolLanguage
import Testing

@Suite(.timeLimit(.minutes(5))) struct ParsingTests {
    @Test func floodset() throws {
        let p = try ProtocolDefinition.parse(Fixtures.floodset, file: "floodset.protocol")
        #expect(p.name == "floodset")
        #expect(p.states == ["0", "1"])
        #expect(p.initial == [InitEntry(input: 0, state: 0), InitEntry(input: 1, state: 1)])
        #expect(p.decisions == [DecideEntry(state: 0, decision: 0), DecideEntry(state: 1, decision: 1)])
        #expect(p.rules == [
            Rule(guard: .comparison(.heard(0), .ge, .literal(1)), target: .state(0)),
            Rule(guard: nil, target: .stay),
        ])
        #expect(p.comments == [])
        #expect(p.initial[1].location == SourceLocation(file: "floodset.protocol", line: 3, column: 16))
        #expect(p.decisions[0].location == SourceLocation(file: "floodset.protocol", line: 4, column: 8))
        #expect(p.rules[1].location == SourceLocation(file: "floodset.protocol", line: 7, column: 3))
        #expect(p.stateIndex(named: "1") == 1)
        #expect(p.stateIndex(named: "2") == nil)
    }

    @Test func phases() throws {
        let p = try ProtocolDefinition.parse(Fixtures.phases, file: "phases.protocol")
        #expect(p.comments == ["Three-phase toy protocol.", "", "  Used by the parser tests."])
        #expect(p.states == ["idle", "vote0", "vote1", "done"])
        #expect(p.initial.map(\.state) == [1, 2])
        #expect(p.initial[1].location?.line == 7)
        #expect(p.decisions.map(\.decision) == [0, 0, 1, 1])
        #expect(p.decisions[2].location?.line == 9)
        #expect(p.rules.count == 5)
        #expect(p.rules[0] == Rule(guard: .selfIs(0), target: .stay))
        #expect(p.rules[1].guard == .and(.selfIs(1), .comparison(.heard(2), .gt, .add(.heard(1), .missing))))
        #expect(p.rules[2].guard == .not(.or(.selfIsNot(2),
                                             .comparison(.add(.heard(1), .literal(1)), .le,
                                                         .sub(.sub(.processes, .crashes), .literal(1))))))
        #expect(p.rules[3].guard == .and(.comparison(.round, .ge, .literal(3)),
                                         .or(.comparison(.heard(3), .ge, .literal(1)),
                                             .comparison(.missing, .eq, .literal(0)))))
    }

    @Test func stateNamesAreNamesNotIndices() throws {
        let text = """
            states 1 0
            init 0 -> 0, 1 -> 1
            decide 0 -> 0, 1 -> 1
            next
              self == 0 and heard(0) == 2 -> 1
              otherwise -> self
            """
        let p = try ProtocolDefinition.parse(text, file: "t")
        #expect(p.initial == [InitEntry(input: 0, state: 1), InitEntry(input: 1, state: 0)])
        #expect(p.rules[0] == Rule(guard: .and(.selfIs(1), .comparison(.heard(1), .eq, .literal(2))), target: .state(0)))
    }

    @Test func sectionsInOtherOrderAndRuleOnNextLine() throws {
        let text = "states a b\ndecide b -> 1, a -> 0\ninit 3 -> b\nnext otherwise -> a\n"
        let p = try ProtocolDefinition.parse(text, file: "t")
        #expect(p.name == nil)
        #expect(p.decisions == [DecideEntry(state: 1, decision: 1), DecideEntry(state: 0, decision: 0)])
        #expect(p.initial == [InitEntry(input: 3, state: 1)])
        #expect(p.rules == [Rule(guard: nil, target: .state(0))])
    }

    @Test func negativeLiteralsAndCRLF() throws {
        let text = "states a\r\ninit 0 -> a\r\ndecide a -> 0\r\nnext\r\n  -1 < heard(a) - -2 -> a\r\n"
        let p = try ProtocolDefinition.parse(text, file: "t")
        #expect(p.rules[0].guard == .comparison(.literal(-1), .lt, .sub(.heard(0), .literal(-2))))
    }

    @Test func protocolNameIsTheRestOfTheLine() throws {
        let p = try ProtocolDefinition.parse("protocol  flood-set v2.1   # comment\nstates a\ninit 0 -> a\ndecide a -> 0\nnext\n otherwise -> a\n", file: "t")
        #expect(p.name == "flood-set v2.1")
        #expect(p.printed().hasPrefix("protocol flood-set v2.1\n"))
    }

    @Test func stateNameValidity() {
        #expect(ProtocolDefinition.isValidStateName("idle_2"))
        #expect(ProtocolDefinition.isValidStateName("_x"))
        #expect(ProtocolDefinition.isValidStateName("17"))
        #expect(!ProtocolDefinition.isValidStateName(""))
        #expect(!ProtocolDefinition.isValidStateName("self"))
        #expect(!ProtocolDefinition.isValidStateName("2a"))
        #expect(!ProtocolDefinition.isValidStateName("a-b"))
        #expect(!ProtocolDefinition.isValidStateName("é"))
    }

    @Test func locationsDoNotAffectEquality() {
        let a = InitEntry(input: 0, state: 1, location: SourceLocation(file: "x", line: 1, column: 1))
        let b = InitEntry(input: 0, state: 1)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Rule(guard: nil, target: .stay, location: SourceLocation(file: "x", line: 9, column: 9))
                == Rule(guard: nil, target: .stay))
        #expect(DecideEntry(state: 0, decision: 0, location: SourceLocation(file: "x", line: 2, column: 3))
                == DecideEntry(state: 0, decision: 0))
    }
}

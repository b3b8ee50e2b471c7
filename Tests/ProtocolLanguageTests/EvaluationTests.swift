import ProtocolLanguage
import Testing

@Suite(.timeLimit(.minutes(5))) struct EvaluationTests {
    @Test func terms() {
        let c = Fixtures.context(round: 3, state: 1, heard: [2, 1], missing: 1, processes: 5, crashes: 2)
        #expect(Term.literal(-4).value(in: c) == -4)
        #expect(Term.heard(0).value(in: c) == 2)
        #expect(Term.heard(1).value(in: c) == 1)
        #expect(Term.missing.value(in: c) == 1)
        #expect(Term.round.value(in: c) == 3)
        #expect(Term.processes.value(in: c) == 5)
        #expect(Term.crashes.value(in: c) == 2)
        #expect(Term.sub(.sub(.processes, .crashes), .literal(1)).value(in: c) == 2)
        #expect(Term.add(.heard(0), .sub(.missing, .round)).value(in: c) == 0)
    }

    @Test(arguments: Comparator.allCases)
    func comparators(op: Comparator) {
        let c = Fixtures.context(heard: [2, 0])
        let expected: [Comparator: [Bool]] = [ // against 1, 2, 3
            .eq: [false, true, false], .ne: [true, false, true], .lt: [false, false, true],
            .le: [false, true, true], .gt: [true, false, false], .ge: [true, true, false],
        ]
        let results = [1, 2, 3].map { Guard.comparison(.heard(0), op, .literal($0)).holds(in: c) }
        #expect(results == expected[op])
    }

    @Test func connectivesAndSelf() {
        let c = Fixtures.context(state: 1, heard: [0, 3])
        let yes = Guard.comparison(.literal(1), .eq, .literal(1))
        let no = Guard.comparison(.literal(1), .eq, .literal(2))
        #expect(Guard.and(yes, yes).holds(in: c))
        #expect(!Guard.and(yes, no).holds(in: c))
        #expect(Guard.or(no, yes).holds(in: c))
        #expect(!Guard.or(no, no).holds(in: c))
        #expect(Guard.not(no).holds(in: c))
        #expect(Guard.selfIs(1).holds(in: c))
        #expect(!Guard.selfIs(0).holds(in: c))
        #expect(Guard.selfIsNot(0).holds(in: c))
        #expect(!Guard.selfIsNot(1).holds(in: c))
    }

    @Test func floodsetNextState() throws {
        let p = try ProtocolDefinition.parse(Fixtures.floodset, file: "t")
        #expect(p.nextState(in: Fixtures.context(state: 1, heard: [1, 2])) == 0)
        #expect(p.nextState(in: Fixtures.context(state: 1, heard: [0, 2], missing: 1)) == 1)
        #expect(p.nextState(in: Fixtures.context(state: 0, heard: [0, 3])) == 0)
    }

    @Test func gapGivesNil() throws {
        let p = try ProtocolDefinition.parse("states a b\ninit 0 -> a\ndecide a -> 0\nnext\n heard(b) > 0 -> b\n", file: "t")
        #expect(p.nextState(in: Fixtures.context(heard: [3, 0])) == nil)
        #expect(p.nextState(in: Fixtures.context(heard: [2, 1])) == 1)
    }

    @Test func firstMatchingRuleWins() throws {
        let text = "states a b c\ninit 0 -> a\ndecide a -> 0\nnext\n heard(b) > 0 -> b\n heard(c) > 0 -> c\n otherwise -> a\n"
        let p = try ProtocolDefinition.parse(text, file: "t")
        #expect(p.nextState(in: Fixtures.context(state: 2, heard: [0, 1, 1])) == 1)
        #expect(p.nextState(in: Fixtures.context(state: 2, heard: [0, 0, 1])) == 2)
        #expect(p.nextState(in: Fixtures.context(state: 2, heard: [2, 0, 0])) == 0)
    }

    @Test func phasesRules() throws {
        let p = try ProtocolDefinition.parse(Fixtures.phases, file: "t")
        // idle stays idle whatever it hears.
        #expect(p.nextState(in: Fixtures.context(round: 5, state: 0, heard: [0, 0, 0, 3])) == 0)
        // vote0 hearing more vote1 than vote0 + missing.
        #expect(p.nextState(in: Fixtures.context(state: 1, heard: [0, 0, 2, 0], missing: 1)) == 2)
        // vote1 with heard(vote0) + 1 > n - f - 1 = 2 moves to done.
        #expect(p.nextState(in: Fixtures.context(state: 2, heard: [0, 2, 1, 0])) == 3)
        #expect(p.nextState(in: Fixtures.context(state: 2, heard: [0, 1, 2, 0])) == 2)
        // round >= 3 with nothing missing.
        #expect(p.nextState(in: Fixtures.context(round: 3, state: 1, heard: [0, 3, 0, 0])) == 3)
    }
}

import ProtocolLanguage
import Testing

/// `parse(p.printed()) == p`, on hand-written and on seeded random definitions.
@Suite(.timeLimit(.minutes(5))) struct RoundTripTests {
    @Test func floodsetPrintsInNormalForm() throws {
        let p = try ProtocolDefinition.parse(Fixtures.floodset, file: "t")
        #expect(p.printed() == """
            protocol floodset
            states 0 1
            init   0 -> 0, 1 -> 1
            decide 0 -> 0, 1 -> 1
            next
              heard(0) >= 1 -> 0
              otherwise     -> self

            """)
        #expect(try ProtocolDefinition.parse(p.printed(), file: "t") == p)
    }

    @Test func phasesPrintsInNormalForm() throws {
        let p = try ProtocolDefinition.parse(Fixtures.phases, file: "t")
        #expect(p.printed() == """
            # Three-phase toy protocol.
            #
            #   Used by the parser tests.
            protocol phases
            states idle vote0 vote1 done
            init   0 -> vote0, 1 -> vote1
            decide idle -> 0, vote0 -> 0, vote1 -> 1, done -> 1
            next
              self == idle                                            -> self
              self == vote0 and heard(vote1) > heard(vote0) + missing -> vote1
              not (self != vote1 or heard(vote0) + 1 <= n - f - 1)    -> done
              round >= 3 and (heard(done) >= 1 or missing == 0)       -> done
              otherwise                                               -> self

            """)
    }

    static let handWritten = [
        Fixtures.floodset,
        Fixtures.phases,
        "states only\ninit 0 -> only\ndecide only -> 0\nnext\n otherwise -> self\n",
        "protocol t\nstates 3 1 2\ninit 1 -> 1, 0 -> 3\ndecide 2 -> 1, 3 -> 0\nnext\n 3 == self or (self != 1 and n - (f - missing) > -1) -> 2\n not not round == 1 -> self\n",
        "states a b\ninit 0 -> b\ndecide b -> 0, a -> 1\nnext\n heard(a) - heard(b) - 1 >= (heard(a) - (heard(b) - 1)) -> a\n",
    ]

    @Test(arguments: handWritten)
    func handWrittenRoundTrips(text: String) throws {
        let p = try ProtocolDefinition.parse(text, file: "in")
        let printed = p.printed()
        let q = try ProtocolDefinition.parse(printed, file: "printed")
        #expect(q == p, "\(printed)")
        #expect(q.printed() == printed)
    }

    @Test func randomDefinitionsRoundTrip() throws {
        for seed in UInt64(1)...300 {
            var random = RandomProtocols(seed: seed)
            let p = random.definition()
            let printed = p.printed()
            let q: ProtocolDefinition
            do {
                q = try ProtocolDefinition.parse(printed, file: "seed\(seed)")
            } catch {
                Issue.record("seed \(seed): \(error)\n\(printed)")
                continue
            }
            #expect(q == p, "seed \(seed):\n\(printed)")
            // The parsed copy behaves the same.
            for _ in 0..<5 {
                let context = random.context(states: p.states.count, messages: p.messageLabels.count)
                #expect(q.nextState(in: context) == p.nextState(in: context), "seed \(seed)")
            }
        }
    }

    @Test func randomGuardsRoundTripThroughText() throws {
        var random = RandomProtocols(seed: 0xC0FFEE)
        for index in 0..<500 {
            let states = random.int(1...4)
            let names = (0..<states).map { "s\($0)" }
            let g = random.condition(depth: random.int(0...4), states: states)
            let text = "states \(names.joined(separator: " "))\ninit 0 -> s0\ndecide s0 -> 0\nnext\n  \(g.text(stateNames: names)) -> s0\n"
            let p = try ProtocolDefinition.parse(text, file: "guard\(index)")
            #expect(p.rules[0].guard == g, "\(g.text(stateNames: names))")
        }
    }
}

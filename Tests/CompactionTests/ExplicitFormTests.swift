import Game
import ProtocolLanguage
import SpecLanguage
import Testing
@testable import Compaction

/// The explicit (`--table`) form: one exact rule per reachable entry.
@Suite(.timeLimit(.minutes(5))) struct ExplicitFormTests {
    @Test func explicitRulesNameTheWholeInformationSet() throws {
        let table = try Fixtures.table("commit", n: 3, f: 1, rounds: 2)
        let o = try #require(table.space.index(of: Observation(heard: [1, 0], missing: 1)))
        let entry = table.entryIndex(round: 2, id: 0, state: 1, observation: o)
        let proto = RuleCompaction.explicit(table, reachable: [entry], name: "commit")
        #expect(proto.printed() == """
            protocol commit
            states a c
            init   0 -> a, 1 -> c
            decide a -> 0, c -> 1
            next
              self == c and heard(a) == 1 and heard(c) == 0 and missing == 1 and round == 2 -> a

            """)
    }

    @Test func exactGuardsHoldAtTheirOwnEntryOnly() throws {
        let table = try Fixtures.table("floodset", n: 4, f: 2, rounds: 2)
        let all = Array(table.next.indices)
        let proto = RuleCompaction.explicit(table, reachable: all, name: nil)
        #expect(proto.rules.count == all.count)
        let examples = Examples(table, reachable: all)
        for (rule, entry) in zip(proto.rules, all) {
            let holds = examples.row(where: rule.guard!)
            #expect(BitRow.count(holds) == 1 && BitRow.contains(entry, in: holds))
        }
    }
}

import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Compaction

/// Compaction of tables by sender (identities): rules may read `id` and `from(…)`, are compared
/// per process index, and read neither when the table does not need them.
@Suite(.timeLimit(.minutes(5))) struct IdentityCompactionTests {
    /// A two-state table by sender (messages = states, `init` and `decide` the identity) whose
    /// `next` is `rule(info, senders)`.
    static func table(n: Int, f: Int, rounds: Int, roundAware: Bool,
                      _ rule: (InformationSet, SenderObservation) -> Int) -> TransitionTable {
        let setting = Setting(processes: n, crashes: f, rounds: rounds, roundAware: roundAware, identities: true)
        var table = TransitionTable(setting: setting, stateCount: 2, roundAware: roundAware, bySender: true)
        table.initial = [0, 1]
        table.decision = [0, 1]
        for e in table.next.indices {
            let info = table.informationSet(ofEntry: e)
            table.next[e] = UInt8(rule(info, info.observation.senders!))
        }
        return table
    }

    /// "Adopt what process 0 sent when it arrived" (process 0 reads its own message: it keeps
    /// its state).
    static func relay(n: Int, f: Int) -> TransitionTable {
        table(n: n, f: f, rounds: 2, roundAware: false) { info, senders in
            info.id == 0 ? info.state : senders.from(0) ?? info.state
        }
    }

    /// A random small setting with identities and a random table by sender (with or without
    /// an alphabet, early decision or not), and a random reachable subset; replays from `seed`.
    static func randomCase(seed: UInt64) -> (TransitionTable, [Int]) {
        var rng = SplitMix64(seed: seed)
        let n = Int.random(in: 2...4, using: &rng)
        let f = Int.random(in: 0...min(2, n - 1), using: &rng)
        let rounds = Int.random(in: 1...3, using: &rng)
        // Random tables do not compact: keep them to a few hundred entries.
        let most = n == 4 ? 2 : 3
        let k = Int.random(in: 1...most, using: &rng)
        let roundAware = Bool.random(using: &rng)
        let m: Int? = Bool.random(using: &rng) ? nil : Int.random(in: 1...most, using: &rng)
        let setting = Setting(processes: n, crashes: f, rounds: rounds, states: k, roundAware: roundAware,
                              messages: m, earlyDecision: Bool.random(using: &rng), identities: true)
        var table = RandomTables.make(setting, stateCount: k, roundAware: roundAware, messageCount: m, bySender: true, using: &rng)
        if k >= 2, Bool.random(using: &rng) { table.stateNames = (0..<k).map { ["a", "b", "c"][$0] } }
        let density = Double.random(in: 0..<1, using: &rng) < 0.3 ? 1 : Double.random(in: 0.05...0.5, using: &rng)
        let reachable = table.next.indices.filter { _ in Double.random(in: 0..<1, using: &rng) < density }
        return (table, reachable)
    }

    static func readsIdentity(_ proto: ProtocolDefinition) -> Bool {
        proto.rules.contains { $0.guard?.readsIdentity ?? false }
    }

    @Test(arguments: 0..<80)
    func randomTablesBySenderCompactEquivalently(seed: Int) throws {
        let (table, reachable) = Self.randomCase(seed: UInt64(9_000 + seed))
        let proto = RuleCompaction.compact(table, reachable: reachable, name: "random-\(seed)")
        let explicit = RuleCompaction.explicit(table, reachable: reachable, name: nil)
        for p in [proto, explicit] {
            #expect(RuleCompaction.equivalent(p, to: table, on: reachable), "seed \(seed)")
            #expect(try Fixtures.compiledAgrees(p, with: table, on: reachable), "seed \(seed)\n\(p.printed())")
            #expect(try ProtocolDefinition.parse(p.printed(), file: "compacted") == p, "seed \(seed)")
        }
        let defined = reachable.filter { table.next[$0] != TransitionTable.undefined }.count
        #expect(proto.rules.count <= defined + 1, "seed \(seed)")
        #expect(explicit.rules.count == max(defined, 1), "seed \(seed)")
        // Rules read senders only when the reachable targets depend on more than the counts.
        if RuleCompaction.countedProjection(table, reachable: reachable) != nil {
            #expect(!Self.readsIdentity(proto), "seed \(seed)\n\(proto.printed())")
        }
    }

    @Test func aRelayCompactsToRulesOverFromZero() throws {
        let table = Self.relay(n: 4, f: 1)
        let all = Array(table.next.indices)
        let proto = RuleCompaction.compact(table, reachable: all, name: "relay")
        #expect(proto.printed() == """
            protocol relay
            states 0 1
            init   0 -> 0, 1 -> 1
            decide 0 -> 0, 1 -> 1
            next
              from(0) == 0 -> 0
              from(0) == 1 -> 1
              otherwise    -> self

            """)
        #expect(try Fixtures.compiledAgrees(proto, with: table, on: all))
        #expect(try TransitionTable.compile(proto, for: table.setting, file: "relay").bySender)
        #expect(try ProtocolDefinition.parse(proto.printed(), file: "relay") == proto)
    }

    /// The shipped rotating coordinator, compiled by sender, compacts back to its own rules.
    @Test func theShippedRotatingCoordinatorCompactsToItself() throws {
        let original = try Fixtures.definition("rotating-coordinator")
        let setting = Setting(processes: 4, crashes: 2, rounds: 3, roundAware: true, identities: true)
        let table = try TransitionTable.compile(original, for: setting, file: "rotating-coordinator.protocol")
        let all = Array(table.next.indices)
        let proto = RuleCompaction.compact(table, reachable: all, name: original.name)
        #expect(proto.rules.map(\.guard) == original.rules.map(\.guard))
        #expect(proto.rules.map(\.target) == original.rules.map(\.target))
    }

    @Test func aRotatingCoordinatorCompactsToRulesOverFromRoundMinusOne() throws {
        let n = 3
        let table = Self.table(n: n, f: 1, rounds: 3, roundAware: true) { info, senders in
            let coordinator = (info.round! - 1) % n
            return info.id == coordinator ? info.state : senders.from(coordinator) ?? info.state
        }
        let all = Array(table.next.indices)
        let proto = RuleCompaction.compact(table, reachable: all, name: "rotating")
        #expect(proto.printed() == """
            protocol rotating
            states 0 1
            init   0 -> 0, 1 -> 1
            decide 0 -> 0, 1 -> 1
            next
              from(round - 1) == 0 -> 0
              from(round - 1) == 1 -> 1
              otherwise            -> self

            """)
        #expect(try Fixtures.compiledAgrees(proto, with: table, on: all))
    }

    /// FloodSet written by sender still compacts to FloodSet's two rules over counts, which
    /// compile to a counted table.
    @Test func aTableThatReadsOnlyCountsCompactsWithoutIdentities() throws {
        let table = Self.table(n: 4, f: 2, rounds: 2, roundAware: false) { info, _ in
            info.observation.heard(0) >= 1 ? 0 : info.state
        }
        let all = Array(table.next.indices)
        let proto = RuleCompaction.compact(table, reachable: all, name: "floodset")
        #expect(proto.printed() == TextbookCompactionTests.floodsetText)
        #expect(try !TransitionTable.compile(proto, for: table.setting, file: "floodset").bySender)
        #expect(try Fixtures.compiledAgrees(proto, with: table, on: all))
    }

    @Test func explicitRulesNameTheIdAndEverySender() throws {
        let table = Self.relay(n: 3, f: 1)
        let o = try #require(table.space.index(of: SenderObservation(from: [1, nil, nil], receiver: 1).counted(messageCount: 2)))
        let entry = table.entryIndex(round: 1, id: 1, state: 0, observation: o)
        let proto = RuleCompaction.explicit(table, reachable: [entry], name: "relay")
        #expect(proto.printed() == """
            protocol relay
            states 0 1
            init   0 -> 0, 1 -> 1
            decide 0 -> 0, 1 -> 1
            next
              self == 0 and id == 1 and from(0) == 1 and from(2) == none -> 1

            """)
        let all = Array(table.next.indices)
        let examples = Examples(table, reachable: all)
        for (rule, entry) in zip(RuleCompaction.explicit(table, reachable: all, name: nil).rules, all) {
            let holds = examples.row(where: rule.guard!)
            #expect(BitRow.count(holds) == 1 && BitRow.contains(entry, in: holds))
        }
    }

    @Test func equivalenceComparesPerId() throws {
        let table = Self.relay(n: 3, f: 1)
        let all = Array(table.next.indices)
        let proto = RuleCompaction.compact(table, reachable: all, name: nil)
        #expect(RuleCompaction.equivalent(proto, to: table, on: all))
        // Process 2 alone, in state 0 hearing 1 from process 0, keeps its state instead.
        let o = try #require(table.space.index(of: SenderObservation(from: [1, 0, nil], receiver: 2).counted(messageCount: 2)))
        let entry = table.entryIndex(round: 1, id: 2, state: 0, observation: o)
        var other = table
        other.next[entry] = 0
        #expect(!RuleCompaction.equivalent(proto, to: other, on: all))
        #expect(RuleCompaction.equivalent(proto, to: other, on: all.filter { $0 != entry }))
        let changed = RuleCompaction.compact(other, reachable: all, name: nil)
        #expect(try Fixtures.compiledAgrees(changed, with: other, on: all))
        // Rules that read senders are not equivalent to a counted table, even under identities.
        let counted = TransitionTable(setting: table.setting, stateCount: 2, roundAware: false)
        #expect(!RuleCompaction.equivalent(proto, to: counted, on: []))
    }

    @Test func identityAtomsAreAddedOnlyForTablesBySender() {
        let counted = AtomCatalog.atoms(stateCount: 2, messageCount: 2, processes: 3, crashes: 1, maxMissing: 1,
                                        rounds: 2, roundAware: true)
        #expect(!counted.contains { $0.guard.readsIdentity })
        let identity = AtomCatalog.identityAtoms(processes: 3, messageCount: 2, roundAware: true)
        let texts = identity.map { $0.guard.text(stateNames: ["a", "b"]) }
        for text in ["id == 2", "from(1) == b", "from(0) == none", "from(round - 1) == a", "from(2) != none",
                     "from(id + 2) == none", "from(round) == a", "from(round + 1) == b"] {
            #expect(texts.contains(text), "\(text)")
        }
        #expect(!texts.contains("from(round + 2) == a"))
        #expect(!AtomCatalog.identityAtoms(processes: 3, messageCount: 2, roundAware: false).contains { $0.guard.readsRound })
    }
}

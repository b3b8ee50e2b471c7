import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Compaction

/// Random tables over small settings with random reachable subsets: the compacted and the
/// explicit forms agree with the table wherever it is reachable, and print to text that parses
/// back to the same definition.
@Suite(.timeLimit(.minutes(5))) struct RandomCompactionTests {
    /// A random small setting, table and reachable subset; replays from `seed`.
    static func randomCase(seed: UInt64) -> (TransitionTable, [Int]) {
        var rng = SplitMix64(seed: seed)
        let n = Int.random(in: 2...5, using: &rng)
        let f = Int.random(in: 0...min(2, n - 1), using: &rng)
        let rounds = Int.random(in: 1...3, using: &rng)
        let k = Int.random(in: 1...3, using: &rng)
        let roundAware = Bool.random(using: &rng)
        let setting = Setting(processes: n, crashes: f, rounds: rounds, states: k, roundAware: roundAware)
        var table = RandomTables.make(setting, stateCount: k, roundAware: roundAware, using: &rng)
        if k >= 2, Bool.random(using: &rng) { table.stateNames = (0..<k).map { ["a", "b", "c"][$0] } }
        let density = Double.random(in: 0.05...1, using: &rng)
        let reachable = table.next.indices.filter { _ in Double.random(in: 0..<1, using: &rng) < density }
        if Int.random(in: 0..<8, using: &rng) == 0, let e = reachable.first { table.next[e] = TransitionTable.undefined }
        return (table, reachable)
    }

    /// A random small setting under early decision or not, and a table with a message
    /// alphabet of 1–3 messages (named by numbers or by words) or without one; replays from
    /// `seed`.
    static func alphabetCase(seed: UInt64) -> (TransitionTable, [Int]) {
        var rng = SplitMix64(seed: seed)
        let n = Int.random(in: 2...5, using: &rng)
        let f = Int.random(in: 0...min(2, n - 1), using: &rng)
        let rounds = Int.random(in: 1...3, using: &rng)
        let k = Int.random(in: 1...3, using: &rng)
        let roundAware = Bool.random(using: &rng)
        let early = Bool.random(using: &rng)
        let m: Int? = Int.random(in: 0..<4, using: &rng) == 0 ? nil : Int.random(in: 1...3, using: &rng)
        let setting = Setting(processes: n, crashes: f, rounds: rounds, states: k, roundAware: roundAware,
                              messages: m, earlyDecision: early)
        var table = RandomTables.make(setting, stateCount: k, roundAware: roundAware, messageCount: m, using: &rng)
        if let m, Bool.random(using: &rng) { table.messageNames = Array(["zero", "one", "two"].prefix(m)) }
        if k >= 2, Bool.random(using: &rng) { table.stateNames = (0..<k).map { ["a", "b", "c"][$0] } }
        let density = Double.random(in: 0.05...1, using: &rng)
        let reachable = table.next.indices.filter { _ in Double.random(in: 0..<1, using: &rng) < density }
        return (table, reachable)
    }

    @Test(arguments: 0..<160)
    func alphabetsAndEarlyDecisionCompactEquivalently(seed: Int) throws {
        let (table, reachable) = Self.alphabetCase(seed: UInt64(5_000 + seed))
        for proto in [RuleCompaction.compact(table, reachable: reachable, name: "random-\(seed)"),
                      RuleCompaction.explicit(table, reachable: reachable, name: nil)] {
            #expect(RuleCompaction.equivalent(proto, to: table, on: reachable), "seed \(seed)")
            #expect(try Fixtures.compiledAgrees(proto, with: table, on: reachable), "seed \(seed)\n\(proto.printed())")
            #expect(try ProtocolDefinition.parse(proto.printed(), file: "compacted") == proto, "seed \(seed)")
            #expect(proto.messages == table.messageNames, "seed \(seed)")
            #expect(proto.sends.count == (table.hasAlphabet ? table.stateCount : 0), "seed \(seed)")
            // Only the deciding states are listed.
            #expect(proto.decisions.map(\.state) == table.decision.indices.filter { table.decision[$0] >= 0 }, "seed \(seed)")
        }
    }

    @Test func anAlphabetTablePrintsMessagesSendAndAPartialDecide() throws {
        // Two states that both send `m` (`q` is sent by no state); `b` decides 1 early, `a` does
        // not decide.
        let setting = Setting(processes: 3, crashes: 1, rounds: 2, messages: 2, earlyDecision: true)
        var table = TransitionTable(setting: setting, stateCount: 2, roundAware: false, stateNames: ["a", "b"],
                                    messageCount: 2, messageNames: ["m", "q"])
        table.initial = [0, 0]
        table.send = [0, 0]
        table.decision = [TransitionTable.notDeciding, 1]
        for e in table.next.indices {
            // a moves to b once it heard two `m`s; b stays.
            let info = table.informationSet(ofEntry: e)
            table.next[e] = info.state == 1 || info.observation.heard(0) == 2 ? 1 : 0
        }
        // No state sends `q`, so only observations without a `q` are reachable.
        let all = table.next.indices.filter { table.informationSet(ofEntry: $0).observation.heard(1) == 0 }
        let proto = RuleCompaction.compact(table, reachable: all, name: "m")
        #expect(proto.printed() == """
            protocol m
            states a b
            messages m q
            init   0 -> a, 1 -> a
            send   a -> m, b -> m
            decide b -> 1
            next
              missing == 0 -> b
              otherwise    -> self

            """)
        #expect(try Fixtures.compiledAgrees(proto, with: table, on: all))
        var otherSend = table
        otherSend.send[1] = 1
        #expect(!RuleCompaction.equivalent(proto, to: otherSend, on: all))
        var deciding = table
        deciding.decision[0] = 0
        #expect(!RuleCompaction.equivalent(proto, to: deciding, on: all))
        var undecided = table
        undecided.decision[1] = TransitionTable.notDeciding
        #expect(!RuleCompaction.equivalent(proto, to: undecided, on: all))
        let statesAsMessages = TransitionTable(setting: setting, stateCount: 2, roundAware: false)
        #expect(!RuleCompaction.equivalent(proto, to: statesAsMessages, on: []))
    }

    @Test(arguments: 0..<240)
    func compactionIsEquivalentOnReachableEntries(seed: Int) throws {
        let (table, reachable) = Self.randomCase(seed: UInt64(seed))
        let proto = RuleCompaction.compact(table, reachable: reachable, name: "random-\(seed)", comments: ["seed \(seed)"])
        #expect(RuleCompaction.equivalent(proto, to: table, on: reachable), "seed \(seed)")
        #expect(try Fixtures.compiledAgrees(proto, with: table, on: reachable), "seed \(seed)")
        #expect(try ProtocolDefinition.parse(proto.printed(), file: "compacted") == proto, "seed \(seed)")
        let defined = reachable.filter { table.next[$0] != TransitionTable.undefined }.count
        #expect(proto.rules.count <= defined + 1, "seed \(seed)")
    }

    @Test(arguments: 0..<60)
    func explicitIsEquivalentAndRoundTrips(seed: Int) throws {
        let (table, reachable) = Self.randomCase(seed: UInt64(1_000 + seed))
        let proto = RuleCompaction.explicit(table, reachable: reachable, name: nil)
        let defined = reachable.filter { table.next[$0] != TransitionTable.undefined }.count
        #expect(proto.rules.count == max(defined, 1))
        #expect(RuleCompaction.equivalent(proto, to: table, on: reachable), "seed \(seed)")
        #expect(try Fixtures.compiledAgrees(proto, with: table, on: reachable), "seed \(seed)")
        #expect(try ProtocolDefinition.parse(proto.printed(), file: "explicit") == proto, "seed \(seed)")
    }

    @Test func compactionIsDeterministic() {
        let (table, reachable) = Self.randomCase(seed: 7)
        let a = RuleCompaction.compact(table, reachable: reachable, name: nil)
        let b = RuleCompaction.compact(table, reachable: reachable.reversed() + reachable, name: nil)
        #expect(a == b)
    }

    @Test func equivalenceNoticesADifferentTarget() throws {
        var rng = SplitMix64(seed: 42)
        let setting = Setting(processes: 4, crashes: 1, rounds: 2, states: 3)
        let table = RandomTables.make(setting, stateCount: 3, roundAware: false, using: &rng)
        let all = Array(table.next.indices)
        let proto = RuleCompaction.compact(table, reachable: all, name: nil)
        var other = table
        other.next[5] = UInt8((Int(table.next[5]) + 1) % 3)
        #expect(RuleCompaction.equivalent(proto, to: table, on: all))
        #expect(!RuleCompaction.equivalent(proto, to: other, on: all))
        #expect(RuleCompaction.equivalent(proto, to: other, on: all.filter { $0 != 5 }))
        var wrongInit = table
        wrongInit.initial[0] = UInt8((Int(table.initial[0]) + 1) % 3)
        #expect(!RuleCompaction.equivalent(proto, to: wrongInit, on: all))
    }
}

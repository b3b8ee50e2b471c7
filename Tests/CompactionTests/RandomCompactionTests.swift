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

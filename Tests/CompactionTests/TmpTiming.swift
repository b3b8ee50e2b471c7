import Foundation
import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
import Compaction

@Suite(.serialized) struct TmpTiming {
    func bigCases() -> [(TransitionTable, [Int])] {
        var out: [(TransitionTable, [Int])] = []
        for (n, k, f, r) in [(16, 4, 3, 4), (16, 3, 5, 6), (10, 4, 9, 3), (8, 4, 7, 8), (6, 3, 2, 3), (5, 2, 2, 3)] {
            var rng = SeededGenerator(seed: UInt64(n * 100 + k))
            for aware in [false, true] {
                let setting = Setting(processes: n, crashes: f, rounds: r, states: k, roundAware: aware)
                let table = RandomTables.make(setting, stateCount: k, roundAware: aware, using: &rng)
                var reachable: [Int] = []
                for _ in 0..<300 { reachable.append(Int.random(in: table.next.indices, using: &rng)) }
                out.append((table, reachable))
            }
        }
        return out
    }
    @Test func quality() {
        let big = bigCases()
        for (qs, qw, ds, dw, greedy) in [(500_000, 10_000_000, 5_000_000, 50_000_000, true), (1_000_000, 20_000_000, 10_000_000, 100_000_000, true)] {
            RuleCompaction.quickSearchBudget = qs; RuleCompaction.quickWorkBudget = qw; RuleCompaction.deepSearchBudget = ds; RuleCompaction.deepWorkBudget = dw; RuleCompaction.useGreedy = greedy
            var rules = 0, t = 0.0, bigRules = 0, bt = 0.0, worst = 0.0
            for seed in 0..<240 {
                let (table, reachable) = RandomCompactionTests.randomCase(seed: UInt64(seed))
                let t0 = Date()
                rules += RuleCompaction.compact(table, reachable: reachable, name: nil).rules.count
                t += Date().timeIntervalSince(t0)
            }
            for (table, reachable) in big {
                let t0 = Date()
                bigRules += RuleCompaction.compact(table, reachable: reachable, name: nil).rules.count
                let dt = Date().timeIntervalSince(t0); bt += dt; worst = max(worst, dt)
            }
            print("QUALITY \(qs) \(qw) \(ds) \(dw) greedy=\(greedy): small rules \(rules) time \(t); big rules \(bigRules) time \(bt) worst \(worst)")
        }
    }
}

@Suite(.serialized) struct TmpPlanted {
    static func randomAtom(k: Int, n: Int, f: Int, rounds: Int, aware: Bool, using rng: inout SeededGenerator) -> Guard {
        switch Int.random(in: 0..<(aware ? 7 : 6), using: &rng) {
        case 0: return .comparison(.heard(Int.random(in: 0..<k, using: &rng)), .ge, .literal(Int.random(in: 1...2, using: &rng)))
        case 1: return .comparison(.heard(Int.random(in: 0..<k, using: &rng)), .eq, .literal(0))
        case 2: return .selfIs(Int.random(in: 0..<k, using: &rng))
        case 3: return .comparison(.missing, .ge, .literal(1))
        case 4: let a = Int.random(in: 0..<k, using: &rng); return .comparison(.heard(a), .gt, .heard((a + 1) % k))
        case 5: return .comparison(.heard(Int.random(in: 0..<k, using: &rng)), .eq, .sub(.sub(.processes, .literal(1)), .missing))
        default: return .comparison(.round, .eq, .literal(Int.random(in: 1...rounds, using: &rng)))
        }
    }

    @Test(arguments: [(true, 2)]) func planted(greedy: Bool, scale: Int) throws {
        RuleCompaction.useGreedy = greedy
        RuleCompaction.quickSearchBudget = 250_000 * scale; RuleCompaction.quickWorkBudget = 5_000_000 * scale
        RuleCompaction.deepSearchBudget = 2_500_000 * scale; RuleCompaction.deepWorkBudget = 25_000_000 * scale
        var rng = SeededGenerator(seed: 99)
        var planted = 0, found = 0, worse = 0, cases = 0, t = 0.0, worst = 0.0
        var noisyFound = 0, noisyPlanted = 0
        for c in 0..<300 {
            let k = Int.random(in: 2...4, using: &rng)
            let n = Int.random(in: 3...(k == 4 ? 8 : 12), using: &rng)
            let f = Int.random(in: 1...(n - 2), using: &rng)
            let rounds = Int.random(in: 2...4, using: &rng)
            let aware = Bool.random(using: &rng)
            let length = Int.random(in: 1...4, using: &rng)
            var rules: [Rule] = []
            for _ in 0..<length {
                var g = Self.randomAtom(k: k, n: n, f: f, rounds: rounds, aware: aware, using: &rng)
                if Bool.random(using: &rng) { g = .and(g, Self.randomAtom(k: k, n: n, f: f, rounds: rounds, aware: aware, using: &rng)) }
                let target: Target = Bool.random(using: &rng) ? .stay : .state(Int.random(in: 0..<k, using: &rng))
                rules.append(Rule(guard: g, target: target))
            }
            rules.append(Rule(guard: nil, target: Bool.random(using: &rng) ? .stay : .state(Int.random(in: 0..<k, using: &rng))))
            let names = (0..<k).map { "s\($0)" }
            let proto = ProtocolDefinition(states: names, initial: [InitEntry(input: 0, state: 0), InitEntry(input: 1, state: 1)],
                                           decisions: (0..<k).map { DecideEntry(state: $0, decision: $0 % 2) }, rules: rules)
            let setting = Setting(processes: n, crashes: f, rounds: rounds)
            var table = try TransitionTable.compile(proto, for: setting, file: "p")
            let density = Double.random(in: 0.2...1, using: &rng)
            let reachable = table.next.indices.filter { _ in Double.random(in: 0..<1, using: &rng) < density }
            let t0 = Date()
            let out = RuleCompaction.compact(table, reachable: reachable, name: nil)
            let dt = Date().timeIntervalSince(t0); t += dt; worst = max(worst, dt)
            cases += 1
            planted += rules.count; found += out.rules.count
            if out.rules.count > rules.count { worse += 1; if worse <= 0 { print("PLANTED worse case \(c) n=\(n) k=\(k) aware=\(table.roundAware)\n\(proto.printed())---\n\(out.printed())") } }
            // 2% noise
            for e in reachable where Double.random(in: 0..<1, using: &rng) < 0.02 { table.next[e] = UInt8(Int.random(in: 0..<k, using: &rng)) }
            let noisy = RuleCompaction.compact(table, reachable: reachable, name: nil)
            noisyPlanted += rules.count; noisyFound += noisy.rules.count
        }
        print("PLANTED greedy \(greedy) scale \(scale) cases \(cases) planted \(planted) found \(found) worse \(worse) time \(t) worst \(worst); noisy found \(noisyFound) vs planted \(noisyPlanted)")
    }
}

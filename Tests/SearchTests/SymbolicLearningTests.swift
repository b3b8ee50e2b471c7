import Checking
import Foundation
import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Search

/// GGMS's symbolic learning: its refutations are sound (every table that agrees with the unsat
/// core fails a learned schedule, checked by enumeration), its completions agree with the
/// assignment and pass every learned schedule, and it never refutes a correct protocol.
@Suite(.serialized, .timeLimit(.minutes(5))) struct SymbolicLearningTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Learns the counterexamples of `count` random wrong tables; returns how many were learned.
    func learnFromRandomTables(_ learning: SymbolicLearning, _ spec: Spec, _ evaluator: SpecEvaluator,
                               count: Int, using rng: inout SplitMix64) throws -> Int {
        var learned = 0
        for _ in 0..<count {
            let table = RandomTables.make(spec.setting, stateCount: spec.setting.states, roundAware: spec.setting.roundAware, using: &rng)
            guard case .violated(let cex) = try FastChecker(table: table, spec: spec, evaluator: evaluator).check().verdict else { continue }
            try learning.learn(cex, failedBy: table, evaluator: evaluator)
            learned += 1
        }
        return learned
    }

    /// Whether `table` fails some learned schedule (replayed through the simulator).
    func failsALearnedSchedule(_ table: TransitionTable, _ learning: SymbolicLearning, _ evaluator: SpecEvaluator) -> Bool {
        learning.constraints.schedules.contains { schedule in
            guard let run = CounterexamplePool.replay(schedule, on: table) else { return false }
            if case .fails = evaluator.evaluate(run.outcome) { return true }
            return false
        }
    }

    static let tinySpecs: [(String, String)] = [
        ("consensus n=2 f=1 R=1", TestSpecs.consensus(n: 2, f: 1, rounds: 1)),
        ("3-valued consensus n=2", TestSpecs.header(n: 2, f: 1, rounds: 1, inputs: 3, decisions: 3)
            + TestSpecs.agreement + "\n" + TestSpecs.validity + "\n(assert agreement)\n(assert validity)\n"),
        ("consensus, asymmetric", TestSpecs.consensus(n: 2, f: 1, rounds: 1)
            + "(assert (=> (and (correct p0) (= (input p0) 1) (= (input p1) 1)) (= (decision p0) 1)))\n"),
    ]

    /// Random partial assignments: a refutation's core is checked against every table that
    /// agrees with it; a completion is checked to extend the assignment and pass every schedule.
    @Test(arguments: tinySpecs.indices)
    func refutationsAreSoundAndCompletionsSurvive(_ index: Int) throws {
        let (name, text) = Self.tinySpecs[index]
        let spec = try Spec.parse(text, file: "\(name).smt2")
        let evaluator = try SpecEvaluator(spec: spec)
        let space = StrategySpace(setting: spec.setting)
        let learning = try SymbolicLearning(space: space)
        var rng = SplitMix64(seed: UInt64(41 + index))
        #expect(try learnFromRandomTables(learning, spec, evaluator, count: 30, using: &rng) > 5)
        var seen = (refuted: 0, completed: 0)
        for _ in 0..<60 {
            var assigned = [Int16](repeating: -1, count: space.count)
            for i in 0..<space.count where Bool.random(using: &rng) {
                assigned[i] = Int16.random(in: 0..<Int16(space.actionCount(i)), using: &rng)
            }
            switch try learning.check(assigned, timeoutMilliseconds: 10_000) {
            case .refuted(let core):
                seen.refuted += 1
                #expect(core.allSatisfy { assigned[$0] >= 0 }, "\(name): the core names unassigned entries")
                // Every table agreeing with the core fails some learned schedule.
                var fixed = [Int16](repeating: -1, count: space.count)
                for i in core { fixed[i] = assigned[i] }
                forEachCompletion(of: fixed, space) { table in
                    #expect(failsALearnedSchedule(table, learning, evaluator), "\(name): an unsound refutation")
                }
            case .completion(let table, let constrained):
                seen.completed += 1
                for i in 0..<space.count where assigned[i] >= 0 {
                    #expect(table.action(at: space.entries[i]) == Int(assigned[i]))
                }
                #expect(!failsALearnedSchedule(table, learning, evaluator))
                // Entries no schedule reads may be changed freely (what the policy fill relies on).
                var changed = table
                for i in 0..<space.count where assigned[i] < 0 && !constrained.contains(space.entries[i]) {
                    changed.set(space.entries[i], to: Int.random(in: 0..<space.actionCount(i), using: &rng))
                }
                #expect(!failsALearnedSchedule(changed, learning, evaluator))
            case .unknown:
                Issue.record("\(name): Z3 gave up on a tiny problem")
            }
        }
        #expect(seen.refuted > 3 && seen.completed > 3, "\(name): \(seen)")
    }

    /// Calls `body` with every complete table that agrees with `fixed`.
    func forEachCompletion(of fixed: [Int16], _ space: StrategySpace, _ body: (TransitionTable) -> Void) {
        var assigned = fixed.enumerated().map { $0.element >= 0 ? $0.element : 0 }
        while true {
            body(space.table(assigned))
            var i = 0
            while i < space.count {
                if fixed[i] < 0 {
                    assigned[i] += 1
                    if Int(assigned[i]) < space.actionCount(i) { break }
                    assigned[i] = 0
                }
                i += 1
            }
            if i == space.count { return }
        }
    }

    /// However many counterexamples it learns, FloodSet's full assignment stays satisfiable.
    @Test func neverRefutesFloodSet() throws {
        let spec = try Spec.load(path: Self.root.appendingPathComponent("Specs/consensus3.smt2").path)
        let text = try String(contentsOf: Self.root.appendingPathComponent("Protocols/floodset.protocol"), encoding: .utf8)
        let floodset = try TransitionTable.compile(try ProtocolDefinition.parse(text, file: "floodset.protocol"), for: spec.setting, file: "floodset.protocol")
        let evaluator = try SpecEvaluator(spec: spec)
        let space = StrategySpace(setting: spec.setting)
        let learning = try SymbolicLearning(space: space)
        var rng = SplitMix64(seed: 9)
        #expect(try learnFromRandomTables(learning, spec, evaluator, count: 60, using: &rng) > 20)
        let assigned = space.entries.map { Int16(floodset.action(at: $0) ?? -1) }
        guard case .completion(let table, _) = try learning.check(assigned, timeoutMilliseconds: 10_000) else {
            Issue.record("FloodSet was refuted or Z3 gave up")
            return
        }
        #expect(table == floodset)
        // With nothing assigned, there is still a completion, and it is not refuted.
        guard case .completion = try learning.check([Int16](repeating: -1, count: space.count), timeoutMilliseconds: 10_000) else {
            Issue.record("the empty table was refuted although FloodSet exists")
            return
        }
    }

    /// The ablation switch: without symbolic learning, `ggms` makes no Z3 table checks.
    @Test func ablationMakesNoSolverChecks() throws {
        let spec = try Spec.load(path: Self.root.appendingPathComponent("Specs/consensus3.smt2").path)
        var options = SynthesisOptions()
        options.timeLimit = 60
        options.symbolicLearning = false
        let plain = try Synthesizer(spec: spec, options: options).run()
        #expect(SearchAnswer(plain.outcome) == .found && plain.stats.solverChecks == 0)
        options.symbolicLearning = true
        let symbolic = try Synthesizer(spec: spec, options: options).run()
        #expect(SearchAnswer(symbolic.outcome) == .found && symbolic.stats.solverChecks > 0)
    }
}

import Foundation
import Game
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Search

/// The schedule encoding (`ScheduleConstraints`) against the simulator under every fault model,
/// with and without lossy links: a table is consistent with the constraints of some schedules
/// exactly when its simulated outcome on each of them satisfies the spec.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ScheduleConstraintsFaultModelTests {
    /// A spec over the derived vocabulary too: validity among correct processes, and agreement
    /// among every process that decides (faulty ones under omission) when at most one message
    /// was lost.
    static func spec(_ model: FaultKind, losses: Int, n: Int = 3, f: Int = 1, rounds: Int = 2) -> String {
        """
        (set-info :processes \(n))
        (set-info :faulty \(f))
        (set-info :faults \(model.name))
        (set-info :losses \(losses))
        (set-info :rounds \(rounds))
        (set-info :inputs 2)
        (set-info :decisions 2)
        \(TestSpecs.validity)
        (define-fun deciders-agree () Bool
          (=> (< lost 2)
              (forall ((i Proc) (j Proc)) (=> (and (decided i) (decided j)) (= (decision i) (decision j))))))
        (assert validity)
        (assert deciders-agree)

        """
    }

    /// A random execution the adversary may choose: random inputs, a random faulty set, and in
    /// each round one of the adversary's raw choices drawn uniformly (lost messages included).
    static func randomExecution(_ s: Setting, messageCount: Int, using rng: inout SplitMix64) -> Execution {
        let adversary = Adversary(s, messageCount: messageCount)
        var sets: [[Int]] = []
        adversary.forEachFaultySet { (set: [Int]) in sets.append(set) }
        let set = sets[Int.random(in: 0..<sets.count, using: &rng)]
        let inputs = (0..<s.processes).map { _ in Int.random(in: 0..<s.inputs, using: &rng) }
        var faulty = adversary.initiallyFaulty(Execution(inputs: inputs, faulty: set, rounds: []))
        var running = adversary.initiallyRunning(faulty: faulty)
        var budget = s.crashes - set.count
        var rounds: [RoundSchedule] = []
        for _ in 0..<s.rounds {
            var choices: [(RoundSchedule, Int)] = []
            adversary.forEachRoundSchedule(running: running, faulty: faulty, budget: budget) { (round: RoundSchedule, left: Int) in
                choices.append((round, left))
            }
            let (round, left) = choices[Int.random(in: 0..<choices.count, using: &rng)]
            let after = adversary.arrivals(round, running: running, faulty: faulty).runningAfter
            for p in 0..<s.processes where running[p] && !after[p] { faulty[p] = true }
            running = after
            budget = left
            rounds.append(round)
        }
        return Execution(inputs: inputs, faulty: set, rounds: rounds)
    }

    /// The simulated outcome of complete `table` on `execution` (no gap: the observation space
    /// holds every observation the adversary allows, `Setting.maxMissing`).
    static func outcome(_ table: TransitionTable, _ execution: Execution) throws -> Outcome {
        Simulator.outcome(table, execution, try Simulator.run(table, execution))
    }

    /// Whether the constraints accept exactly `table` (every entry fixed by assumptions).
    static func accepts(_ encoding: ScheduleConstraints, _ table: TransitionTable) throws -> Bool {
        encoding.solver.check(assumptions: [try encoding.matches(table)]) == .sat
    }

    struct Case: CustomStringConvertible, Sendable {
        var model: FaultKind
        var losses: Int
        var processes = 3
        var states = 3
        var roundAware = false
        var description: String { "\(model.name) L=\(losses) n=\(processes) K=\(states)\(roundAware ? " round-aware" : "")" }
    }

    static let cases: [Case] = FaultKind.allCases.flatMap { model in
        [Case(model: model, losses: 0), Case(model: model, losses: 1, roundAware: true),
         Case(model: model, losses: 1, processes: 2, states: 2)]
    }

    /// Case `index`, its setting (with the case's states and round-awareness) and its evaluator.
    static func prepare(_ index: Int) throws -> (Case, Setting, SpecEvaluator) {
        let c = Self.cases[index]
        let spec = try Spec.parse(Self.spec(c.model, losses: c.losses, n: c.processes), file: "s.smt2")
        var setting = spec.setting
        setting.states = c.states
        setting.roundAware = c.roundAware
        return (c, setting, try SpecEvaluator(spec: spec))
    }

    /// One schedule per encoding; every table is judged against that schedule alone.
    @Test(arguments: cases.indices)
    func oneScheduleAgreesWithTheSimulator(_ index: Int) throws {
        let (c, setting, evaluator) = try Self.prepare(index)
        var rng = SplitMix64(seed: UInt64(100 + index))
        var seen = (holds: 0, fails: 0)
        for _ in 0..<16 {
            let schedule = Self.randomExecution(setting, messageCount: c.states, using: &rng)
            // The candidate whose outcome is "observed" (its correct flags and lost are the schedule's).
            let observed = try Self.outcome(RandomTables.make(setting, stateCount: c.states, roundAware: c.roundAware, using: &rng),
                                            schedule)
            let encoding = try ScheduleConstraints(setting: setting, roundAware: c.roundAware, breakSymmetry: false)
            _ = try encoding.require(schedule, observed: observed, evaluator: evaluator)
            for _ in 0..<8 {
                let table = RandomTables.make(setting, stateCount: c.states, roundAware: c.roundAware, using: &rng)
                let outcome = try Self.outcome(table, schedule)
                #expect(outcome.lost == observed.lost && outcome.processes.map(\.correct) == observed.processes.map(\.correct))
                let accepted = try Self.accepts(encoding, table)
                switch evaluator.evaluate(outcome) {
                case .holds: #expect(accepted, "\(c): a table that passes \(schedule) is excluded"); seen.holds += 1
                case .fails: #expect(!accepted, "\(c): a table that fails \(schedule) is accepted"); seen.fails += 1
                case .unknown: Issue.record("\(c): Z3 could not decide an outcome")
                }
            }
        }
        #expect(seen.holds > 3 && seen.fails > 3, "\(c): \(seen)")
    }

    /// Several schedules in one encoding (their symbolic states shared): a table is accepted
    /// exactly when it passes every one of them. Schedules are drawn so that some of the tables
    /// pass them all and some do not.
    @Test(arguments: cases.indices)
    func accumulatedSchedulesAgreeWithTheSimulator(_ index: Int) throws {
        let (c, setting, evaluator) = try Self.prepare(index)
        var rng = SplitMix64(seed: UInt64(200 + index))
        let encoding = try ScheduleConstraints(setting: setting, roundAware: c.roundAware, breakSymmetry: false)
        let tables = (0..<40).map { _ in RandomTables.make(setting, stateCount: c.states, roundAware: c.roundAware, using: &rng) }
        func holds(_ table: TransitionTable, _ schedule: Execution) throws -> Bool {
            switch evaluator.evaluate(try Self.outcome(table, schedule)) {
            case .holds: return true
            case .fails: return false
            case .unknown: Issue.record("\(c): Z3 could not decide an outcome"); return false
            }
        }
        // Up to 4 schedules, each kept only if it rejects some tables that passed the kept ones
        // but not all of them.
        var schedules: [Execution] = []
        var passing = tables
        for _ in 0..<200 where schedules.count < 4 {
            let schedule = Self.randomExecution(setting, messageCount: c.states, using: &rng)
            let left = try passing.filter { try holds($0, schedule) }
            guard !left.isEmpty, left.count < passing.count else { continue }
            _ = try encoding.require(schedule, observed: try Self.outcome(tables[0], schedule), evaluator: evaluator)
            schedules.append(schedule)
            passing = left
        }
        var seen = (accepted: 0, rejected: 0)
        for table in tables {
            let passes = try schedules.allSatisfy { try holds(table, $0) }
            #expect(try Self.accepts(encoding, table) == passes, "\(c)")
            if passes { seen.accepted += 1 } else { seen.rejected += 1 }
        }
        #expect(seen.accepted > 0 && seen.rejected > 0, "\(c): \(seen)")
    }
}

import Foundation
import Game
import SpecLanguage
import Utilities

/// The reference checker: enumerates every raw execution — every input vector, every faulty
/// set the model picks first, every choice of the adversary in every round (`Adversary`: under
/// crash faults the crashers and who hears each; dropped messages; Byzantine messages; lost
/// messages) — and
/// evaluates the spec on each outcome. No merging, no memoization beyond Z3's outcome cache.
/// Correct by construction and slow by design: the fast checker is tested against it.
///
/// - Complexity: O(raw executions · R · n²); see `ExecutionCount.raw`.
public struct BruteForceChecker: Checker {
    public let table: TransitionTable
    public let spec: Spec
    public let evaluator: SpecEvaluator
    public let options: CheckOptions
    public var kind: CheckerKind { .brute }

    public init(table: TransitionTable, spec: Spec, evaluator: SpecEvaluator, options: CheckOptions = CheckOptions()) {
        self.table = table
        self.spec = spec
        self.evaluator = evaluator
        self.options = options
    }

    /// Checks every raw execution.
    ///
    /// Gaps first: when the table has undefined `next` entries, a first pass runs every raw
    /// execution through the simulator without evaluating the spec and throws the first
    /// `ProtocolGap` met (as `CheckFailure.gap`); only a table on which no execution reaches a
    /// gap is then checked against the spec. So a reachable gap is reported whatever else is wrong with the table,
    /// as `FastChecker` and `SymbolicChecker` report it (`options.gaps` is ignored: brute force
    /// always fails on a gap).
    ///
    /// Cancellation: `options.cancellation` is polled, and it interrupts `evaluator` (the Z3
    /// query running, and every later one); the verdict is then `unknown("interrupted")`.
    /// - Throws: `CheckFailure.gap` when some execution reaches an information set with no
    ///   entry; `.replay` if a counterexample fails its replay (an engine bug).
    public func check() throws(CheckFailure) -> CheckReport {
        try options.cancellation.whileRunning(onCancel: evaluator.interrupter.interrupt) { () throws(CheckFailure) -> CheckReport in
            if table.next.contains(TransitionTable.undefined) {
                let gaps = BruteForceRun(table: table, spec: spec, evaluator: evaluator, options: options, evaluatesOutcomes: false)
                let report = try gaps.start()
                if case .unknown = report.verdict { return report }  // interrupted
            }
            let run = BruteForceRun(table: table, spec: spec, evaluator: evaluator, options: options)
            return try run.start()
        }
    }
}

/// Mutable state of one brute-force enumeration.
final class BruteForceRun {
    let table: TransitionTable
    let spec: Spec
    let evaluator: SpecEvaluator
    let options: CheckOptions
    /// False for the gap pass: executions are run and counted, outcomes not evaluated.
    let evaluatesOutcomes: Bool
    let setting: Setting
    let clock = Stopwatch()
    var lastProgress: Double = 0

    let adversary: Adversary
    var inputs: [Int]
    var faultySet: [Int] = []
    var schedule: [RoundSchedule]
    var executions = 0.0
    var failing = 0.0
    var unknownReason: String?
    var prefixes = 0
    var outcomes = Set<Outcome>()
    var firstViolation: Execution?

    enum Stop: Error { case gap(ProtocolGap), violation, cancelled }

    init(table: TransitionTable, spec: Spec, evaluator: SpecEvaluator, options: CheckOptions, evaluatesOutcomes: Bool = true) {
        self.table = table
        self.spec = spec
        self.evaluator = evaluator
        self.options = options
        self.evaluatesOutcomes = evaluatesOutcomes
        self.setting = table.setting
        adversary = Adversary(table.setting, messageCount: table.messageCount)
        inputs = [Int](repeating: 0, count: setting.processes)
        schedule = [RoundSchedule](repeating: RoundSchedule(), count: setting.rounds)
    }

    func start() throws(CheckFailure) -> CheckReport {
        var stoppedBy: Stop?
        do { try chooseInput(0) } catch { stoppedBy = error }
        let verdict: Verdict
        switch stoppedBy {
        case .gap(let gap)?: throw .gap(gap)
        case .cancelled?: verdict = .unknown(reason: "interrupted")
        case .violation?, nil:
            if let execution = firstViolation {
                do { verdict = .violated(try Counterexample.replay(execution, table: table, spec: spec, evaluator: evaluator)) }
                catch { throw .replay(error) }
            } else if let reason = unknownReason {
                verdict = .unknown(reason: reason)
            } else {
                verdict = .verified
            }
        }
        return CheckReport(verdict: verdict, checker: .brute, mergedSymmetric: false, statesExplored: prefixes,
                           rawExecutionsCovered: executions, rawExecutionsTotal: adversary.rawExecutions,
                           rawExecutionsFailing: options.mode == .count ? failing : nil,
                           distinctOutcomes: outcomes.count, seconds: clock.seconds)
    }

    func chooseInput(_ p: Int) throws(Stop) {
        if p == setting.processes {
            try adversary.forEachFaultySet { (set: [Int]) throws(Stop) in
                faultySet = set
                let faulty = adversary.initiallyFaulty(Execution(inputs: inputs, faulty: set, rounds: []))
                let running = adversary.initiallyRunning(faulty: faulty)
                let states: [Int?] = inputs.indices.map { running[$0] ? Int(table.initial[inputs[$0]]) : nil }
                var decided = DecisionRecord(processes: setting.processes)
                decided.note(table, states: states, round: 0)
                try playRound(1, states: states, faulty: faulty, decided: decided, budget: setting.crashes - set.count)
            }
            return
        }
        for v in 0..<setting.inputs {
            inputs[p] = v
            try chooseInput(p + 1)
        }
    }

    func playRound(_ roundNumber: Int, states: [Int?], faulty: [Bool], decided: DecisionRecord, budget: Int) throws(Stop) {
        prefixes += 1
        if prefixes & 0xFFF == 1 { try poll(round: roundNumber) }
        if roundNumber > setting.rounds {
            var final = decided
            final.finish(table, finalStates: states)
            try finish(final, faulty: faulty)
            return
        }
        // Every choice the setting's adversary has in this round (`Adversary`).
        try adversary.forEachRoundSchedule(running: states.map { $0 != nil }, faulty: faulty, budget: budget) {
            (round: RoundSchedule, left: Int) throws(Stop) in
            schedule[roundNumber - 1] = round
            let next: [Int?]
            do throws(ProtocolGap) {
                next = try Simulator.step(table, round: roundNumber, states: states, schedule: round, faulty: faulty).states
            } catch { throw .gap(error) }
            var faultyAfter = faulty
            for c in round.crashes { faultyAfter[c.process] = true }
            var decidedAfter = decided
            decidedAfter.note(table, states: next, round: roundNumber)
            try playRound(roundNumber + 1, states: next, faulty: faultyAfter, decided: decidedAfter, budget: left)
        }
    }

    func finish(_ decided: DecisionRecord, faulty: [Bool]) throws(Stop) {
        executions += 1
        let outcome = Outcome(inputs.indices.map { p in decided.outcome(p, input: inputs[p], correct: !faulty[p]) },
                              lost: schedule.reduce(0) { $0 + $1.losses.count })
        outcomes.insert(outcome)
        if !evaluatesOutcomes { return }
        switch evaluator.evaluate(outcome) {
        case .holds: break
        case .unknown(let reason):
            // Z3 stopped by a cancellation: the check is interrupted, not undecided.
            if evaluator.interrupter.isInterrupted || options.cancellation?.isCancelled == true { throw .cancelled }
            unknownReason = unknownReason ?? reason
        case .fails:
            failing += 1
            if firstViolation == nil { firstViolation = Execution(inputs: inputs, faulty: faultySet, rounds: schedule) }
            if options.mode == .firstViolation { throw .violation }
        }
    }

    /// Stops on cancellation; reports progress about every half second, at `round`.
    func poll(round: Int) throws(Stop) {
        if options.cancellation?.isCancelled == true { throw .cancelled }
        if let progress = options.progress {
            let now = clock.seconds
            if now - lastProgress >= 0.5 {
                lastProgress = now
                progress(CheckProgress(statesExplored: prefixes, distinctOutcomes: outcomes.count, seconds: now, round: round))
            }
        }
    }
}

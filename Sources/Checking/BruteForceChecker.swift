import Foundation
import Synchronization
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
    /// With `options.threads` above 1 the input vectors are cut into parts by the inputs of
    /// the first processes, run on that many threads (`Parallel`), each part with an evaluator
    /// of its own (`SpecEvaluator.sibling`), and merged in enumeration order: the report is the
    /// one a single thread gives — the same verdict, the same first violation or gap, the same
    /// counts, prefixes and distinct outcomes; only the time differs — as long as no Z3 query
    /// runs out of its time bound (a bound in wall time: the threads' evaluators, each with a
    /// cache of its own, ask different queries at different moments) and the check is not
    /// cancelled part way. A part stops early, or does not start, once an earlier part has met
    /// a violation (first-violation mode) or a gap.
    ///
    /// Cancellation: `options.cancellation` is polled, and it interrupts `evaluator` (the Z3
    /// query running, and every later one); the verdict is then `unknown("interrupted")`.
    /// - Throws: `CheckFailure.gap` when some execution reaches an information set with no
    ///   entry; `.replay` if a counterexample fails its replay (an engine bug); `.solver` when
    ///   Z3 cannot load the spec for another thread.
    public func check() throws(CheckFailure) -> CheckReport {
        let clock = Stopwatch()
        let parts = BruteForceParts(setting: table.setting, threads: options.threads)
        let model = evaluator
        let evaluators = Pool(evaluator) { () throws(CheckFailure) -> SpecEvaluator in
            do { return try model.sibling() } catch { throw .solver(reason: "\(error) (a brute-force thread)") }
        }
        if table.next.contains(TransitionTable.undefined) {
            let report = try run(parts, evaluators, evaluatesOutcomes: false, clock: clock)
            if case .unknown = report.verdict { return report }  // interrupted
        }
        return try run(parts, evaluators, evaluatesOutcomes: true, clock: clock)
    }

    /// One pass over every part (on `options.threads` threads), merged.
    private func run(_ parts: BruteForceParts, _ evaluators: Pool<SpecEvaluator, CheckFailure>, evaluatesOutcomes: Bool,
                     clock: Stopwatch) throws(CheckFailure) -> CheckReport {
        if parts.count == 1 {
            return try options.cancellation.whileRunning(onCancel: evaluator.interrupter.interrupt) { () throws(CheckFailure) -> CheckReport in
                let run = BruteForceRun(table: table, spec: spec, evaluator: evaluator, options: options, evaluatesOutcomes: evaluatesOutcomes)
                return try BruteForceRun.merge([PartRun(run: run, stop: run.explore())], clock: clock)
            }
        }
        let settled = FirstSettled()
        let progress = options.progress.map { PartProgress(parts: parts.count, report: $0) }
        let (whole, wholeSpec, checkOptions) = (table, spec, options)
        let finished = Parallel.map(parts.count, threads: options.threads) { (part: Int) -> Result<PartRun?, CheckFailure> in
            // Not started (no evaluator made) once an earlier part has settled the check.
            if settled.value < part { return .success(nil) }
            return Result { () throws(CheckFailure) -> PartRun? in
                try evaluators.with { evaluator in
                    var partOptions = checkOptions
                    if let progress { partOptions.progress = { progress.note($0, part: part) } }
                    let run = BruteForceRun(table: whole, spec: wholeSpec, evaluator: evaluator, options: partOptions,
                                            evaluatesOutcomes: evaluatesOutcomes, fixedInputs: parts.inputs(of: part),
                                            superseded: { settled.value < part })
                    let stop = checkOptions.cancellation.whileRunning(onCancel: evaluator.interrupter.interrupt) {
                        () -> BruteForceRun.Stop? in run.explore()
                    }
                    switch stop {
                    case .gap?, .violation?: settled.lower(to: part)
                    default: break
                    }
                    return PartRun(run: run, stop: stop)
                }
            }
        }
        // In order, up to the first part that stopped: what one thread would have run (a
        // failure past it, say an evaluator that could not be made, is no failure of the check).
        var runs: [PartRun] = []
        for part in finished {
            if let last = runs.last, last.stop != nil { break }
            switch part {
            case .success(let run?): runs.append(run)
            case .success(nil): preconditionFailure("a part was skipped before the check was settled")
            case .failure(let error): throw error
            }
        }
        return try BruteForceRun.merge(runs, clock: clock)
    }
}

/// How a brute-force check cuts its input vectors into parts for several threads: part `j`
/// fixes the inputs of the first `fixed` processes to the base-`inputs` digits of `j`, so the
/// parts, in order, enumerate the input vectors in the order one thread does.
struct BruteForceParts {
    let inputs: Int
    let fixed: Int
    let count: Int

    /// About four parts per thread (for balance), as the processes allow; one for one thread.
    init(setting: Setting, threads: Int) {
        inputs = max(setting.inputs, 1)
        var fixed = 0, count = 1
        while threads > 1, count < 4 * threads, fixed < setting.processes, inputs > 1 {
            fixed += 1
            count *= inputs
        }
        self.fixed = fixed
        self.count = count
    }

    /// The inputs part `part` fixes, first process first.
    func inputs(of part: Int) -> [Int] {
        var digits = [Int](repeating: 0, count: fixed), rest = part
        for p in stride(from: fixed - 1, through: 0, by: -1) {
            digits[p] = rest % inputs
            rest /= inputs
        }
        return digits
    }
}

/// The first part that met a violation or a gap (`Int.max` while none has).
final class FirstSettled: Sendable {
    private let first = Atomic<Int>(Int.max)
    var value: Int { first.load(ordering: .relaxed) }
    func lower(to part: Int) { first.min(part, ordering: .relaxed) }
}

/// One finished part: its run and what stopped it early (nil: it ran to the end).
struct PartRun: @unchecked Sendable {
    let run: BruteForceRun
    let stop: BruteForceRun.Stop?
}

/// Progress of a check in parts: each part's last snapshot, reported together (the sum of the
/// prefixes explored; the most distinct outcomes any one part has decided) at most every half
/// second.
final class PartProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var latest: [CheckProgress?]
    private var last = 0.0
    private let clock = Stopwatch()
    private let report: @Sendable (CheckProgress) -> Void

    init(parts: Int, report: @escaping @Sendable (CheckProgress) -> Void) {
        latest = Array(repeating: nil, count: parts)
        self.report = report
    }

    func note(_ snapshot: CheckProgress, part: Int) {
        lock.lock()
        latest[part] = snapshot
        let now = clock.seconds
        let due = now - last >= 0.5
        if due { last = now }
        let known = latest.compactMap { $0 }
        lock.unlock()
        guard due else { return }
        report(CheckProgress(statesExplored: known.reduce(0) { $0 + $1.statesExplored },
                             distinctOutcomes: known.map(\.distinctOutcomes).max() ?? 0, seconds: now, round: snapshot.round))
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
    /// The inputs of the first processes, fixed (a part of a check on several threads).
    let fixedInputs: [Int]
    /// Polled: true once an earlier part has settled the check, so this one may stop.
    let superseded: @Sendable () -> Bool
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

    enum Stop: Error { case gap(ProtocolGap), violation, cancelled, superseded }

    init(table: TransitionTable, spec: Spec, evaluator: SpecEvaluator, options: CheckOptions, evaluatesOutcomes: Bool = true,
         fixedInputs: [Int] = [], superseded: @escaping @Sendable () -> Bool = { false }) {
        self.table = table
        self.spec = spec
        self.evaluator = evaluator
        self.options = options
        self.evaluatesOutcomes = evaluatesOutcomes
        self.fixedInputs = fixedInputs
        self.superseded = superseded
        self.setting = table.setting
        adversary = Adversary(table.setting, messageCount: table.messageCount)
        inputs = [Int](repeating: 0, count: setting.processes)
        schedule = [RoundSchedule](repeating: RoundSchedule(), count: setting.rounds)
    }

    /// The whole enumeration and its report (one thread).
    func start() throws(CheckFailure) -> CheckReport { try Self.merge([PartRun(run: self, stop: explore())], clock: clock) }

    /// Runs the enumeration; returns what stopped it early (nil: it ran to the end).
    func explore() -> Stop? {
        do { try chooseInput(0) } catch { return error }
        return nil
    }

    /// The report of `parts` (in enumeration order) as one run through all of them gives:
    /// counts, outcomes and prefixes up to and including the first part that stopped on a gap,
    /// a violation or a cancellation (the parts after it are not looked at); `seconds` from
    /// `clock`.
    /// - Throws: `.gap` for the first gap; `.replay` when the first violation fails its replay.
    static func merge(_ parts: [PartRun], clock: Stopwatch) throws(CheckFailure) -> CheckReport {
        guard let first = parts.first?.run else { preconditionFailure("a check has at least one part") }
        var executions = 0.0, failing = 0.0, prefixes = 0
        var outcomes = Set<Outcome>()
        var unknownReason: String?
        var violation: (execution: Execution, run: BruteForceRun)?
        var stoppedBy: Stop?
        for part in parts {
            executions += part.run.executions
            failing += part.run.failing
            prefixes += part.run.prefixes
            outcomes.formUnion(part.run.outcomes)
            unknownReason = unknownReason ?? part.run.unknownReason
            if violation == nil, let execution = part.run.firstViolation { violation = (execution, part.run) }
            if let stop = part.stop {
                stoppedBy = stop
                break
            }
        }
        let verdict: Verdict
        switch stoppedBy {
        case .gap(let gap)?: throw .gap(gap)
        case .cancelled?: verdict = .unknown(reason: "interrupted")
        case .superseded?: preconditionFailure("a part stopped for an earlier one that did not settle the check")
        case .violation?, nil:
            if let (execution, run) = violation {
                do { verdict = .violated(try Counterexample.replay(execution, table: run.table, spec: run.spec, evaluator: run.evaluator)) }
                catch { throw .replay(error) }
            } else if let reason = unknownReason {
                verdict = .unknown(reason: reason)
            } else {
                verdict = .verified
            }
        }
        return CheckReport(verdict: verdict, checker: .brute, mergedSymmetric: false, statesExplored: prefixes,
                           rawExecutionsCovered: executions, rawExecutionsTotal: first.adversary.rawExecutions,
                           rawExecutionsFailing: first.options.mode == .count ? failing : nil,
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
        if p < fixedInputs.count {
            inputs[p] = fixedInputs[p]
            try chooseInput(p + 1)
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
        if superseded() { throw .superseded }
        if let progress = options.progress {
            let now = clock.seconds
            if now - lastProgress >= 0.5 {
                lastProgress = now
                progress(CheckProgress(statesExplored: prefixes, distinctOutcomes: outcomes.count, seconds: now, round: round))
            }
        }
    }
}

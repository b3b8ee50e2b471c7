import Checking
import Diagnostics
import Game
import SpecLanguage
import Utilities

/// What the whole-table baselines (`cegis`, `random`) share: the spec's evaluator, the
/// counters and clock, the stop conditions, the exhaustive check of a complete candidate,
/// progress reports and the final result.
struct BaselineRun {
    let spec: Spec
    let options: SynthesisOptions
    let evaluator: SpecEvaluator
    var stats = SynthesisStats()
    let clock = Stopwatch()
    private var lastProgress = 0.0

    /// - Throws: `Diagnostic` when Z3 rejects the spec.
    init(spec: Spec, options: SynthesisOptions) throws(Diagnostic) {
        self.spec = spec
        self.options = options
        evaluator = try SpecEvaluator(spec: spec, timeoutMilliseconds: options.solverTimeout)
    }

    var isCancelled: Bool { options.cancellation?.isCancelled == true }

    /// Why the run must stop before its next step (Ctrl-C or the time limit), nil to go on.
    var stopReason: SynthesisOutcome? { Synthesis.stopReason(options, elapsed: clock.seconds) }

    /// Counts one step and reports progress, at most twice a second.
    mutating func step() {
        stats.iterations += 1
        guard let progress = options.progress else { return }
        let now = clock.seconds
        guard now - lastProgress >= 0.5 else { return }
        lastProgress = now
        progress(SynthesisProgress(iterations: stats.iterations, best: nil, frozenEntries: 0,
                                   checkerCalls: stats.checkerCalls, backtracks: 0, seconds: now))
    }

    /// The fast checker's verdict on complete `table` (first violation; cancellable), counted
    /// in the stats; a violation counts as a conflict.
    /// - Throws: `SearchFailure.check` when the checker fails (an engine bug for a complete table).
    /// `more`: the violations besides the verdict's (`counterexamples` above 1).
    mutating func check(_ table: TransitionTable, counterexamples: Int = 1) throws(SearchFailure) -> (verdict: Verdict, more: [Counterexample]) {
        var checkOptions = CheckOptions(mode: .firstViolation)
        checkOptions.cancellation = options.cancellation
        checkOptions.counterexamples = counterexamples
        let start = clock.seconds
        let report: CheckReport
        do { report = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: checkOptions).check() }
        catch { throw .check(error) }
        let verdict = report.verdict
        stats.checkerCalls += 1
        stats.checkerSeconds += clock.seconds - start
        if case .violated = verdict { stats.conflicts += 1 }
        return (verdict, report.moreCounterexamples)
    }

    /// The run's result; `found` is a verified table or nil.
    mutating func result(_ outcome: SynthesisOutcome, found: TransitionTable?) -> SynthesisResult {
        stats.totalSeconds = clock.seconds
        return SynthesisResult(outcome: outcome, table: found, best: nil, stats: stats,
                               log10Tables: StrategySpace(setting: spec.setting).log10Tables)
    }
}

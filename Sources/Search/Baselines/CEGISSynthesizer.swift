import Checking
import Foundation
import Diagnostics
import Game
import SpecLanguage
import Z3Kit

/// The `cegis` baseline (issue 4): Z3 proposes a whole table satisfying every constraint so far
/// (`CEGISEncoding`), the fast checker verifies it or returns a counterexample execution, whose
/// schedule is added as constraints; repeat. Z3's `unsat` proves that no protocol exists.
///
/// Soundness: a table is returned only when the exhaustive checker verified it; `unrealizable`
/// only on `unsat` when no candidate was excluded for being undecided (see `CEGISEncoding`).
/// Completeness: each round excludes the current candidate (the schedule it fails on is now
/// required), and the space is finite, so the loop ends.
/// Cost: one exhaustive check and one incremental Z3 check per candidate; the Z3 problem grows
/// by `O(R · n² · K)` terms per counterexample. The time limit bounds Z3's checks and is polled
/// between steps, so a run can overshoot it by one exhaustive check (as for every strategy).
public final class CEGISSynthesizer {
    public let spec: Spec
    public let options: SynthesisOptions
    private let evaluator: SpecEvaluator
    private let encoding: CEGISEncoding
    private var stats = SynthesisStats()
    private let clock = Stopwatch()
    private var lastProgress = 0.0

    /// - Throws: `Diagnostic` when Z3 rejects the spec or fails to set up.
    public init(spec: Spec, options: SynthesisOptions) throws(Diagnostic) {
        self.spec = spec
        self.options = options
        evaluator = try SpecEvaluator(spec: spec, timeoutMilliseconds: options.solverTimeout)
        do {
            encoding = try CEGISEncoding(setting: spec.setting, roundAware: spec.setting.roundAware)
        } catch {
            throw Diagnostic(.badInput, file: spec.file, message: "\(error); Z3 failed while preparing the CEGIS encoding")
        }
    }

    /// Runs until Z3 says `unsat`, a candidate verifies, the time limit passes or the run is
    /// cancelled. Never throws for search reasons; Z3 API failures end the run inconclusive.
    public func run() -> SynthesisResult {
        var excludedUndecided = false
        var outcome: SynthesisOutcome = .inconclusive(reason: "interrupted")
        var found: TransitionTable?
        loop: while true {
            if options.cancellation?.isCancelled == true { outcome = .inconclusive(reason: "interrupted"); break }
            let remaining = options.timeLimit.map { $0 - clock.seconds }
            if let remaining, remaining <= 0 { outcome = timeUp; break }
            stats.iterations += 1
            report()
            let answer = solve(remaining: remaining)
            switch answer {
            case .unsat:
                outcome = excludedUndecided
                    ? .inconclusive(reason: "Z3 ran out of candidates, but some were excluded only because their check was undecided")
                    : .unrealizable
                break loop
            case .unknown(let reason):
                if options.cancellation?.isCancelled == true { outcome = .inconclusive(reason: "interrupted") }
                else if let limit = options.timeLimit, clock.seconds >= limit - 0.05 { outcome = timeUp }
                else { outcome = .inconclusive(reason: "Z3 answered unknown on the candidate constraints (\(reason))") }
                break loop
            case .sat:
                break
            }
            do {
                guard let model = encoding.solver.model() else {
                    outcome = .inconclusive(reason: "Z3 said sat but gave no model")
                    break loop
                }
                let candidate = try encoding.table(from: model)
                var checkOptions = CheckOptions(mode: .firstViolation)
                checkOptions.cancellation = options.cancellation
                let checkStart = clock.seconds
                let report = try FastChecker(table: candidate, spec: spec, evaluator: evaluator, options: checkOptions).check()
                stats.checkerCalls += 1
                stats.checkerSeconds += clock.seconds - checkStart
                switch report.verdict {
                case .verified:
                    found = candidate
                    outcome = .found
                    break loop
                case .violated(let counterexample):
                    stats.conflicts += 1
                    // The replayed counterexample proves the candidate wrong, so excluding it
                    // outright (if no vector constraint could) keeps `unsat` a proof.
                    if try !encoding.require(counterexample.execution, observed: counterexample.outcome, evaluator: evaluator) {
                        try encoding.exclude(candidate)
                    }
                case .unknown:
                    if options.cancellation?.isCancelled == true { outcome = .inconclusive(reason: "interrupted"); break loop }
                    try encoding.exclude(candidate)
                    excludedUndecided = true
                }
            } catch {
                outcome = .inconclusive(reason: "CEGIS failed: \(error)")
                break loop
            }
        }
        stats.totalSeconds = clock.seconds
        return SynthesisResult(outcome: outcome, table: found, bestScore: found != nil ? 1 : 0, stats: stats,
                               log10Tables: StrategySpace(setting: spec.setting).log10Tables)
    }

    private var timeUp: SynthesisOutcome { .inconclusive(reason: "time limit of \(options.timeLimit ?? 0) s reached") }

    /// One Z3 check bounded by the remaining time; Ctrl-C (the cancellation token) interrupts it.
    private func solve(remaining: Double?) -> Z3CheckResult {
        let milliseconds = remaining.map { UInt32(min(max($0 * 1000, 1), Double(UInt32.max - 1))) } ?? UInt32.max
        do { try encoding.solver.setTimeout(milliseconds: milliseconds) } catch {
            return .unknown(reason: "\(error)")
        }
        let done = CancellationToken()
        if let token = options.cancellation {
            let interrupter = encoding.interrupter
            DispatchQueue.global().async {
                while !done.isCancelled {
                    if token.isCancelled { interrupter.interrupt(); return }
                    usleep(20_000)
                }
            }
        }
        let start = clock.seconds
        let result = encoding.solver.check()
        done.cancel()
        stats.solverSeconds += clock.seconds - start
        return result
    }

    private func report() {
        guard let progress = options.progress else { return }
        let now = clock.seconds
        guard now - lastProgress >= 0.5 else { return }
        lastProgress = now
        progress(SynthesisProgress(iterations: stats.iterations, bestScore: 0, frozenEntries: 0,
                                   checkerCalls: stats.checkerCalls, backtracks: 0, seconds: now))
    }
}

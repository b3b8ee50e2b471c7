import Checking
import Diagnostics
import Game
import SpecLanguage

/// The `random` baseline (issue 4): draws whole tables uniformly (every `init`, `decide` and
/// `next` entry independently) and checks each with the exhaustive checker, until one verifies.
///
/// Soundness: a table is returned only when verified. Incomplete: it never proves that no
/// protocol exists (it ends inconclusive at the time limit). Cost: one exhaustive check per draw.
public final class RandomSynthesizer {
    public let spec: Spec
    public let options: SynthesisOptions
    private let evaluator: SpecEvaluator
    private let emptyTable: TransitionTable
    private var random: SearchRandom
    private var stats = SynthesisStats()
    private let clock = Stopwatch()
    private var lastProgress = 0.0

    /// - Throws: `Diagnostic` when Z3 rejects the spec.
    public init(spec: Spec, options: SynthesisOptions) throws(Diagnostic) {
        self.spec = spec
        self.options = options
        evaluator = try SpecEvaluator(spec: spec, timeoutMilliseconds: options.solverTimeout)
        emptyTable = StrategySpace(setting: spec.setting).emptyTable
        random = SearchRandom(seed: options.seed)
    }

    /// Draws and checks until a table verifies, the time limit passes or the run is cancelled.
    public func run() -> SynthesisResult {
        var outcome: SynthesisOutcome
        var found: TransitionTable?
        while true {
            if options.cancellation?.isCancelled == true { outcome = .inconclusive(reason: "interrupted"); break }
            if let limit = options.timeLimit, clock.seconds >= limit { outcome = .inconclusive(reason: "time limit of \(limit) s reached"); break }
            stats.iterations += 1
            report()
            let candidate = draw()
            var checkOptions = CheckOptions(mode: .firstViolation)
            checkOptions.cancellation = options.cancellation
            let start = clock.seconds
            let verdict: Verdict
            do { verdict = try FastChecker(table: candidate, spec: spec, evaluator: evaluator, options: checkOptions).check().verdict } catch {
                outcome = .inconclusive(reason: "checker failed: \(error)")
                break
            }
            stats.checkerCalls += 1
            stats.checkerSeconds += clock.seconds - start
            if case .verified = verdict { found = candidate; outcome = .found; break }
            if case .violated = verdict { stats.conflicts += 1 }
        }
        stats.totalSeconds = clock.seconds
        return SynthesisResult(outcome: outcome, table: found, bestScore: found != nil ? 1 : 0, stats: stats,
                               log10Tables: StrategySpace(setting: spec.setting).log10Tables)
    }

    /// A uniformly random complete table. - Complexity: O(entries).
    private func draw() -> TransitionTable {
        let s = spec.setting
        var t = emptyTable
        for v in t.initial.indices { t.initial[v] = UInt8(Int.random(in: 0..<s.states, using: &random)) }
        for k in t.decision.indices { t.decision[k] = Int8(Int.random(in: 0..<s.decisions, using: &random)) }
        for e in t.next.indices { t.next[e] = UInt8(Int.random(in: 0..<s.states, using: &random)) }
        return t
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

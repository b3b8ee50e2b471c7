import Checking
import Foundation
import Diagnostics
import Game
import SpecLanguage
import Z3Kit

/// The `cegis` baseline (issue 4): Z3 proposes a whole table satisfying every constraint so far
/// (`ScheduleConstraints`), the fast checker verifies it or returns a counterexample execution, whose
/// schedule is added as constraints; repeat. Z3's `unsat` proves that no protocol exists.
///
/// Soundness: a table is returned only when the exhaustive checker verified it; `unrealizable`
/// only on `unsat` when no candidate was excluded for being undecided (see `ScheduleConstraints`).
/// Inside a cube (`options.cube`) its fixed entries are asserted, so `unsat` refutes the cube;
/// under `--jobs` (`options.sharedNogoods`) every nogood another search shared (a refuted cube,
/// a small conflict) is excluded as it comes.
/// Completeness: each round excludes the current candidate (the schedule it fails on is now
/// required), and the space is finite, so the loop ends.
/// Which candidate comes next is `options.candidates` (near the last one, or spread).
/// Cost: one exhaustive check and one incremental Z3 check per candidate; the Z3 problem grows
/// by `O(R · n² · K)` terms per counterexample. With `options.counterexamples` above 1 a failing
/// candidate's check goes on to that many violations (up to a whole exploration when fewer exist). The time limit bounds Z3's checks and is polled
/// between steps, so a run can overshoot it by one exhaustive check (as for every strategy).
public final class CEGISSynthesizer {
    private var baseline: BaselineRun
    private let encoding: ScheduleConstraints
    /// The whole space's entries (for `options.sharedNogoods`), and how many shared nogoods
    /// are already excluded.
    private let space: StrategySpace
    private var nogoodsExcluded = 0
    /// This search's handle on the schedules the threads of a `--jobs` run share, else nil.
    private let exchange: SharedSchedules.Participant?

    public var spec: Spec { baseline.spec }
    public var options: SynthesisOptions { baseline.options }

    /// - Throws: `Diagnostic` when Z3 rejects the spec or fails to set up.
    public init(spec: Spec, options: SynthesisOptions) throws(Diagnostic) {
        baseline = try BaselineRun(spec: spec, options: options)
        space = StrategySpace(setting: spec.setting)
        exchange = options.sharedSchedules
        do {
            // Inside a cube its fixed entries are asserted instead of the encoding's own symmetry
            // breaking (which names `init` states the cube may fix otherwise); the cube's
            // renaming argument (`StrategySpace`) is what makes its refutation a proof.
            let cube = options.cube.flatMap { $0.fixed.isEmpty ? nil : $0 }
            encoding = try ScheduleConstraints(setting: spec.setting, roundAware: spec.setting.roundAware, breakSymmetry: cube == nil)
            if let phase = options.candidates.z3Phase { try encoding.solver.setParameter("phase", symbol: phase) }
            for f in cube?.fixed ?? [] {
                guard let entry = f.entry else { continue }
                try encoding.solver.assert(try encoding.assumption(entry, equals: f.action))
            }
        } catch {
            throw Diagnostic(.internalError, file: spec.file, message: "\(error); Z3 failed while preparing the CEGIS encoding")
        }
    }

    /// Runs until Z3 says `unsat`, a candidate verifies, the time limit passes or the run is
    /// cancelled.
    /// - Throws: `SearchFailure` when a check fails or Z3 fails (an API error, `sat` without a
    ///   model): engine failures, never an answer.
    public func search() throws(SearchFailure) -> SynthesisResult {
        var excludedUndecided = false
        while true {
            if let stop = baseline.stopReason { return baseline.result(stop, found: nil) }
            baseline.step()
            try excludeSharedNogoods()
            try takeSharedSchedules()
            switch try solve() {
            case .unsat:
                var result = baseline.result(excludedUndecided
                    ? .inconclusive(reason: "Z3 ran out of candidates, but some were excluded only because their check was undecided")
                    : .unrealizable, found: nil)
                if case .unrealizable = result.outcome { result.specFailsRegardless = encoding.failsForEveryProtocol }
                result.learnedSchedules = encoding.schedules
                return result
            case .unknown(let reason):
                // The check's deadline is the time limit, rounded down to a millisecond.
                let timedOut = options.timeLimit.map { baseline.clock.seconds >= $0 - 0.05 } ?? false
                let stop = baseline.stopReason ?? (timedOut ? Synthesis.timeUp(options) : nil)
                return baseline.result(stop ?? .inconclusive(reason: "Z3 answered unknown on the candidate constraints (\(reason))"), found: nil)
            case .sat:
                break
            }
            guard let model = encoding.solver.model() else { throw .solver(reason: "Z3 answered sat without a model (CEGIS)") }
            let candidate = try z3 { () throws(Z3Error) in try encoding.table(from: model) }
            let checked = try baseline.check(candidate, counterexamples: options.counterexamples)
            switch checked.verdict {
            case .verified:
                return baseline.result(.found, found: candidate)
            case .violated(let counterexample):
                // The replayed counterexample proves the candidate wrong, so excluding it
                // outright (if no vector constraint could) keeps `unsat` a proof.
                exchange?.publish(counterexample.execution, outcome: counterexample.outcome)
                try z3 { () throws(Z3Error) in
                    if try !encoding.require(counterexample.execution, observed: counterexample.outcome, evaluator: baseline.evaluator) {
                        try encoding.exclude(candidate)
                    }
                }
                // `--counterexamples`: the check's further violations, each a schedule every
                // passing table satisfies (so requiring them keeps `unsat` a proof).
                for more in checked.more where !encoding.knows(more.execution) {
                    exchange?.publish(more.execution, outcome: more.outcome)
                    try z3 { () throws(Z3Error) in _ = try encoding.require(more.execution, observed: more.outcome, evaluator: baseline.evaluator) }
                    baseline.stats.conflicts += 1
                }
            case .unknown:
                if let stop = baseline.stopReason { return baseline.result(stop, found: nil) }
                try z3 { () throws(Z3Error) in try encoding.exclude(candidate) }
                excludedUndecided = true
            }
        }
    }

    /// Excludes every table that extends a nogood shared since the last call (a refuted cube
    /// or a search's small conflict: `options.sharedNogoods`, under `--jobs`): none of them
    /// passes, so `unsat` stays a proof.
    /// - Throws: `SearchFailure.solver` if Z3 fails.
    private func excludeSharedNogoods() throws(SearchFailure) {
        guard let nogoods = options.sharedNogoods else { return }
        let new = nogoods.added(since: nogoodsExcluded)
        nogoodsExcluded = new.count
        for nogood in new.nogoods {
            try z3 { () throws(Z3Error) in
                let fixed = try nogood.map { f throws(Z3Error) in try encoding.assumption(space.entries[f.entry], equals: Int(f.action)) }
                try encoding.solver.assert(try encoding.context.mkNot(try encoding.context.mkAnd(fixed)))
            }
        }
    }

    /// Requires the spec on the schedules the other threads learned since the last call
    /// (`SharedSchedules`): every passing table satisfies them, so `unsat` stays a proof.
    /// - Throws: `SearchFailure.solver` if Z3 fails.
    private func takeSharedSchedules() throws(SearchFailure) {
        guard let exchange else { return }
        for schedule in exchange.take() where !encoding.knows(schedule.execution) {
            if options.cancellation?.isCancelled == true { break }
            try z3 { () throws(Z3Error) in
                _ = try encoding.require(schedule.execution, observed: schedule.outcome, evaluator: baseline.evaluator)
            }
            baseline.stats.sharedSchedules += 1
        }
    }

    /// `operation`, with a Z3 failure thrown as `SearchFailure.solver`.
    private func z3<T>(_ operation: () throws(Z3Error) -> T) throws(SearchFailure) -> T {
        do { return try operation() } catch { throw .solver(reason: "\(error) (CEGIS)") }
    }

    /// One Z3 check bounded by the remaining time; Ctrl-C (the cancellation token) interrupts it.
    /// - Throws: `SearchFailure.solver` if Z3 rejects the time limit.
    private func solve() throws(SearchFailure) -> Z3CheckResult {
        let remaining = options.timeLimit.map { $0 - baseline.clock.seconds }
        let milliseconds = remaining.map { UInt32(min(max($0 * 1000, 1), Double(UInt32.max - 1))) } ?? UInt32.max
        try z3 { () throws(Z3Error) in try encoding.solver.setTimeout(milliseconds: milliseconds) }
        let start = baseline.clock.seconds
        let solver = encoding.solver
        let result = options.cancellation.whileRunning(onCancel: encoding.interrupter.interrupt) { solver.check() }
        baseline.stats.solverSeconds += baseline.clock.seconds - start
        return result
    }
}

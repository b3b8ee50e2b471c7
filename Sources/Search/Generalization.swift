import Checking
import Game
import ProtocolLanguage
import SpecLanguage
import Synchronization
import Utilities

/// How far a found protocol's compact rules generalize: the larger n at which they verify —
/// the same spec at each n (`Spec.withProcesses`: the same f, fault model, losses, R and
/// assertions) — checked one n at a time by the fast checker.
public struct Generalization: Sendable, Codable, Equatable {
    /// Every n above the spec's at which the rules verify, ascending, without gaps.
    public var verified: [Int]
    /// The first n at which they do not (violated, a gap, or a setting the rules do not compile
    /// at); nil when every n up to `bound` verified, Z3 gave out, or the check was stopped.
    public var failsAt: Int?
    /// The first n at which Z3 could not decide some outcome (the check stopped there, neither
    /// verified nor failed); nil otherwise.
    public var undecidedAt: Int? = nil
    /// The largest n that was to be checked.
    public var bound: Int

    /// Verifies `rules` at n = spec's n + 1 … `bound` until the first failure or cancellation.
    /// A gap at a larger n is a failure there (the rules do not cover it); a checker that fails
    /// for another reason is an engine failure and is thrown.
    ///
    /// With `threads` above 1 the n are checked on that many threads, smallest first; once one
    /// n fails or is undecided, the checks of larger n are stopped and not started, so the
    /// answer is the one a single thread gives (more n may be checked, none reported past the
    /// first that does not verify).
    /// - Throws: `SearchFailure.check` for a failed replay or Z3 failure (never read as "fails").
    /// - Complexity: one fast check per n (polynomial in n for a fixed f, R and K).
    public static func check(_ rules: ProtocolDefinition, spec: Spec, bound: Int, solverTimeoutMilliseconds: UInt32 = 10_000,
                             threads: Int = 1, cancellation: CancellationToken? = nil) throws(SearchFailure) -> Generalization {
        var result = Generalization(verified: [], failsAt: nil, bound: bound)
        let from = spec.setting.processes + 1
        guard bound >= from else { return result }
        let settled = Settled()
        let answers = Parallel.map(bound - from + 1, threads: threads) { (index: Int) -> Result<Answer, SearchFailure> in
            guard !settled.before(index) else { return .success(.stopped) }
            let answer = CancellationToken.scoped(parent: cancellation, deadline: nil) { token -> Result<Answer, SearchFailure> in
                settled.watch(index, token)
                defer { settled.unwatch(index) }
                return Result { () throws(SearchFailure) -> Answer in
                    try check(rules, spec: spec, n: from + index, solverTimeoutMilliseconds: solverTimeoutMilliseconds, cancellation: token)
                }
            }
            switch answer {
            case .success(.verified), .success(.stopped): break
            case .success, .failure: settled.stop(after: index)
            }
            return answer
        }
        for (index, answer) in answers.enumerated() {
            let n = from + index
            switch answer {
            case .failure(let failure): throw failure
            case .success(.verified): result.verified.append(n)
            case .success(.undecided): result.undecidedAt = n
            case .success(.fails): result.failsAt = n
            case .success(.stopped): break
            }
            if case .success(.verified) = answer { continue }
            break
        }
        return result
    }

    /// What one n gave.
    enum Answer: Sendable, Equatable { case verified, undecided, fails, stopped }

    /// The fast check of `rules` at `n`; `.stopped` when `cancellation` stopped it.
    private static func check(_ rules: ProtocolDefinition, spec: Spec, n: Int, solverTimeoutMilliseconds: UInt32,
                              cancellation: CancellationToken) throws(SearchFailure) -> Answer {
        if cancellation.isCancelled { return .stopped }
        guard let larger = try? spec.withProcesses(n),
              let table = try? TransitionTable.compile(rules, for: larger.setting, file: "compact") else {
            return .fails
        }
        let evaluator: SpecEvaluator
        do { evaluator = try SpecEvaluator(spec: larger, timeoutMilliseconds: solverTimeoutMilliseconds) } catch {
            throw .solver(reason: "the spec's evaluator at n = \(n): \(error)")
        }
        var options = CheckOptions()
        options.cancellation = cancellation
        let report: CheckReport?
        do { report = try FastChecker(table: table, spec: larger, evaluator: evaluator, options: options).check() } catch {
            guard error.isInputError else { throw .check(error) }
            report = nil
        }
        if cancellation.isCancelled { return .stopped }
        switch report?.verdict.kind {
        case .verified?: return .verified
        case .unknown?: return .undecided
        case .violated?, nil: return .fails
        }
    }

    /// The smallest n (as an index) that did not verify, and the tokens of the checks running,
    /// so that a failure stops the checks of larger n.
    private final class Settled: Sendable {
        private let state = Mutex<(first: Int, running: [Int: CancellationToken])>((Int.max, [:]))

        /// Whether a smaller n than `index` already did not verify.
        func before(_ index: Int) -> Bool { state.withLock { $0.first < index } }

        func watch(_ index: Int, _ token: CancellationToken) {
            let stopped = state.withLock { s -> Bool in
                s.running[index] = token
                return s.first < index
            }
            if stopped { token.cancel() }
        }

        func unwatch(_ index: Int) { _ = state.withLock { $0.running.removeValue(forKey: index) } }

        /// `index` did not verify: stops every check of a larger n.
        func stop(after index: Int) {
            let larger = state.withLock { s -> [CancellationToken] in
                s.first = min(s.first, index)
                return s.running.filter { $0.key > index }.map(\.value)
            }
            for token in larger { token.cancel() }
        }
    }
}

import Checking
import Game
import ProtocolLanguage
import SpecLanguage

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
    /// - Throws: `SearchFailure.check` for a failed replay or Z3 failure (never read as "fails").
    /// - Complexity: one fast check per n (polynomial in n for a fixed f, R and K).
    public static func check(_ rules: ProtocolDefinition, spec: Spec, bound: Int, solverTimeoutMilliseconds: UInt32 = 10_000,
                             cancellation: CancellationToken? = nil) throws(SearchFailure) -> Generalization {
        var result = Generalization(verified: [], failsAt: nil, bound: bound)
        guard bound > spec.setting.processes else { return result }
        for n in (spec.setting.processes + 1)...bound {
            if cancellation?.isCancelled == true { break }
            guard let larger = try? spec.withProcesses(n),
                  let table = try? TransitionTable.compile(rules, for: larger.setting, file: "compact") else {
                result.failsAt = n
                break
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
            if cancellation?.isCancelled == true { break }
            switch report?.verdict.kind {
            case .verified?: result.verified.append(n)
            case .unknown?: result.undecidedAt = n
            case .violated?, nil: result.failsAt = n
            }
            if report?.verdict.isVerified != true { break }
        }
        return result
    }
}

import Game
import SpecLanguage

/// The one contract of the three checkers (docs/checking.md): `FastChecker`, `BruteForceChecker`
/// and `SymbolicChecker` answer the same question about the same table and spec, with the same
/// verdicts and the same failures, so a caller picks one by `CheckerKind` and treats them alike.
public protocol Checker {
    /// Which checker this is.
    var kind: CheckerKind { get }

    /// Decides whether the table satisfies the spec on every execution of its bounded setting.
    ///
    /// - Returns: `verified`, `violated` with a replayed counterexample, or `unknown` (Z3 or the
    ///   budget gave out, or the check was cancelled — never a pass), with what the check covered.
    /// - Throws: `CheckFailure.gap` (or `.unsetInitialState`) when some execution reaches an
    ///   information set the table has no entry for, whatever else is wrong with the table: the
    ///   input's fault. Any other `CheckFailure` is the engine's: a counterexample that does not
    ///   replay, or Z3 failing. No failure is ever a verdict.
    /// - Complexity: the conforming type's.
    func check() throws(CheckFailure) -> CheckReport
}

/// The checkers by name; the raw value is the command line's `--checker` value and the
/// `checker` field of `verify --json`.
public enum CheckerKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `FastChecker`: configurations, permuted executions merged, states memoized (the default,
    /// and the one synthesis uses).
    case fast
    /// `BruteForceChecker`: every raw execution enumerated (the reference).
    case brute
    /// `SymbolicChecker`: the whole game as Z3 queries, the adversary free (a cross-check).
    case symbolic

    /// A checker of this kind for `table` and `spec`.
    /// - Parameter solverTimeoutMilliseconds: the symbolic checker's bound on each
    ///   whole-execution query; the explicit checkers' outcome queries are bounded by `evaluator`.
    /// - Precondition: as the kind's initializer (`SymbolicChecker`: `init` and `decide` complete).
    /// - Complexity: O(1); the work happens in `check()`.
    public func checker(table: TransitionTable, spec: Spec, evaluator: SpecEvaluator,
                        options: CheckOptions = CheckOptions(), solverTimeoutMilliseconds: UInt32 = 10_000) -> any Checker {
        switch self {
        case .fast: return FastChecker(table: table, spec: spec, evaluator: evaluator, options: options)
        case .brute: return BruteForceChecker(table: table, spec: spec, evaluator: evaluator, options: options)
        case .symbolic:
            return SymbolicChecker(table: table, spec: spec, evaluator: evaluator, options: options,
                                   timeoutMilliseconds: solverTimeoutMilliseconds)
        }
    }
}

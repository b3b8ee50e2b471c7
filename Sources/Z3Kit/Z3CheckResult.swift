/// The answer to a satisfiability check.
public enum Z3CheckResult: Hashable, Sendable {
    /// The assertions (and assumptions) have a model.
    case sat
    /// They have none.
    case unsat
    /// Z3 gave up: `reason` is `Z3_solver_get_reason_unknown` (e.g. `timeout`, `canceled`,
    /// `(incomplete quantifiers)`). Never to be read as either answer.
    case unknown(reason: String)
}

extension Z3CheckResult {
    /// The reason of an `.unknown` from a check stopped by its deadline.
    public static let timedOut = "timeout"
    /// The reason of an `.unknown` from a check stopped by `Z3Interrupter.interrupt`.
    public static let interrupted = "interrupted"

    /// Whether this is an `.unknown` because the deadline passed or the context was interrupted
    /// (rather than Z3's incompleteness or failure).
    public var wasStopped: Bool {
        if case .unknown(let reason) = self { return reason == Self.timedOut || reason == Self.interrupted }
        return false
    }
}

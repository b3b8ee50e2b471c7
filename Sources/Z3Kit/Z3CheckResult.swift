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

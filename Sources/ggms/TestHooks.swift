import Checking
import Foundation

/// Ways for the command-line tests to reach paths that no real input reaches. Each is read
/// from the environment, here only, and does nothing when its variable is unset.
enum TestHooks {
    /// `GGMS_TEST_CHECK_FAILURE=replay` or `=solver`: every check throws that engine failure
    /// (`CheckFailure.replay`, `.solver`) instead of running, so the tests can see that it ends
    /// as an internal error (exit 70), never as bad input or a verdict.
    static let forcedCheckFailure: CheckFailure? = {
        switch ProcessInfo.processInfo.environment["GGMS_TEST_CHECK_FAILURE"] {
        case "replay"?: return .replay(.specHolds)
        case "solver"?: return .solver(reason: "forced by GGMS_TEST_CHECK_FAILURE")
        default: return nil
        }
    }()

    /// `checker`, or one that fails as `forcedCheckFailure` says.
    static func checker(_ checker: any Checker) -> any Checker {
        guard let failure = forcedCheckFailure else { return checker }
        return FailingChecker(kind: checker.kind, failure: failure)
    }
}

/// A checker that throws `failure` (see `TestHooks`).
private struct FailingChecker: Checker {
    let kind: CheckerKind
    let failure: CheckFailure
    func check() throws(CheckFailure) -> CheckReport { throw failure }
}

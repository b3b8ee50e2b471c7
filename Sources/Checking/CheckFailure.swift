import Game

/// Why a check ended without a verdict: the one error every `Checker` throws.
///
/// Two kinds, and callers must keep them apart: a *gap* is the input's fault (the protocol is
/// incomplete; the command line exits 65 and points at the protocol), every other case is the
/// engine's (a bug in ggms, or Z3 failing; the command line exits 70). Neither is ever a
/// verdict: an engine failure is not a property failure, not a pass and not `unknown`.
public enum CheckFailure: Error, Sendable, CustomStringConvertible {
    /// Some execution reaches an information set the table has no `next` entry for.
    case gap(ProtocolGap)
    /// An input has no initial state (only a hand-built table: compilation fills `init`).
    case unsetInitialState(input: Int)
    /// A counterexample, or the symbolic checker's gap witness, did not replay as the checker
    /// claimed: an engine bug.
    case replay(Counterexample.ReplayFailure)
    /// Z3 failed: an API error, `sat` without a usable model, or a spec it accepted before and
    /// now rejects. `reason` says which.
    case solver(reason: String)

    /// Whether the input is at fault (`gap`, `unsetInitialState`) rather than the engine.
    public var isInputError: Bool {
        switch self {
        case .gap, .unsetInitialState: return true
        case .replay, .solver: return false
        }
    }

    public var description: String {
        switch self {
        case .gap(let gap): return gap.description
        case .unsetInitialState(let input): return "input \(input) has no initial state"
        case .replay(let failure): return failure.description
        case .solver(let reason): return "Z3 failed during the check: \(reason)"
        }
    }
}

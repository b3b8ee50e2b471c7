import Checking

/// Why a search stopped without an answer: the engine failed. Never the user's input and never
/// an answer about the spec — not `unrealizable`, not `inconclusive`, and no candidate counts
/// as refuted because of it. The command line reports it as an internal error (exit 70).
public enum SearchFailure: Error, Sendable, CustomStringConvertible {
    /// A check of a table the search built failed (`CheckFailure`). Even a gap is the engine's
    /// fault here: the search checks complete tables, or partial ones with gaps skipped.
    case check(CheckFailure)
    /// Z3 failed on the search's own queries (symbolic learning, CEGIS, the spec's evaluator);
    /// `reason` says where.
    case solver(reason: String)

    public var description: String {
        switch self {
        case .check(let failure): return "a check in the search failed: \(failure)"
        case .solver(let reason): return "Z3 failed in the search: \(reason)"
        }
    }

}

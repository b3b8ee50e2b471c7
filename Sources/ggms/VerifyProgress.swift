import Checking
import Foundation
import Utilities

/// The live progress line of `verify` on stderr.
enum VerifyProgress {
    /// `verifying n=5 (fast): round 2 of 3, 1,025 states, 2,050 states/s, 17 outcomes, 0.5 s`;
    /// the symbolic checker, which reports only before each query: `Z3 query 1, 15 symbolic
    /// process states, 0.1 s`. The round is where the depth-first search is (it moves back and
    /// forth); `R + 1` (deciding) shows as `decisions`.
    static func line(_ p: CheckProgress, n: Int, checker: CheckerKind, rounds: Int) -> String {
        var parts: [String] = []
        if let query = p.solverQuery {
            parts.append("Z3 query \(query)")
            parts.append(plural(p.statesExplored, "symbolic process state"))
        } else {
            if let round = p.round { parts.append(round > rounds ? "decisions after round \(rounds)" : "round \(round) of \(rounds)") }
            parts.append(plural(p.statesExplored, "state"))
            if p.seconds > 0 { parts.append("\(formatCount(Double(p.statesExplored) / p.seconds)) states/s") }
            parts.append(plural(p.distinctOutcomes, "outcome"))
        }
        parts.append("\(String(format: "%.1f", p.seconds)) s")
        return "verifying n=\(n) (\(checker.rawValue)): " + parts.joined(separator: ", ")
    }
}

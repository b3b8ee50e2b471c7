import Checking
import Foundation
import Utilities

/// The closing text of `verify --processes A...B`: one row per n checked, then the verdict over
/// the whole range.
enum VerifySummary {
    /// The summary table (n, verdict, states explored, seconds) and the overall line:
    /// `verified at every n from 3 to 6`, `violated at n = 5 (first; also at n = 6)`, or
    /// `unknown at n = 4 (not a pass); …` — an interrupted run names the n it did not check.
    /// - Parameter planned: every n the range asked for, in order (`results` may stop early).
    static func render(_ results: [VerifyResult], planned: [Int]) -> String {
        var table = TextTable(["n", "verdict", "states", "seconds"])
        for r in results {
            table.add([String(r.setting.processes), r.verdict.rawValue, formatCount(r.statesExplored),
                       "\(String(format: "%.2f", r.seconds)) s"])
        }
        return "summary   \(plural(results.count, "check")) over n = \(range(planned))\n" + table.render() + "\n" + overall(results, planned: planned)
    }

    /// The verdict over the range: violated if some n is, verified only if every planned n is.
    static func overall(_ results: [VerifyResult], planned: [Int]) -> String {
        let n = { (kind: Verdict.Kind) in results.filter { $0.verdict == kind }.map(\.setting.processes) }
        let violated = n(.violated), unknown = n(.unknown), verified = n(.verified)
        let unchecked = planned.filter { p in !results.contains { $0.setting.processes == p } }
        if let first = violated.first {
            let others = violated.dropFirst()
            return "violated at n = \(first) (first\(others.isEmpty ? "" : "; also at n = \(list(Array(others)))"))"
        }
        if unknown.isEmpty && unchecked.isEmpty {
            return verified.count == 1 ? "verified at n = \(verified[0])" : "verified at every n from \(verified.first ?? 0) to \(verified.last ?? 0)"
        }
        var parts: [String] = []
        if !unknown.isEmpty { parts.append("unknown at n = \(list(unknown)) (not a pass)") }
        if !unchecked.isEmpty { parts.append("n = \(list(unchecked)) not checked (interrupted)") }
        if !verified.isEmpty { parts.append("verified at n = \(list(verified))") }
        return parts.joined(separator: "; ")
    }

    /// The closing line of a check that ended in an error (reported on stderr): at one n, or
    /// (nil) the every-n check.
    static func stopped(at n: Int?) -> String {
        "stopped\(n.map { " at n = \($0)" } ?? ""): the check failed (the error is on stderr)"
    }

    private static func list(_ ns: [Int]) -> String { ns.map(String.init).joined(separator: ", ") }

    private static func range(_ ns: [Int]) -> String {
        guard let first = ns.first, let last = ns.last else { return "none" }
        return first == last ? "\(first)" : "\(first)...\(last)"
    }
}

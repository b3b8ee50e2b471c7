import Checking
import Game
import SpecLanguage

/// Independent re-verification of a synthesized table (issue: "Trust").
public struct TrustReport: Sendable, Codable {
    /// The fast checker, run afresh on the completed table, says verified.
    public var fastVerified: Bool
    /// The brute-force reference says verified; nil when the setting has more than
    /// `Trust.bruteForceLimit` raw executions and it was skipped.
    public var bruteVerified: Bool?
    public var rawExecutions: Double
    /// `next` entries some execution reads (what compact rules must agree with).
    public var reachableEntries: [Int]
}

public enum Trust {
    /// Settings with at most this many raw executions are also checked by brute force.
    public static let bruteForceLimit = 1e6

    /// Fills entries no execution reads (`next` -> own state, `decide` -> 0, `init` -> state 0),
    /// so the table is complete.
    public static func completed(_ table: TransitionTable) -> TransitionTable {
        var t = table
        for v in t.initial.indices where t.initial[v] == TransitionTable.undefined { t.initial[v] = 0 }
        for s in t.decision.indices where t.decision[s] == TransitionTable.noDecision { t.decision[s] = 0 }
        for e in t.next.indices where t.next[e] == TransitionTable.undefined {
            t.next[e] = UInt8(t.informationSet(ofEntry: e).state)
        }
        return t
    }

    /// Re-verifies `table` with a fresh evaluator: fast checker always, brute force when small.
    public static func confirm(_ table: TransitionTable, spec: Spec) throws -> TrustReport {
        let evaluator = try SpecEvaluator(spec: spec)
        var options = CheckOptions()
        options.collectReads = true
        let fast = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: options).check()
        var brute: Bool?
        if fast.rawExecutionsTotal <= bruteForceLimit {
            brute = try BruteForceChecker(table: table, spec: spec, evaluator: evaluator).check().verdict.name == "verified"
        }
        return TrustReport(fastVerified: fast.verdict.name == "verified", bruteVerified: brute,
                           rawExecutions: fast.rawExecutionsTotal, reachableEntries: fast.readEntries.sorted())
    }
}

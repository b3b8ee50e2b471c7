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
    /// Some check answered unknown (Z3 could not decide an outcome in time, or the check was
    /// stopped) rather than violated: not verified, but no evidence against the table either.
    public var undecided: Bool = false
}

public enum Trust {
    /// Settings with at most this many raw executions are also checked by brute force.
    public static let bruteForceLimit = 1e6

    /// Fills entries no execution reads (`next` -> own state, `decide` -> 0, or "does not
    /// decide" under early decision, `send` -> message 0, `init` -> state 0), so the table is
    /// complete. An entry the search left unset is read by no execution, so any value keeps
    /// every outcome (under early decision a `decide` entry is read only while a process has
    /// not decided; one reached only after deciding is left unset and cannot change anything).
    public static func completed(_ table: TransitionTable) -> TransitionTable {
        var t = table
        for v in t.initial.indices where t.initial[v] == TransitionTable.undefined { t.initial[v] = 0 }
        for s in t.send.indices where t.send[s] == TransitionTable.undefined { t.send[s] = 0 }
        let unread = t.setting.earlyDecision ? TransitionTable.notDeciding : 0
        for s in t.decision.indices where t.decision[s] == TransitionTable.noDecision { t.decision[s] = unread }
        for e in t.next.indices where t.next[e] == TransitionTable.undefined {
            t.next[e] = UInt8(t.informationSet(ofEntry: e).state)
        }
        return t
    }

    /// Re-verifies `table` with a fresh evaluator (each outcome query bounded by
    /// `solverTimeoutMilliseconds`): fast checker always, brute force when small, on `threads`
    /// threads (`CheckOptions.threads`: the same verdict as one unless a Z3 query runs out of
    /// its time bound). An unknown verdict (Z3 gave
    /// out, or the check was stopped) is not verified and sets `undecided`.
    /// - Throws: what the checkers throw (a gap: `table` must be complete, see `completed`).
    public static func confirm(_ table: TransitionTable, spec: Spec, solverTimeoutMilliseconds: UInt32 = 10_000,
                               threads: Int = 1, cancellation: CancellationToken? = nil) throws -> TrustReport {
        let evaluator = try SpecEvaluator(spec: spec, timeoutMilliseconds: solverTimeoutMilliseconds)
        var options = CheckOptions()
        options.collectReads = true
        options.cancellation = cancellation
        let fast = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: options).check()
        var brute: Bool?
        var undecided = fast.verdict.kind == .unknown
        if fast.verdict.isVerified, fast.rawExecutionsTotal <= bruteForceLimit {
            var bruteOptions = CheckOptions()
            bruteOptions.cancellation = cancellation
            bruteOptions.threads = threads
            let verdict = try BruteForceChecker(table: table, spec: spec, evaluator: evaluator, options: bruteOptions).check().verdict
            brute = verdict.isVerified
            undecided = undecided || verdict.kind == .unknown
        }
        return TrustReport(fastVerified: fast.verdict.isVerified, bruteVerified: brute,
                           rawExecutions: fast.rawExecutionsTotal, reachableEntries: fast.readEntries.sorted(),
                           undecided: undecided)
    }

    /// Whether the report says verified by every checker that ran.
    public static func passed(_ report: TrustReport) -> Bool {
        report.fastVerified && report.bruteVerified != false
    }
}

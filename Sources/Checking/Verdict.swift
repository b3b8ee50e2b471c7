import Game
import SpecLanguage

/// The checker's answer (docs/checking.md).
public enum Verdict: Sendable {
    /// Every execution of the bounded setting satisfies the spec.
    case verified
    /// Some execution violates the spec; the counterexample has been replayed through the simulator.
    case violated(Counterexample)
    /// Budget or solver gave out; never a pass.
    case unknown(reason: String)

    /// A verdict without its payload: what to compare, count and switch on. Its raw value is
    /// the spelling in the command line's output (`verified`, `violated`, `unknown`).
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case verified, violated, unknown
    }

    public var kind: Kind {
        switch self {
        case .verified: return .verified
        case .violated: return .violated
        case .unknown: return .unknown
        }
    }

    /// Whether this is `.verified`.
    public var isVerified: Bool { kind == .verified }

    /// `kind.rawValue`: `verified`, `violated` or `unknown`, for rendering. Compare `kind`.
    public var name: String { kind.rawValue }
}

/// A verdict with what it took to reach it.
public struct CheckReport: Sendable {
    public var verdict: Verdict
    /// Which checker reached the verdict.
    public var checker: CheckerKind
    /// Whether executions differing by a permutation of processes were merged (only when the
    /// spec is symmetric).
    public var mergedSymmetric: Bool
    /// Distinct global states visited (the fast checker: (round, configuration) pairs; brute
    /// force: raw execution prefixes; symbolic: process states encoded, `n · (R+1)`).
    public var statesExplored: Int
    /// Raw executions whose outcome was established (all of them when verified; the symbolic
    /// checker: the counterexample's one when violated).
    public var rawExecutionsCovered: Double
    /// Raw executions of the setting (independent of the protocol).
    public var rawExecutionsTotal: Double
    /// Raw executions that violate the spec, when the check ran in counting mode.
    public var rawExecutionsFailing: Double?
    /// Distinct outcomes whose truth Z3 decided.
    public var distinctOutcomes: Int
    /// Wall-clock seconds.
    public var seconds: Double
    /// Raw executions whose outcome Z3 could not decide (counting mode).
    public var rawExecutionsUndecided: Double = 0
    /// Raw executions that reach an unset entry (only with `CheckOptions.gaps == .skip`).
    public var rawExecutionsInGaps: Double = 0
    /// Unset entries reached, with the raw-execution weight at which each was first met (a
    /// heuristic size: weights are relative to the memoized subtree where the gap was found).
    public var gaps: [TableEntry: Double] = [:]
    /// `next` entries the check read (only with `CheckOptions.collectReads`).
    public var readEntries: Set<Int> = []
    /// Whole-execution Z3 queries asked (the symbolic checker; 0 for the others).
    public var solverChecks = 0
    /// Violations besides the verdict's, each replayed, from other initial configurations
    /// (`CheckOptions.counterexamples`); empty unless more than one was asked for.
    public var moreCounterexamples: [Counterexample] = []
}

/// How a check runs.
public struct CheckOptions: Sendable {
    /// Stop at the first violation (verify), or explore everything and count failing raw
    /// executions (a dense score for search, and the reference comparison in tests).
    public enum Mode: Sendable { case firstViolation, count }
    public var mode: Mode = .firstViolation
    /// Merge permuted executions when the spec allows it; false forces per-process tracking.
    public var useSymmetry: Bool = true
    /// Polled during the check; when set, the check ends with `unknown("interrupted")`.
    public var cancellation: CancellationToken? = nil
    /// Called about every half second with progress (on the checking thread).
    public var progress: (@Sendable (CheckProgress) -> Void)? = nil
    /// What an unset entry means: an error (`ProtocolGap`, for handwritten protocols) or a
    /// part of the execution space to skip and measure (partial tables in the search).
    public enum Gaps: Sendable { case fail, skip }
    public var gaps: Gaps = .fail
    /// Record every `next` entry read (the fast checker only).
    public var collectReads = false
    /// Threads the check may use: the brute-force checker cuts its input vectors into parts
    /// for them (the same report as one thread); the other checkers use one.
    public var threads = 1
    /// With `mode == .firstViolation`: how many violations to collect before stopping, each
    /// from a different initial configuration (the inputs and, under omission and Byzantine
    /// faults, the faulty set), the first in the verdict and the others in
    /// `CheckReport.moreCounterexamples`. The fast checker on a counted table only; the others
    /// stop at the first. A check that finds fewer explores the rest of the space.
    public var counterexamples = 1

    /// Whether the check was stopped (Ctrl-C, the time limit, another thread's answer): the
    /// cancellation is set or `evaluator` was interrupted, which is for good. A counterexample
    /// replay that fails then was cut short, and the check has no answer (`unknown`).
    func stopped(_ evaluator: SpecEvaluator) -> Bool {
        cancellation?.isCancelled == true || evaluator.interrupter.isInterrupted
    }

    public init(mode: Mode = .firstViolation, useSymmetry: Bool = true, cancellation: CancellationToken? = nil,
                progress: (@Sendable (CheckProgress) -> Void)? = nil) {
        self.mode = mode
        self.useSymmetry = useSymmetry
        self.cancellation = cancellation
        self.progress = progress
    }
}

/// A progress snapshot of a running check.
public struct CheckProgress: Sendable {
    /// States (or, for the brute force, execution prefixes) explored so far.
    public var statesExplored: Int
    public var distinctOutcomes: Int
    /// Seconds since the check started.
    public var seconds: Double
    /// The round of the execution prefix being explored when the snapshot was taken: 1...R, or
    /// R + 1 while outcomes are decided. The explicit checkers search depth first, so it moves
    /// back and forth; nil when the checker has no rounds to report (symbolic).
    public var round: Int? = nil
    /// The Z3 query about to be asked, counted from 1 (the symbolic checker, which reports once
    /// before each query and cannot report during one); nil for the explicit checkers.
    public var solverQuery: Int? = nil
}

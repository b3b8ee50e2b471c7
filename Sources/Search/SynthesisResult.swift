import Checking
import Game

/// What a synthesis run ended with.
public enum SynthesisOutcome: Sendable {
    /// A protocol verified for every execution of the setting (and re-verified, see `TrustReport`).
    case found
    /// The search space was exhausted: no protocol with `K` states in `R` rounds.
    case unrealizable
    /// Time limit, interruption, or Z3 could not decide some outcomes; `reason` says which.
    case inconclusive(reason: String)

    public var name: String {
        switch self {
        case .found: return "found"
        case .unrealizable: return "unrealizable"
        case .inconclusive: return "inconclusive"
        }
    }
}

/// Counters of one run; every field is reported in the run record.
public struct SynthesisStats: Sendable, Codable {
    public var iterations = 0
    /// Exhaustive checks (partial-table checks of new nodes and scored completions).
    public var checkerCalls = 0
    /// Completions rejected by replaying a pooled counterexample, without an exhaustive check.
    public var poolRejections = 0
    /// Tree nodes refuted by a pooled counterexample, without an exhaustive check.
    public var poolConflicts = 0
    /// Nodes refuted by a counterexample reading only their assigned entries (`cegis`: candidates
    /// refuted by a counterexample, each added to Z3 as constraints; `random`: tables refuted).
    public var conflicts = 0
    /// Tree nodes refuted by Z3 over the learned counterexample schedules (`ggms`).
    public var symbolicConflicts = 0
    /// Z3 checks over the learned schedules (`ggms`: one per new node; `cegis`: one per candidate).
    public var solverChecks = 0
    public var freezes = 0
    /// Tree restarts (the pool and the encoder are kept).
    public var restarts = 0
    public var backtracks = 0
    /// Conflicts whose counterexample let the search jump back more than one level.
    public var backjumps = 0
    public var trainingSteps = 0
    public var treeNodes = 0
    /// Seconds in the checker, the encoder, and everything else.
    public var checkerSeconds = 0.0
    public var encoderSeconds = 0.0
    /// Seconds in Z3 over the learned schedules (`cegis`: proposing candidates; `ggms`: node checks).
    public var solverSeconds = 0.0
    /// Seconds spent simplifying the found table (included in `totalSeconds`).
    public var simplifySeconds = 0.0
    public var totalSeconds = 0.0
    /// `next` entries the simplification moved to `self`.
    public var simplifiedEntries = 0
    /// Deepest freeze reached (entries frozen by the global DFS).
    public var maxFrozen = 0
}

/// The run's answer.
public struct SynthesisResult: Sendable {
    public var outcome: SynthesisOutcome
    /// The verified table (found), or the best-scoring complete table seen (inconclusive).
    public var table: TransitionTable?
    /// Fraction of raw executions the best table passes (1 when found).
    public var bestScore: Double
    public var stats: SynthesisStats
    /// log10 of the number of complete tables in the space (no symmetry breaking).
    public var log10Tables: Double
}

import Checking
import Game
import ProtocolLanguage

/// What a synthesis run ended with.
public enum SynthesisOutcome: Sendable {
    /// A protocol verified for every execution of the setting, and re-verified from scratch by
    /// `Trust` (the result's `verification`).
    case found
    /// The search space was exhausted: no protocol with `K` states in `R` rounds.
    case unrealizable
    /// Time limit, interruption, or Z3 could not decide some outcomes; `reason` says which.
    case inconclusive(reason: String)

    /// The outcome without its reason, as records spell it.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case found, unrealizable, inconclusive
    }

    public var kind: Kind {
        switch self {
        case .found: return .found
        case .unrealizable: return .unrealizable
        case .inconclusive: return .inconclusive
        }
    }

    public var name: String { kind.rawValue }
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
    /// Tree nodes refuted because they extend a nogood of the run: a cube another thread
    /// refuted, or a small conflict a search published (`--jobs`, `SharedNogoods`).
    public var cubeConflicts = 0
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
    /// Counterexample schedules taken from the other threads of a `--jobs` run, or inherited
    /// from the search of the cube a re-split made this one of (`SharedSchedules`).
    public var sharedSchedules = 0
    /// Cubes re-split because their search outlasted its time (`--jobs`, `CubeRunner`).
    public var cubeResplits = 0
}

/// What the exhaustive check said about the best table of an unfinished run, in raw executions
/// (never a rounded fraction: a table with one failing execution in 10^9 is not "100%").
public struct BestTableCounts: Sendable, Codable, Equatable {
    /// Raw executions on which the spec fails.
    public var failing: Double
    /// Raw executions that reach an entry the table leaves unset (not judged).
    public var unset: Double
    /// Raw executions whose outcome Z3 could not decide.
    public var undecided: Double
    /// Raw executions of the setting.
    public var total: Double

    public init(failing: Double, unset: Double, undecided: Double, total: Double) {
        self.failing = failing
        self.unset = unset
        self.undecided = undecided
        self.total = total
    }

    /// Whether these counts are better than `other`'s: fewer failing, then fewer unset, then
    /// fewer undecided raw executions.
    public func isBetter(than other: BestTableCounts) -> Bool {
        if failing != other.failing { return failing < other.failing }
        if unset != other.unset { return unset < other.unset }
        return undecided < other.undecided
    }

    /// The counts of a counting-mode check.
    init(_ report: CheckReport) {
        self.init(failing: report.rawExecutionsFailing ?? 0, unset: report.rawExecutionsInGaps,
                  undecided: report.rawExecutionsUndecided, total: report.rawExecutionsTotal)
    }
}

/// The run's answer. When `outcome` is `.found`, the library has already re-verified the table
/// from scratch (`verification`), compacted it into rules that agree with it on every reachable
/// entry (`rules`), and checked how far the rules generalize in n (`generalization`): a front
/// end only renders it.
public struct SynthesisResult: Sendable {
    public var outcome: SynthesisOutcome
    /// The verified, completed table (found), or the best table seen (inconclusive; possibly
    /// partial, see `best`).
    public var table: TransitionTable?
    /// Inconclusive runs: what the exhaustive check said about `table`; nil when found, or when
    /// no table was scored.
    public var best: BestTableCounts?
    public var stats: SynthesisStats
    /// log10 of the number of complete tables in the space (no symmetry breaking).
    public var log10Tables: Double
    /// Found only: the independent re-verification of `table`.
    public var verification: TrustReport?
    /// Found only: compact rules, equivalent to `table` on every reachable entry (checked).
    public var rules: ProtocolDefinition?
    /// Found only: the larger n at which `rules` verify (nil when the run stopped first).
    public var generalization: Generalization?
    /// Unrealizable only, when the search met one: a schedule (inputs, faulty set, what the
    /// adversary did) on which the spec fails whatever the processes decide — the spec itself
    /// cannot hold in this game, for any number of states.
    public var specFailsRegardless: Execution?
    /// The counterexample schedules the search learned (symbolic learning, CEGIS), oldest
    /// first: what a refutation certificate starts from.
    public var learnedSchedules: [Execution] = []
    /// Unrealizable only: a minimal certificate (`Refutation`), re-checked by Z3 after it was
    /// built; nil when none was asked for or it could not be built in its time.
    public var refutation: Refutation?
    /// Found only: whether the compact rules verify for every n at once (`EveryNSummary`); nil
    /// when the larger-n check already failed or the run stopped first.
    public var everyN: EveryNSummary?
    /// A run on cubes (`options.jobs` above 1): how many cubes, and what each settled cube's
    /// search said (cubes a stop cut short are left out); nil for a run on one thread.
    public var cubeCount: Int?
    public var cubeRuns: [CubeAnswer.Run]?

    public init(outcome: SynthesisOutcome, table: TransitionTable?, best: BestTableCounts?, stats: SynthesisStats,
                log10Tables: Double) {
        self.outcome = outcome
        self.table = table
        self.best = best
        self.stats = stats
        self.log10Tables = log10Tables
    }
}

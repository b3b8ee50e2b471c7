import Checking
import Encoder

/// How a synthesis run searches. Everything is explicit, so a run replays from its record: the
/// value is `Codable` (`SynthesisOptions+Codable.swift`), every option but the two run-time
/// hooks (`cancellation`, `progress`) is encoded, unset optionals as `null`, and a record that
/// lacks an option decodes it to its default.
public struct SynthesisOptions: Sendable {
    /// `ggms`: MCTS + encoder + global DFS + counterexample pool + symbolic learning. `mcts`: MCTS alone (no freezing,
    /// no conflict pruning, no pool). `mctsDFS`: MCTS + global DFS without the pool.
    /// `dfs`: exhaustive DFS over the same tree with the same conflict pruning, no learning and no pool.
    /// `cegis`: Z3 proposes whole tables under the counterexamples seen so far (`CEGISSynthesizer`).
    /// `random`: uniformly random whole tables, each checked exhaustively (`RandomSynthesizer`).
    public enum Strategy: String, Sendable, CaseIterable, Codable {
        case ggms, mcts, mctsDFS = "mcts-dfs", dfs, cegis, random

        /// Whether an exhausted search proves that no protocol exists.
        public var isComplete: Bool { self != .mcts && self != .random }
        /// Whether the strategy searches the MCTS/DFS tree of `Synthesizer`.
        public var usesTree: Bool { self != .cegis && self != .random }
    }

    public var strategy: Strategy = .ggms
    public var seed: UInt64 = 1
    /// Wall-clock seconds; nil for no limit.
    public var timeLimit: Double? = nil
    /// Use the transformer encoder for priors and completions (false: uniform prior).
    public var useEncoder = true
    public var encoder = EncoderConfig()
    /// PUCT exploration constant.
    public var explorationConstant: Float = 1.5
    /// Iterations without a better score under the current freeze before the next freeze.
    public var patience = 1
    /// Train the encoder every this many iterations (one Adam step on a replay batch).
    public var trainEvery = 32
    public var trainingBatch = 32
    /// Share of the uniform distribution mixed into the encoder's prior.
    public var priorFloor: Float = 0.5
    /// Most entries a playout fills before it is scored (each costs one exhaustive check).
    public var playoutSteps = 1
    /// `ggms` only: learn every counterexample's schedule as Z3 constraints over the whole table
    /// (`SymbolicLearning`): refute tree nodes no completion of which survives them, and
    /// complete leaves with a table that does. False: the explicit pool alone.
    public var symbolicLearning = true
    /// After a protocol is found, move its entries towards `self` where it still verifies
    /// (`Simplification`, for shorter rules).
    public var simplify = true
    /// Counterexamples kept in the pool.
    public var poolLimit = 512
    /// Restart the tree (keeping the pool and the encoder) after `restartBase · luby(i)`
    /// backtracks; 0 disables restarts. Budgets grow without bound, so search stays complete.
    public var restartBase = 256
    /// Z3 timeout per outcome query, milliseconds.
    public var solverTimeout: UInt32 = 10_000
    /// After a protocol is found, its compact rules are checked at every larger n up to this
    /// bound (same f, fault model, losses and R); nil: n + 3, at most `Setting.maxProcesses`.
    public var generalizationBound: Int? = nil
    /// Seconds a refutation certificate may take after the search proved "no protocol"
    /// (`Refutation.certify`); 0 (the default): no certificate. The command line asks for one.
    /// Not part of the run record's options.
    public var certificateSeconds: Double = 0
    /// Search only this cube of the table space (`Cube`; nil: the whole space).
    public var cube: Cube? = nil
    /// Worker threads: above 1, the tree and CEGIS strategies split the question into cubes
    /// (`CubeSplitter`) and search them on this many threads (`CubeRunner`); 1 is one search
    /// of the whole question on the calling thread.
    public var jobs = 1
    /// Cubes to split into when `jobs` is above 1; nil: `CubeRunner.defaultCubes(jobs:)`.
    public var cubes: Int? = nil
    /// Seconds a cube search gets before its cube is re-split (`CubeRunner`); a cube re-split
    /// `d` times deep gets `cubeSeconds · 2^d`. Also the `cegis` companion's opening beside
    /// `ggms`, and four times its sweep's time per cube (`CubeRunner.CompanionPhase`).
    public var cubeSeconds = 20.0
    /// `cegis`: how many counterexamples each failing candidate's check collects (1...64),
    /// each from its own initial configuration (`CheckOptions.counterexamples`), all of them
    /// added as constraints. More means fewer candidates, each dearer for Z3: measured in
    /// `Results/scale.md`, it helps some proofs and slows some found protocols, so 1 is the default.
    public var counterexamples = 1
    /// `cegis`: the order of Z3's candidates (`CandidateOrder`); nil: `.spread` inside a cube,
    /// `.nearLast` on the whole space (`candidates`).
    public var candidateOrder: CandidateOrder? = nil
    /// The order `cegis` uses: `candidateOrder`, or when it is nil, `.spread` inside a cube — a
    /// cube is mostly searched to refute it, under `--jobs` beside whole-space searches that find —
    /// and `.nearLast` on the whole space.
    public var candidates: CandidateOrder {
        candidateOrder ?? (cube.map { !$0.fixed.isEmpty } == true ? .spread : .nearLast)
    }
    public var cancellation: CancellationToken? = nil
    /// Run-time, not recorded: the nogoods the searches of a run share (`SharedNogoods`,
    /// `CubeRunner`); a tree search refutes any node that extends one and publishes its own
    /// small conflicts, CEGIS excludes them.
    public var sharedNogoods: SharedNogoods? = nil
    /// Run-time, not recorded: this search's handle on the counterexample schedules the
    /// threads of a run share (`SharedSchedules`, `CubeRunner`): one per search, so a value
    /// holding one must not start two searches.
    public var sharedSchedules: SharedSchedules.Participant? = nil
    /// Called about twice a second from the search thread.
    public var progress: (@Sendable (SynthesisProgress) -> Void)? = nil

    public init() {}

    /// Whether freezing, backtracking and conflict pruning are on.
    public var usesDFS: Bool { strategy != .mcts }
    /// Whether counterexamples are pooled and replayed first.
    public var usesPool: Bool { strategy == .ggms }
    /// Whether counterexample schedules are learned symbolically (`SymbolicLearning`).
    public var usesSymbolicLearning: Bool { strategy == .ggms && symbolicLearning }
}

/// A snapshot of a running search.
public struct SynthesisProgress: Sendable {
    public var iterations: Int
    /// The best table so far, in raw executions; nil before any table was scored.
    public var best: BestTableCounts?
    public var frozenEntries: Int
    public var checkerCalls: Int
    public var backtracks: Int
    public var seconds: Double
    /// A run on cubes: how many are settled (found or refuted) of how many; nil on one thread.
    public var cubes: (settled: Int, total: Int)? = nil
}

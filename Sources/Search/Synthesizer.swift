import Checking
import Diagnostics
import Encoder
import Foundation
import Game
import SpecLanguage
import Utilities

/// GGMS synthesis (docs/search.md): MCTS over partial tables with encoder priors, completions
/// scored by the exhaustive checker, a counterexample pool, and a global DFS that freezes the
/// search root's entry when MCTS stops improving and backtracks on conflicts. With symbolic
/// learning (`ggms`), every counterexample's schedule also becomes Z3 constraints over the whole
/// table (`SymbolicLearning`): a node no completion of which survives them is refuted (its unsat
/// core is the conflict), and a leaf's playout is Z3's surviving completion, with the entries no
/// schedule reads filled by the policy.
///
/// Tree: node = partial table; a node's children assign its *branch entry* — the unset entry
/// that the most raw executions reach under the node's assignment (found by a partial check),
/// so only reachable entries are ever branched on. Each iteration selects a path by PUCT from
/// the current DFS root, evaluates a fresh node with a partial check (a violation among
/// executions that read assigned entries only is a *conflict*: the node and every completion
/// are refuted), completes the node's table with the current policy, scores the completion
/// (fraction of raw executions that pass), and backs the value up.
///
/// Completeness (strategies `ggms`, `mcts-dfs`): a node is refuted only by a conflict or when
/// all its children are, children cover every action of the branch entry up to state renaming
/// (and message renaming for `send` entries; see `StrategySpace`), and a node without reachable
/// unset entries — `init`, `send`, `decide` (read at the end, or under early decision whenever an
/// undecided process is in the state) or `next` — is either a solution or a conflict. So when
/// the root is refuted no table with `K` states (and `M` messages) passes in `R` rounds.
///
/// Inside a cube (`options.cube`) the root is the cube's assignment: every node's assignment
/// starts from the cube's fixed entries (`StrategySpace.fixedAssignment`), a conflict that reads
/// only fixed entries refutes the root (the cube), and the renaming argument holds inside the
/// cube (`StrategySpace`), so a refuted root proves that no table of the cube passes.
public final class Synthesizer {
    public let spec: Spec
    public let options: SynthesisOptions
    let space: StrategySpace
    let evaluator: SpecEvaluator
    let encoder: ActionEncoder?
    var random: SplitMix64
    var tree = SearchTree()
    var searchRoot: Int32 = 0
    /// Entries (indices) that the reason for each refuted node reads; nil when unknown.
    var conflicts: [Int32: Set<Int32>?] = [:]
    var backtracksAtRestart = 0
    /// Whether this run (restart) orders actions by the encoder; restarts alternate between
    /// the encoder's order and the uninformed one, so a misleading encoder costs at most a
    /// constant factor (the portfolio argument), while it keeps training throughout.
    var useEncoderPrior = true
    let pool: CounterexamplePool
    /// Z3 over the learned counterexample schedules (`ggms` with symbolic learning), else nil.
    let symbolic: SymbolicLearning?
    /// The completion Z3 proposed when `node` was evaluated, scored by this iteration's rollout.
    var pendingCompletion: (node: Int32, table: TransitionTable)?
    var stats = SynthesisStats()
    var found: TransitionTable?
    var bestTable: TransitionTable?
    /// What the exhaustive check said about `bestTable`.
    var bestCounts: BestTableCounts?
    var bestSinceFreeze: Float = -1
    var iterationsSinceImprovement = 0
    /// Encoder priors of `next` entries (indexed by `next` entry), refreshed after training.
    var priors: [[Float]] = []
    var trainingBuffer: [TrainingExample] = []
    var trainingCursor = 0
    let clock = Stopwatch()
    var lastProgress = 0.0
    /// This search's handle on the schedules the threads of a `--jobs` run share, else nil.
    let exchange: SharedSchedules.Participant?

    /// - Throws: `Diagnostic` when the spec's setting is too large for the table or Z3 rejects it.
    public init(spec: Spec, options: SynthesisOptions) throws(Diagnostic) {
        self.spec = spec
        self.options = options
        precondition(options.strategy.usesTree, "Synthesizer runs the tree strategies; use Synthesis.run")
        let s = spec.setting
        try Synthesis.requireTableFits(spec)
        space = StrategySpace(setting: s, cube: options.cube)
        evaluator = try SpecEvaluator(spec: spec, timeoutMilliseconds: options.solverTimeout)
        random = SplitMix64(searchSeed: options.seed)
        pool = CounterexamplePool(limit: options.poolLimit)
        exchange = options.sharedSchedules
        if options.usesSymbolicLearning {
            do { symbolic = try SymbolicLearning(space: space, cancellation: options.cancellation) } catch {
                throw Diagnostic(.internalError, file: spec.file, message: "\(error); Z3 failed while preparing symbolic learning")
            }
        } else {
            symbolic = nil
        }
        if options.useEncoder && options.strategy != .dfs {
            var config = options.encoder
            config.seed = options.seed
            encoder = ActionEncoder(config: config, stateCount: s.states, messageCount: s.messages, processes: s.processes, rounds: s.rounds)
        } else {
            encoder = nil
        }
        refreshPriors()
        useEncoderPrior = encoder != nil
    }

    var elapsed: Double { clock.seconds }

    /// Runs until a protocol is found, the space is exhausted, the time limit passes or the
    /// cancellation token is set. The found table has been verified by an exhaustive check.
    /// - Throws: `SearchFailure` when a check or Z3 fails (an engine bug, never an answer).
    public func run() throws(SearchFailure) -> SynthesisResult {
        var outcome: SynthesisOutcome?
        while outcome == nil {
            if found != nil { outcome = .found; break }
            switch tree[0].status {
            case .refuted: outcome = .unrealizable; continue
            case .undecided: outcome = .inconclusive(reason: "Z3 could not decide some outcomes, so the space could not be exhausted"); continue
            default: break
            }
            if let stop = Synthesis.stopReason(options, elapsed: elapsed) { outcome = stop; break }
            try iterate()
            report()
            if options.usesDFS && options.strategy != .dfs && options.restartBase > 0 && tree[0].status == .open,
               stats.backtracks - backtracksAtRestart >= options.restartBase * Self.luby(stats.restarts + 1) {
                restart()
            }
        }
        stats.totalSeconds = elapsed
        stats.treeNodes = tree.count
        if let symbolic {
            stats.solverChecks = symbolic.checks
            stats.solverSeconds = symbolic.seconds
        }
        var result = SynthesisResult(outcome: outcome!, table: found ?? bestTable, best: found != nil ? nil : bestCounts,
                                     stats: stats, log10Tables: space.log10Tables)
        if case .unrealizable = outcome! { result.specFailsRegardless = symbolic?.constraints.failsForEveryProtocol }
        result.learnedSchedules = symbolic?.constraints.schedules ?? []
        return result
    }

    /// One MCTS iteration under the current DFS root (for `dfs`: one DFS step).
    func iterate() throws(SearchFailure) {
        stats.iterations += 1
        try takeSharedSchedules()
        if options.strategy == .dfs { return try depthFirstStep() }
        guard let leaf = select() else { return }
        if tree[leaf].status == .fresh { try evaluateNode(leaf) }
        guard found == nil else { return }
        let value: Float
        switch tree[leaf].status {
        case .refuted, .undecided: value = 0
        default: value = try playout(from: leaf)
        }
        backup(leaf, value)
        if options.usesDFS { maybeFreeze() }
        if encoder != nil && stats.iterations % options.trainEvery == 0 { train() }
    }

    /// Plain DFS: evaluate the DFS root, then descend into its first open child (children in
    /// action order); conflicts refute and backtrack as in the global DFS.
    private func depthFirstStep() throws(SearchFailure) {
        if tree[searchRoot].status == .fresh { try evaluateNode(searchRoot) }
        guard found == nil, tree[searchRoot].status == .open else {
            if tree[searchRoot].status == .terminal { refute(searchRoot, conflict: nil) }
            return
        }
        guard let child = tree.children(searchRoot).first(where: { tree[$0].status != .refuted && tree[$0].status != .undecided }) else {
            settleExhausted(searchRoot)
            return
        }
        searchRoot = child
        stats.freezes += 1
        stats.maxFrozen = max(stats.maxFrozen, Int(tree[child].depth))
    }

    /// Restarts the descent from the empty table with the other action order (encoder or
    /// uninformed) and fresh MCTS statistics. Refuted subtrees stay refuted — they are proofs —
    /// so a restart loses no exhaustion work; the pool and the encoder keep what they learned.
    private func restart() {
        stats.restarts += 1
        useEncoderPrior = encoder != nil && stats.restarts % 2 == 0
        tree.resetStatistics()
        for i in 0..<Int32(tree.count) where tree[i].status == .open {
            let children = tree.children(i)
            let actions = children.map { Int(tree[$0].action) }
            for (child, p) in zip(children, prior(Int(tree[i].branch), actions: actions)) { tree[child].prior = p }
        }
        searchRoot = 0
        backtracksAtRestart = stats.backtracks
        bestSinceFreeze = -1
        iterationsSinceImprovement = 0
    }

    /// The Luby sequence 1 1 2 1 1 2 4 1 1 2 … (1-based).
    static func luby(_ i: Int) -> Int {
        var k = 1
        while (1 << k) - 1 < i { k += 1 }
        if (1 << k) - 1 == i { return 1 << (k - 1) }
        return luby(i - (1 << (k - 1)) + 1)
    }

    private func report() {
        guard let progress = options.progress else { return }
        let now = elapsed
        guard now - lastProgress >= 0.5 else { return }
        lastProgress = now
        progress(SynthesisProgress(iterations: stats.iterations, best: bestCounts,
                                   frozenEntries: Int(tree[searchRoot].depth), checkerCalls: stats.checkerCalls,
                                   backtracks: stats.backtracks, seconds: now))
    }
}

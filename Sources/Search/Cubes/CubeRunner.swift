import Checking
import Foundation
import Game
import SpecLanguage
import Synchronization
import Utilities

/// Runs one synthesis question on `options.jobs` threads (docs/cubes.md): thread 0 searches the
/// whole space, as one thread would; beside `ggms`, thread 1 runs `cegis` on the whole space
/// (`companion(of:wholeSpace:)`, `CompanionPhase`): first near-last and on its own for at most
/// `options.cubeSeconds`, then (`companionSweeps`: when no thread takes cubes) one short search
/// of each cube, then spread, taking what the others learned, to the end (or, when
/// `companionTakesCubes`, cubes like the others); the other threads split the space into cubes
/// (`CubeSplitter`, `options.cubes` or `defaultCubes(jobs:)` of them; none when neither a
/// thread nor the sweep takes them) and take them from the last one down, each
/// running `cubeStrategy` on its cube (`Synthesis.search` with `options.cube` set: beside `ggms`,
/// `cegis`; otherwise the run's strategy). A cube search
/// that outlasts `options.cubeSeconds · 2^d` (`d`: re-splits so far) has its cube re-split into
/// finer cubes, queued behind the waiting ones (cube-and-conquer's dynamic splitting: no cube
/// size suits every region of a space), which inherit the schedules that search learned. Every
/// refuted cube or piece, and every small conflict of a node any search refutes, is a nogood
/// shared with every search (`SharedNogoods`), which refutes at once any node that extends it,
/// so the threads share the proof from both ends; the first protocol found, or a refuted whole
/// space, or every cube refuted (a cube of the first split is refuted when all its pieces are),
/// stops every thread at once.
///
/// Why both: cubes alone lose what one search learns across the space (its encoder, pool and
/// schedules, and the order in which it tries branches), and a found protocol may wait behind
/// cubes with none; the whole-space search keeps the one-thread behaviour, and the cube threads
/// cut its proof short from the other end. Every search also publishes the schedules of the
/// counterexamples it learns and takes the others' (`SharedSchedules`, at most
/// `SharedSchedules.takeLimit` per search besides what a piece inherits), so a new cube starts
/// with what was learned first.
///
/// Threads: one `Thread` per worker (8 MiB stack); each search creates its own Z3 contexts and
/// encoder on its thread, and Z3 checks are bounded by the shared watchdog (`Z3Kit`), so time
/// limits and Ctrl-C are safe on threads. Stopping: the workers share a child of the run's
/// token; an answer cancels it (the other searches end inconclusive and are ignored), and
/// Ctrl-C or the time limit reach it through the parent.
///
/// Soundness: the answer is `CubeAnswer.merge` of the runs — found only with a table an
/// exhaustive check verified (the pipeline then re-verifies it as for one thread), no protocol
/// only when a whole-space search refuted the space or every cube is refuted (with no cubes,
/// only the former; the cubes cover the space up to
/// renaming, `CubeSplitter`, and a re-split's pieces cover their cube the same way; a node
/// refuted for extending a shared nogood has no passing completion, `SharedNogoods`). Which
/// thread finds a protocol first, and so which protocol, depends on timing.
public enum CubeRunner {
    /// Cubes per run when `options.cubes` is nil: eight per thread, so a thread that draws an
    /// easy cube takes another while a hard one runs.
    static func defaultCubes(jobs: Int) -> Int { 8 * jobs }

    /// Cubes a re-split makes of a cube that outlasted its time.
    static let resplitCubes = 4

    /// The searches of the companion (`companion(of:wholeSpace:)`), one after the other on
    /// thread 1:
    /// - `opening`: candidates near the last (`CandidateOrder.nearLast`), taking neither
    ///   schedules nor nogoods (publishing its own), for at most `options.cubeSeconds` — where
    ///   found protocols come fastest;
    /// - `sweep` (only when `companionSweeps`): one search per cube of the run's split, last
    ///   first, candidates spread, taking nothing, for at most `sweepSeconds` each, not re-split:
    ///   the easy cubes of a question with no protocol fall fast, most in about 0.1 s, and each
    ///   refuted cube is a nogood for the rest (on consensus (7,5) one round short 13 of 16 in
    ///   7-7.5 s of searches, the sweep done after about 22 s, `Results/scale.md`); a cube it
    ///   leaves open is the rest's;
    /// - `rest`: candidates spread (`CandidateOrder.spread`), taking the board's schedules (the
    ///   opening's among them, within `SharedSchedules.takeLimit`) and nogoods, to the end — where
    ///   the proofs that no protocol exists come: consensus (7,5) one round short was refuted
    ///   by it with `--jobs 2` after the sweep in 351–490 s in four of five runs (the other open
    ///   at 600 s); without the sweep in two of four runs (476 and 494 s); never
    ///   within 600 s when thread 1 took cubes instead, with the tree search (`Results/scale.md`).
    enum CompanionPhase {
        case opening
        case sweep
        case rest

        /// The order of its candidates.
        var candidateOrder: CandidateOrder {
            if case .opening = self { .nearLast } else { .spread }
        }

        /// Whether it takes the other searches' schedules and nogoods (it always publishes its
        /// own schedules, and the sweep the cubes it refutes).
        var takesShared: Bool {
            if case .rest = self { true } else { false }
        }

        /// Its own time (within the run's time limit): nil for to the end; the sweep's is per
        /// cube.
        func budget(_ options: SynthesisOptions) -> Double? {
            switch self {
            case .opening: options.cubeSeconds
            case .sweep: CubeRunner.sweepSeconds(options)
            case .rest: nil
            }
        }
    }

    /// The sweep's time per cube (`CompanionPhase.sweep`): a quarter of `cubeSeconds` (5 s by
    /// default: the easy cubes need far less, and a question with a protocol loses at most
    /// `cubes · sweepSeconds` of the companion's time to it).
    public static func sweepSeconds(_ options: SynthesisOptions) -> Double { options.cubeSeconds / 4 }

    /// A cube waiting for a worker: a cube of the first split (`top`) or a cube that a re-split
    /// of it made, and how many re-splits deep it is (its time is `cubeSeconds · 2^depth`); a
    /// cube that cannot be split has no time of its own (`unbounded`: it runs to the end).
    private struct Item {
        var top: Int
        var cube: Cube
        var depth: Int
        var unbounded = false
        /// The finished search of the cube it was split from, whose learned schedules it
        /// inherits (`SharedSchedules`).
        var parent: SharedSchedules.Participant? = nil
    }

    /// What the workers share, under one lock.
    private struct Shared {
        /// Cubes waiting, taken from the end; a re-split's cubes go to the front.
        var queue: [Item]
        /// Per cube of the first split: its cubes (itself, or what re-splits made of it) not yet
        /// refuted; refuted as a whole when this reaches 0.
        var pending: [Int]
        /// Per cube of the first split: seconds its cube searches took.
        var spent: [Double]
        /// Cube searches running now.
        var running = 0
        var runs: [CubeAnswer.Run] = []
        var found: (table: TransitionTable, stats: SynthesisStats)?
        var failure: SynthesisError?
        /// Counters of finished cube searches, summed.
        var finished = SynthesisStats()
        var best: (table: TransitionTable, counts: BestTableCounts)?
        /// The latest progress of each worker's current cube.
        var current: [SynthesisProgress?]
        var lastProgress = -1.0
    }

    /// The lock the workers share (a class, so every thread holds the same one).
    private final class Box: Sendable {
        let mutex: Mutex<Shared>
        init(_ shared: Shared) { mutex = Mutex(shared) }
        func withLock<T>(_ body: (inout Shared) -> T) -> T { mutex.withLock { body(&$0) } }
    }

    /// - Throws: `SynthesisError` as `Synthesis.search` (the first worker's failure; the others
    ///   are stopped).
    /// - Parameter wholeSpace: false runs cubes on every thread, none on the whole space (no
    ///   companion either; tests: the answer must then come from the cubes).
    /// - Parameter treeSearch: false leaves thread 0 idle (tests: the answer must then come from
    ///   the companion or the cubes).
    /// - Parameter opening: false skips the companion's opening (tests: its sweep comes first).
    static func run(spec: Spec, options: SynthesisOptions, wholeSpace: Bool = true, treeSearch: Bool = true,
                    opening: Bool = true) throws(SynthesisError) -> SynthesisResult {
        let clock = Stopwatch()
        let jobs = options.jobs
        let cubes = cubeWorkers(options, wholeSpace: wholeSpace) == 0 && !companionSweeps(options, wholeSpace: wholeSpace) ? [] :
            try CubeSplitter.split(spec: spec, wanted: options.cubes ?? defaultCubes(jobs: jobs),
                                   solverTimeoutMilliseconds: options.solverTimeout, cancellation: options.cancellation)
        let shared = Box(Shared(queue: cubes.map { Item(top: $0.index, cube: $0, depth: 0) },
                                pending: Array(repeating: 1, count: cubes.count), spent: Array(repeating: 0, count: cubes.count),
                                current: Array(repeating: nil, count: jobs)))
        let nogoods = SharedNogoods()
        let schedules = SharedSchedules()
        let space = StrategySpace(setting: spec.setting)
        CancellationToken.scoped(parent: options.cancellation, deadline: nil) { stop in
            let done = DispatchGroup()
            for worker in 0..<jobs {
                done.enter()
                let thread = Thread {
                    work(worker, wholeSpace: wholeSpace, treeSearch: treeSearch, opening: opening, cubes: cubes, spec: spec, options: options, stop: stop, shared: shared, clock: clock,
                         nogoods: nogoods, schedules: schedules, space: space)
                    done.leave()
                }
                thread.stackSize = 8 << 20
                thread.name = "ggms.cube-worker-\(worker)"
                thread.start()
            }
            done.wait()
        }
        let state = shared.withLock { $0 }
        if let failure = state.failure { throw failure }
        let merged = CubeAnswer.merge(count: cubes.count, runs: state.runs)
        var stats = state.finished
        stats.totalSeconds = clock.seconds
        var outcome = merged.outcome
        if case .inconclusive = outcome, let stop = Synthesis.stopReason(options, elapsed: clock.seconds) { outcome = stop }
        var result = SynthesisResult(outcome: outcome, table: state.found?.table ?? state.best?.table,
                                     best: state.found != nil ? nil : state.best?.counts, stats: stats,
                                     log10Tables: StrategySpace(setting: spec.setting).log10Tables)
        result.cubeRuns = state.runs.sorted { $0.index < $1.index }
        // Every thread's schedules: what a refutation certificate is minimized from.
        result.learnedSchedules = schedules.executions
        result.cubeCount = cubes.count
        return result
    }

    /// One worker: worker 0 searches the whole space once; worker 1 runs the companion, if any,
    /// (`CompanionPhase`: its opening, then its sweep if `companionSweeps`, then its rest unless
    /// `companionTakesCubes`); the others,
    /// and then worker 1 if it takes cubes, take cubes, last first,
    /// until none is left (and no running cube search may re-split), an answer is found, or
    /// the run stops. A cube search gets `cubeSeconds · 2^depth` (within the time limit); one
    /// that runs out of it is re-split (`CubeSplitter.split(within:)`) into `resplitCubes`
    /// cubes queued behind every waiting cube (breadth first), or, if it cannot be split,
    /// queued again without a time of its own.
    private static func work(_ worker: Int, wholeSpace: Bool, treeSearch: Bool, opening: Bool, cubes: [Cube], spec: Spec, options: SynthesisOptions, stop: CancellationToken,
                             shared: Box, clock: Stopwatch, nogoods: SharedNogoods, schedules: SharedSchedules, space: StrategySpace) {
        let cubeStrategy = cubeStrategy(of: options, wholeSpace: wholeSpace)
        if wholeSpace && worker == 0 {
            guard treeSearch else { return }
            run(nil, worker: worker, cubeStrategy: cubeStrategy, cubes: cubes, spec: spec, options: options, stop: stop, shared: shared, clock: clock,
                nogoods: nogoods, schedules: schedules, space: space)
            return
        }
        if worker == 1, let strategy = companion(of: options, wholeSpace: wholeSpace) {
            let settled = opening && run(nil, worker: worker, companion: (strategy, .opening), cubeStrategy: cubeStrategy, cubes: cubes, spec: spec, options: options,
                                         stop: stop, shared: shared, clock: clock, nogoods: nogoods, schedules: schedules, space: space)
            if settled || stop.isCancelled { return }
            if companionSweeps(options, wholeSpace: wholeSpace) {
                // Last first, as the cube threads take them. No cube thread takes them too
                // (`companionSweeps`), so each cube's `pending` count is the sweep's alone.
                assert(cubeWorkers(options, wholeSpace: wholeSpace) == 0)
                for cube in cubes.reversed() {
                    let settled = run(Item(top: cube.index, cube: cube, depth: 0), worker: worker, companion: (strategy, .sweep), cubeStrategy: cubeStrategy, cubes: cubes,
                                      spec: spec, options: options, stop: stop, shared: shared, clock: clock, nogoods: nogoods,
                                      schedules: schedules, space: space)
                    if settled || stop.isCancelled { return }
                }
            }
            if !companionTakesCubes(options) {
                run(nil, worker: worker, companion: (strategy, .rest), cubeStrategy: cubeStrategy, cubes: cubes, spec: spec, options: options,
                    stop: stop, shared: shared, clock: clock, nogoods: nogoods, schedules: schedules, space: space)
                return
            }
        }
        while !stop.isCancelled {
            let taken = shared.withLock { state -> (item: Item?, busy: Bool) in
                guard let item = state.queue.popLast() else { return (nil, state.running > 0) }
                state.running += 1
                return (item, true)
            }
            guard let item = taken.item else {
                // Another worker's cube may still be re-split into new ones.
                guard taken.busy else { return }
                Thread.sleep(forTimeInterval: 0.05)
                continue
            }
            let settled = run(item, worker: worker, cubeStrategy: cubeStrategy, cubes: cubes, spec: spec, options: options, stop: stop, shared: shared,
                              clock: clock, nogoods: nogoods, schedules: schedules, space: space)
            if settled { return }
        }
    }

    /// The strategy worker 1 runs on the whole space before it takes cubes, nil for none: `cegis`
    /// beside `ggms` (the default strategy), whose whole-table candidates settle many
    /// questions that the tree search takes longer on, for at most `options.cubeSeconds`
    /// (`Results/scale.md`). The other strategies keep their threads as they are, so that a
    /// run of one strategy measures that strategy.
    public static func companion(of options: SynthesisOptions, wholeSpace: Bool) -> SynthesisOptions.Strategy? {
        wholeSpace && options.jobs >= 2 && options.strategy == .ggms ? .cegis : nil
    }

    /// The strategy of the run's cube searches: beside `ggms` (when there is a companion),
    /// `cegis`, which refutes cubes several times sooner than the tree search and inside a cube
    /// spreads its candidates (`CandidateOrder`). Measured on the 16 cubes of consensus (7,5)
    /// one round short, each alone and from nothing (`Results/scale.md`): the three medium ones
    /// in 1.4–3.5 s against 7.0–12.0 s; of 48 pieces of the three hard ones, 22 refuted within
    /// 1 s against 7, and 30 within 5 s against 22. Found protocols still come first from the
    /// whole-space searches (on some specs a little later than when a tree search in a cube
    /// found one). The other strategies search their cubes themselves, so that a run of one
    /// strategy measures that strategy. Cost and soundness as the strategy's own search of a cube.
    public static func cubeStrategy(of options: SynthesisOptions, wholeSpace: Bool) -> SynthesisOptions.Strategy {
        companion(of: options, wholeSpace: wholeSpace) ?? options.strategy
    }

    /// Whether the companion, after its opening, takes cubes instead of its rest: only when it
    /// would otherwise leave no thread for the cubes that `options.cubes` asked for (two
    /// threads). Without `--cubes`, two threads leave the cubes to the companion's sweep.
    public static func companionTakesCubes(_ options: SynthesisOptions) -> Bool {
        options.jobs == 2 && options.cubes != nil
    }

    /// Whether the companion sweeps the cubes between its opening and its rest
    /// (`CompanionPhase.sweep`): when there is one and no thread takes cubes (two threads
    /// without `--cubes`), so that the run still has its cubes' nogoods.
    public static func companionSweeps(_ options: SynthesisOptions, wholeSpace: Bool) -> Bool {
        companion(of: options, wholeSpace: wholeSpace) != nil && cubeWorkers(options, wholeSpace: wholeSpace) == 0
    }

    /// How many threads take cubes: every one but thread 0 (with `wholeSpace`) and a companion
    /// that stays on the whole space (0: only the companion's sweep, if any, searches cubes).
    public static func cubeWorkers(_ options: SynthesisOptions, wholeSpace: Bool) -> Int {
        let companionStays = companion(of: options, wholeSpace: wholeSpace) != nil && !companionTakesCubes(options)
        return options.jobs - (wholeSpace ? 1 : 0) - (companionStays ? 1 : 0)
    }

    /// One search: of `item`'s cube with `cubeStrategy`, or of the whole space (nil) with the
    /// run's strategy; with `companion`, its strategy in one of its phases. Returns whether the
    /// run has its answer (and every worker was stopped).
    @discardableResult
    private static func run(_ item: Item?, worker: Int, companion: (strategy: SynthesisOptions.Strategy, phase: CompanionPhase)? = nil,
                            cubeStrategy: SynthesisOptions.Strategy, cubes: [Cube], spec: Spec, options: SynthesisOptions, stop: CancellationToken,
                            shared: Box, clock: Stopwatch, nogoods: SharedNogoods, schedules: SharedSchedules,
                            space: StrategySpace) -> Bool {
        var cubeOptions = options
        cubeOptions.strategy = companion?.strategy ?? (item == nil ? options.strategy : cubeStrategy)
        cubeOptions.cube = item?.cube
        cubeOptions.sharedNogoods = nogoods
        let exchange = schedules.participant(inheriting: item?.parent)
        cubeOptions.sharedSchedules = exchange
        if let phase = companion?.phase {
            // The opening takes neither schedules nor nogoods: each makes every later Z3 check of
            // its whole-table problem dearer, and measured, alone it settled found protocols
            // 2-4x sooner than when it took them; the sweep's cube searches neither (measured,
            // taking the board's schedules made them 3-9x slower). The rest, a proof's search,
            // takes both.
            cubeOptions.candidateOrder = phase.candidateOrder
            if !phase.takesShared {
                exchange.takesNothing = true
                cubeOptions.sharedNogoods = nil
            }
        }
        let wholeBudget = companion?.phase.budget(options)
        cubeOptions.jobs = 1
        cubeOptions.cancellation = stop
        let remaining = options.timeLimit.map { max($0 - clock.seconds, 0.001) }
        let sweeping = companion?.phase == .sweep
        let budget = sweeping ? wholeBudget : item.map { $0.unbounded ? nil : options.cubeSeconds * Double(1 << min($0.depth, 20)) } ?? wholeBudget
        let budgetBinds = budget.map { b in remaining.map { b < $0 } ?? true } ?? false
        cubeOptions.timeLimit = budgetBinds ? budget : remaining
        cubeOptions.progress = options.progress.map { report in
            { @Sendable p in progress(worker, p, of: cubes.count, report: report, shared: shared, clock: clock) }
        }
        let started = clock.seconds
        let result: SynthesisResult
        do { result = try Synthesis.search(spec: spec, options: cubeOptions) } catch {
            // Once another thread has the answer, a search it stopped that then fails (in the
            // middle of a Z3 call the stop interrupted) changes nothing: the answer stands. Any
            // other failure, after Ctrl-C or the time limit too, is the run's.
            let answered = shared.withLock { state in
                if state.found != nil { return true }
                if case .unrealizable = CubeAnswer.merge(count: cubes.count, runs: state.runs).outcome { return true }
                return false
            }
            if stop.isCancelled && answered { return false }
            shared.withLock { if $0.failure == nil { $0.failure = error } }
            stop.cancel()
            return true
        }
        let seconds = clock.seconds - started
        // Out of its time (not stopped from outside): split it finer and queue the pieces.
        var pieces: [Cube]? = nil
        if let item, !sweeping, case .inconclusive = result.outcome, budgetBinds, !stop.isCancelled, seconds >= budget! - 0.1 {
            do {
                pieces = try CubeSplitter.split(spec: spec, wanted: resplitCubes, within: item.cube,
                                                solverTimeoutMilliseconds: options.solverTimeout, cancellation: stop)
            } catch {
                shared.withLock { if $0.failure == nil { $0.failure = error } }
                stop.cancel()
                return true
            }
        }
        if case .unrealizable = result.outcome, let cube = cubeOptions.cube { nogoods.add(cube, space: space) }
        // The record names the strategy of a whole-space search and of a cube search by another
        // strategy than the run's (the sweep's, the cube threads' beside `ggms`).
        let namedStrategy = item == nil || cubeOptions.strategy != options.strategy ? cubeOptions.strategy.rawValue : nil
        let settled = shared.withLock { state -> Bool in
            state.finished.add(result.stats)
            state.current[worker] = nil
            let index = item?.top ?? CubeAnswer.wholeSpace
            if let item {
                if !sweeping { state.running -= 1 }
                state.spent[item.top] += seconds
            }
            if let item, let pieces, !stop.isCancelled {
                // Breadth first: the pieces wait behind every cube already queued, so a hard
                // region does not hold up the easy cubes (each of which settles a whole part).
                let splits = pieces.count > 1
                let next = splits ? pieces : [item.cube]
                let queued = next.reversed().map {
                    Item(top: item.top, cube: $0, depth: item.depth + 1, unbounded: !splits, parent: exchange)
                }
                state.queue.insert(contentsOf: queued, at: 0)
                state.pending[item.top] += next.count - 1
                if splits { state.finished.cubeResplits += 1 }
                return false
            }
            if case .inconclusive = result.outcome, stop.isCancelled || sweeping {
                // Stopped by another thread's answer, Ctrl-C or the time limit: not an answer;
                // a cube the sweep left open is the rest's to settle.
            } else if case .unrealizable = result.outcome, let item {
                state.pending[item.top] -= 1
                if state.pending[item.top] == 0 {
                    var run = CubeAnswer.Run(index: item.top, outcome: .unrealizable, seconds: state.spent[item.top])
                    run.strategy = namedStrategy
                    state.runs.append(run)
                    // Its pieces are refuted one by one; the whole cube is a shorter conflict.
                    if item.depth > 0 { nogoods.add(cubes[item.top], space: space) }
                }
            } else if case .found = result.outcome, state.found != nil {
                // Another thread's protocol is the answer; the record names only the run that gave it.
            } else {
                var run = CubeAnswer.Run(index: index, outcome: result.outcome, seconds: seconds)
                run.strategy = namedStrategy
                if item == nil, companion != nil, case .inconclusive = result.outcome, budgetBinds {
                    run.reason = "its \(String(format: "%g", budget!)) s beside \(options.strategy.rawValue) ran out"
                }
                state.runs.append(run)
            }
            if case .found = result.outcome, state.found == nil, let table = result.table {
                state.found = (table, result.stats)
                return true
            }
            if case .unrealizable = CubeAnswer.merge(count: cubes.count, runs: state.runs).outcome { return true }
            if let counts = result.best, let table = result.table, state.best.map({ counts.isBetter(than: $0.counts) }) ?? true {
                state.best = (table, counts)
            }
            return false
        }
        if settled { stop.cancel() }
        return settled
    }

    /// Reports the workers' combined progress (sums of their counters, the best table so far,
    /// the deepest freeze), about twice a second, under the lock (so never two at once).
    private static func progress(_ worker: Int, _ p: SynthesisProgress, of count: Int,
                                 report: @Sendable (SynthesisProgress) -> Void, shared: Box, clock: Stopwatch) {
        shared.withLock { state in
            state.current[worker] = p
            let now = clock.seconds
            guard now - state.lastProgress >= 0.5 else { return }
            state.lastProgress = now
            let live = state.current.compactMap { $0 }
            var combined = SynthesisProgress(iterations: state.finished.iterations + live.map(\.iterations).reduce(0, +),
                                             best: state.best?.counts, frozenEntries: live.map(\.frozenEntries).max() ?? 0,
                                             checkerCalls: state.finished.checkerCalls + live.map(\.checkerCalls).reduce(0, +),
                                             backtracks: state.finished.backtracks + live.map(\.backtracks).reduce(0, +),
                                             seconds: now)
            for b in live.compactMap(\.best) where combined.best.map({ b.isBetter(than: $0) }) ?? true { combined.best = b }
            if count > 0 {
                combined.cubes = (settled: Set(state.runs.filter { $0.outcome != "inconclusive" && $0.index != CubeAnswer.wholeSpace }.map(\.index)).count,
                                  total: count)
            }
            report(combined)
        }
    }
}

extension SynthesisStats {
    /// Adds `other`'s counters and seconds (the deepest freeze: the larger).
    mutating func add(_ other: SynthesisStats) {
        iterations += other.iterations
        checkerCalls += other.checkerCalls
        poolRejections += other.poolRejections
        poolConflicts += other.poolConflicts
        conflicts += other.conflicts
        symbolicConflicts += other.symbolicConflicts
        cubeConflicts += other.cubeConflicts
        solverChecks += other.solverChecks
        freezes += other.freezes
        restarts += other.restarts
        backtracks += other.backtracks
        backjumps += other.backjumps
        trainingSteps += other.trainingSteps
        treeNodes += other.treeNodes
        checkerSeconds += other.checkerSeconds
        encoderSeconds += other.encoderSeconds
        solverSeconds += other.solverSeconds
        maxFrozen = max(maxFrozen, other.maxFrozen)
        sharedSchedules += other.sharedSchedules
        cubeResplits += other.cubeResplits
    }
}

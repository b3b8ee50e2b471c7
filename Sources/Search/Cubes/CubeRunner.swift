import Checking
import Foundation
import Game
import SpecLanguage
import Synchronization
import Utilities

/// Runs one synthesis question on `options.jobs` threads (docs/cubes.md): thread 0 searches the
/// whole space, as one thread would; the others split it into cubes (`CubeSplitter`,
/// `options.cubes` or `defaultCubes(jobs:)` of them) and take them from the last one down, each
/// running the strategy on its cube (`Synthesis.search` with `options.cube` set). Every refuted
/// cube goes to the whole-space search (`RefutedCubes`), which refutes at once any node that
/// extends it, so the threads share the proof; the first protocol found, or a refuted whole
/// space, or every cube refuted, stops every thread at once.
///
/// Why both: cubes alone lose what one search learns across the space (its encoder, pool and
/// schedules, and the order in which it tries branches), and a found protocol may wait behind
/// cubes with none; the whole-space search keeps the one-thread behaviour, and the cube threads
/// cut its proof short from the other end. Every search also publishes the schedules of the
/// counterexamples it learns and takes the others' (`SharedSchedules`), so a new cube starts with
/// everything learned so far.
///
/// Threads: one `Thread` per worker (8 MiB stack); each search creates its own Z3 contexts and
/// encoder on its thread, and Z3 checks are bounded by the shared watchdog (`Z3Kit`), so time
/// limits and Ctrl-C are safe on threads. Stopping: the workers share a child of the run's
/// token; an answer cancels it (the other searches end inconclusive and are ignored), and
/// Ctrl-C or the time limit reach it through the parent.
///
/// Soundness: the answer is `CubeAnswer.merge` of the runs — found only with a table an
/// exhaustive check verified (the pipeline then re-verifies it as for one thread), no protocol
/// only when the whole space or every cube is refuted (the cubes cover the space up to
/// renaming, `CubeSplitter`; a node refuted for extending a refuted cube has no passing
/// completion, `RefutedCubes`). Which thread finds a protocol first, and so which protocol,
/// depends on timing.
enum CubeRunner {
    /// Cubes per run when `options.cubes` is nil: eight per thread, so a thread that draws an
    /// easy cube takes another while a hard one runs.
    static func defaultCubes(jobs: Int) -> Int { 8 * jobs }

    /// What the workers share, under one lock.
    private struct Shared {
        var next = 0
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
    static func run(spec: Spec, options: SynthesisOptions) throws(SynthesisError) -> SynthesisResult {
        let clock = Stopwatch()
        let jobs = options.jobs
        let cubes = try CubeSplitter.split(spec: spec, wanted: options.cubes ?? defaultCubes(jobs: jobs),
                                           solverTimeoutMilliseconds: options.solverTimeout, cancellation: options.cancellation)
        let shared = Box(Shared(next: cubes.count - 1, current: Array(repeating: nil, count: jobs)))
        let refuted = RefutedCubes()
        let schedules = SharedSchedules()
        let space = StrategySpace(setting: spec.setting)
        CancellationToken.scoped(parent: options.cancellation, deadline: nil) { stop in
            let done = DispatchGroup()
            for worker in 0..<jobs {
                done.enter()
                let thread = Thread {
                    work(worker, cubes: cubes, spec: spec, options: options, stop: stop, shared: shared, clock: clock,
                         refuted: refuted, schedules: schedules, space: space)
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

    /// One worker: worker 0 searches the whole space once; the others take cubes, last first,
    /// until none is left, an answer is found, or the run stops.
    private static func work(_ worker: Int, cubes: [Cube], spec: Spec, options: SynthesisOptions, stop: CancellationToken,
                             shared: Box, clock: Stopwatch, refuted: RefutedCubes, schedules: SharedSchedules, space: StrategySpace) {
        var wholeDone = false
        while !stop.isCancelled {
            let index: Int
            if worker == 0 {
                guard !wholeDone else { return }
                wholeDone = true
                index = CubeAnswer.wholeSpace
            } else {
                index = shared.withLock { state -> Int in
                    defer { state.next -= 1 }
                    return state.next
                }
                guard index >= 0 else { return }
            }
            var cubeOptions = options
            cubeOptions.cube = index == CubeAnswer.wholeSpace ? nil : cubes[index]
            cubeOptions.refutedCubes = index == CubeAnswer.wholeSpace ? refuted : nil
            cubeOptions.sharedSchedules = schedules
            cubeOptions.jobs = 1
            cubeOptions.cancellation = stop
            cubeOptions.timeLimit = options.timeLimit.map { max($0 - clock.seconds, 0.001) }
            cubeOptions.progress = options.progress.map { report in
                { @Sendable p in progress(worker, p, of: cubes.count, report: report, shared: shared, clock: clock) }
            }
            let started = clock.seconds
            let result: SynthesisResult
            do { result = try Synthesis.search(spec: spec, options: cubeOptions) } catch {
                shared.withLock { if $0.failure == nil { $0.failure = error } }
                stop.cancel()
                return
            }
            if case .unrealizable = result.outcome, let cube = cubeOptions.cube { refuted.add(cube, space: space) }
            let settled = shared.withLock { state -> Bool in
                state.finished.add(result.stats)
                state.current[worker] = nil
                if case .inconclusive = result.outcome, stop.isCancelled {
                    // Stopped by another thread's answer, Ctrl-C or the time limit: not an answer.
                } else {
                    state.runs.append(CubeAnswer.Run(index: index, outcome: result.outcome, seconds: clock.seconds - started))
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
            if settled { stop.cancel(); return }
        }
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
            combined.cubes = (settled: Set(state.runs.filter { $0.outcome != "inconclusive" }.map(\.index)).count, total: count)
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
    }
}

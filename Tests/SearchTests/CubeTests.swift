import Checking
import Diagnostics
import Foundation
import Game
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Search

/// Cubes (docs/cubes.md): the cubes of a split partition the table space (their table counts
/// add up to the whole), and the merged answer of the cubes is the unsplit answer, found and
/// not found, for the tree search and for CEGIS, on one thread per cube and on two threads.
@Suite(.serialized, .timeLimit(.minutes(10))) struct CubeTests {
    static func shipped(_ path: String) throws -> Spec {
        try Spec.load(path: ShippedSpecSynthesis.root.appendingPathComponent("Specs/\(path)").path)
    }

    /// Small specs of every kind the partition argument covers: counted tables with 2 and 3
    /// states, round-aware and not, a message alphabet with early decision, omission faults.
    static let partitionSpecs = [
        "bench/consensus-n3-f1-r1.smt2", "bench/consensus-n3-f1-r2.smt2", "grid/cons-n3-f1-r2-i3-k3.smt2",
        "grid/kset-n3-f1-r1-k3.smt2", "early/consensus-early-n3-f1.smt2", "faults/sendomission-n3-f1-r1-k2.smt2",
        "identities/broadcast-crash-n3-f1-r1.smt2",
    ]

    @Test(arguments: partitionSpecs) func cubeCountsAddUpToTheWholeSpace(_ path: String) throws {
        let spec = try Self.shipped(path)
        let whole = Cube.whole.tableCount(setting: spec.setting)
        #expect(abs(log10(whole) - StrategySpace(setting: spec.setting).log10Tables) < 1e-9)
        for wanted in [2, 7, 40] {
            let cubes = try CubeSplitter.split(spec: spec, wanted: wanted)
            #expect(cubes.count >= min(wanted, 2), "\(path): \(cubes.count) cubes for \(wanted)")
            #expect(cubes.allSatisfy { $0.count == cubes.count && $0.problem(in: StrategySpace(setting: spec.setting)) == nil })
            #expect(cubes.map(\.index) == Array(0..<cubes.count))
            let sum = cubes.map { $0.tableCount(setting: spec.setting) }.reduce(0, +)
            #expect(abs(sum - whole) <= whole * 1e-12, "\(path), \(cubes.count) cubes: \(sum) tables, the space has \(whole)")
        }
    }

    /// Each cube searched alone with `strategy`, merged (`CubeAnswer`), against the unsplit run.
    func mergedAnswer(_ spec: Spec, strategy: SynthesisOptions.Strategy, cubes wanted: Int) throws -> (SearchAnswer, [TransitionTable]) {
        let cubes = try CubeSplitter.split(spec: spec, wanted: wanted)
        var runs: [CubeAnswer.Run] = []
        var found: [TransitionTable] = []
        for cube in cubes {
            var options = SynthesisOptions()
            options.strategy = strategy
            options.timeLimit = 120
            options.cube = cube
            let result = try Synthesis.search(spec: spec, options: options)
            runs.append(CubeAnswer.Run(index: cube.index, outcome: result.outcome, seconds: 0))
            if case .found = result.outcome, let table = result.table {
                // The found table lies in its cube.
                let space = StrategySpace(setting: spec.setting, cube: cube)
                #expect(space.entries.indices.allSatisfy { space.fixed($0) < 0 || table.action(at: space.entries[$0]) == Int(space.fixed($0)) })
                found.append(table)
            }
        }
        return (SearchAnswer(CubeAnswer.merge(count: cubes.count, runs: runs).outcome), found)
    }

    static let answerSpecs = [
        "bench/consensus-n3-f1-r1.smt2", "bench/consensus-n3-f1-r2.smt2", "bench/commit-n3-f1-r2.smt2",
        "grid/kset-n3-f1-r1-k3.smt2", "faults/sendomission-n3-f1-r1-k2.smt2", "early/consensus-early-n3-f1.smt2",
    ]

    @Test(arguments: answerSpecs) func mergedAnswersEqualUnsplitAnswers(_ path: String) throws {
        let spec = try Self.shipped(path)
        let expected: SearchAnswer = spec.expect == .realizable ? .found : .unrealizable
        for strategy in [SynthesisOptions.Strategy.ggms, .cegis] {
            var options = SynthesisOptions()
            options.strategy = strategy
            options.timeLimit = 120
            let unsplit = SearchAnswer(try Synthesis.search(spec: spec, options: options).outcome)
            #expect(unsplit == expected, "\(path) with \(strategy.rawValue), unsplit")
            let (merged, found) = try mergedAnswer(spec, strategy: strategy, cubes: 6)
            #expect(merged == unsplit, "\(path) with \(strategy.rawValue): merged \(merged), unsplit \(unsplit)")
            let evaluator = try SpecEvaluator(spec: spec)
            for table in found {
                #expect(try BruteForceChecker(table: Trust.completed(table), spec: spec, evaluator: evaluator).check().verdict.isVerified)
            }
        }
    }

    /// `jobs: 2` runs the cubes on two threads: same answers; a found protocol is re-verified
    /// as on one thread, and the result lists the cubes.
    @Test(arguments: ["bench/consensus-n3-f1-r1.smt2", "bench/consensus-n3-f1-r2.smt2", "grid/cons-n3-f1-r2-i3-k3.smt2"])
    func twoThreadsGiveTheUnsplitAnswer(_ path: String) throws {
        let spec = try Self.shipped(path)
        var options = SynthesisOptions()
        options.timeLimit = 120
        options.jobs = 2
        options.cubes = 5
        options.generalizationBound = spec.setting.processes
        let result = try Synthesis.run(spec: spec, options: options)
        #expect(SearchAnswer(result.outcome) == (spec.expect == .realizable ? .found : .unrealizable), "\(path)")
        #expect((result.cubeCount ?? 0) >= 5)
        if case .found = result.outcome {
            #expect(result.verification != nil)
        } else {
            // Settled by the whole-space thread, or by every cube.
            let runs = result.cubeRuns ?? []
            #expect(SearchAnswer(CubeAnswer.merge(count: result.cubeCount ?? 0, runs: runs).outcome) == .unrealizable)
        }
    }

    /// A re-split (`CubeSplitter.split(within:)`, what `CubeRunner` does with a cube that
    /// outlasts its time) partitions its cube as a split partitions the space: every piece
    /// extends the cube's fixed entries, and their table counts add up to the cube's.
    @Test(arguments: partitionSpecs) func reSplitsPartitionTheirCube(_ path: String) throws {
        let spec = try Self.shipped(path)
        var split = 0
        for cube in try CubeSplitter.split(spec: spec, wanted: 5) {
            let pieces = try CubeSplitter.split(spec: spec, wanted: 4, within: cube)
            #expect(pieces.allSatisfy { Array($0.fixed.prefix(cube.fixed.count)) == cube.fixed })
            #expect(pieces.allSatisfy { $0.problem(in: StrategySpace(setting: spec.setting)) == nil })
            if pieces.count > 1 { split += 1 } else { #expect(pieces.first?.fixed == cube.fixed) }
            let total = cube.tableCount(setting: spec.setting)
            let sum = pieces.map { $0.tableCount(setting: spec.setting) }.reduce(0, +)
            #expect(abs(sum - total) <= total * 1e-12, "\(path): pieces of cube \(cube.index) hold \(sum) tables, the cube \(total)")
        }
        #expect(split > 0, "\(path): no cube could be re-split")
        // A hand-made cube (fixing an entry whose key names a state no value mentions) too.
        let k = spec.setting.states
        let hand = Cube(index: 0, count: 1, fixed: [Cube.Fixed(.decision(state: k - 1), action: 0)])
        let pieces = try CubeSplitter.split(spec: spec, wanted: 6, within: hand)
        let total = hand.tableCount(setting: spec.setting)
        let sum = pieces.map { $0.tableCount(setting: spec.setting) }.reduce(0, +)
        #expect(pieces.count > 1 && abs(sum - total) <= total * 1e-12, "\(path): a hand-made cube's pieces hold \(sum) tables, the cube \(total)")
    }

    /// Cubes whose search outlasts `cubeSeconds` are re-split and their pieces searched: with a
    /// time far too short for any search, cubes are re-split until they cannot be, then run
    /// without a time of their own, and the answer is still the unsplit one — beside the
    /// whole-space search, and from the cubes alone.
    @Test(arguments: ["bench/consensus-n3-f1-r1.smt2", "bench/consensus-n4-f2-r2.smt2", "bench/consensus-n3-f1-r2.smt2"])
    func cubesThatOutlastTheirTimeAreReSplit(_ path: String) throws {
        let spec = try Self.shipped(path)
        for strategy in [SynthesisOptions.Strategy.ggms, .cegis] {
            var options = SynthesisOptions()
            options.strategy = strategy
            options.timeLimit = 120
            options.jobs = 2
            options.cubes = 3
            options.cubeSeconds = 1e-6
            let expected: SearchAnswer = spec.expect == .realizable ? .found : .unrealizable
            let result = try Synthesis.run(spec: spec, options: options)
            #expect(SearchAnswer(result.outcome) == expected, "\(path), \(strategy.rawValue)")
            // Beside ggms the companion takes the cubes after its opening, searching them with
            // cegis (`CubeRunner.cubeStrategy`); the record names it.
            #expect((result.cubeRuns ?? []).filter { $0.index != CubeAnswer.wholeSpace }.allSatisfy { $0.strategy == (strategy == .ggms ? "cegis" : nil) },
                    "\(path), \(strategy.rawValue): \(result.cubeRuns ?? [])")
            // Cubes alone (no whole-space search): the answer must come from the re-split cubes.
            // (Only on the smallest spaces, whose cubes split down to a few hundred pieces.)
            guard path.hasSuffix("n3-f1-r1.smt2") || path.hasSuffix("n3-f1-r2.smt2") else { continue }
            let cubesOnly = try CubeRunner.run(spec: spec, options: options, wholeSpace: false)
            #expect(SearchAnswer(cubesOnly.outcome) == expected, "\(path), \(strategy.rawValue), cubes alone")
            #expect(cubesOnly.stats.cubeResplits > 0, "\(path), \(strategy.rawValue): no cube was re-split")
            if expected == .unrealizable {
                #expect(cubesOnly.cubeRuns?.filter { $0.outcome == "unrealizable" }.map(\.index).sorted() == Array(0..<(cubesOnly.cubeCount ?? 0)))
            }
        }
    }

    /// Beside `ggms` on two threads or more, thread 1 runs `cegis` on the whole space first; no
    /// other strategy gets a companion, nor a run of cubes alone. Whichever search answers, the
    /// answer is the unsplit one (`twoThreadsGiveTheUnsplitAnswer`), and a whole-space run in
    /// the record names its strategy.
    @Test func ggmsGetsACEGISCompanion() throws {
        var options = SynthesisOptions()
        options.jobs = 2
        #expect(CubeRunner.companion(of: options, wholeSpace: true) == .cegis)
        #expect(CubeRunner.companion(of: options, wholeSpace: false) == nil)
        // Beside ggms the cubes are cegis's too; cubes alone, and any other strategy, keep the run's.
        #expect(CubeRunner.cubeStrategy(of: options, wholeSpace: true) == .cegis)
        #expect(CubeRunner.cubeStrategy(of: options, wholeSpace: false) == .ggms)
        for strategy in SynthesisOptions.Strategy.allCases where strategy != .ggms {
            options.strategy = strategy
            #expect(CubeRunner.companion(of: options, wholeSpace: true) == nil)
            #expect(CubeRunner.cubeStrategy(of: options, wholeSpace: true) == strategy)
        }
        options.strategy = .ggms
        options.jobs = 1
        #expect(CubeRunner.companion(of: options, wholeSpace: true) == nil)
        let spec = try Self.shipped("bench/consensus-n4-f1-r1.smt2")
        options.jobs = 2
        options.timeLimit = 120
        let result = try Synthesis.run(spec: spec, options: options)
        #expect(SearchAnswer(result.outcome) == .unrealizable)
        for run in result.cubeRuns ?? [] {
            // Two threads, no cube thread: a cube's run comes from the companion's sweep.
            #expect(run.index == CubeAnswer.wholeSpace ? run.strategy != nil : run.strategy == "cegis")
            #expect(run.strategy == nil || ["ggms", "cegis"].contains(run.strategy!))
        }
    }

    /// Which threads take cubes, and the companion's searches: beside `ggms` the companion
    /// stays on the whole space after its opening unless two threads were asked for cubes, and
    /// sweeps the cubes first when no thread takes them; its opening is near-last, on its own,
    /// for `cubeSeconds`; its sweep spread, on its own, a quarter of that per cube; its rest
    /// spread, sharing, to the end.
    @Test func theCompanionStaysOnTheWholeSpaceUnlessCubesNeedIt() {
        var options = SynthesisOptions()
        options.jobs = 2
        #expect(!CubeRunner.companionTakesCubes(options))
        #expect(CubeRunner.cubeWorkers(options, wholeSpace: true) == 0)
        #expect(CubeRunner.companionSweeps(options, wholeSpace: true))
        #expect(CubeRunner.cubeWorkers(options, wholeSpace: false) == 2)
        #expect(!CubeRunner.companionSweeps(options, wholeSpace: false))
        options.cubes = 4
        #expect(CubeRunner.companionTakesCubes(options))
        #expect(CubeRunner.cubeWorkers(options, wholeSpace: true) == 1)
        #expect(!CubeRunner.companionSweeps(options, wholeSpace: true))
        for cubes in [nil, 4] {
            options.cubes = cubes
            options.jobs = 3
            #expect(!CubeRunner.companionTakesCubes(options))
            #expect(CubeRunner.cubeWorkers(options, wholeSpace: true) == 1)
            #expect(!CubeRunner.companionSweeps(options, wholeSpace: true), "a cube thread takes the cubes")
            options.jobs = 2
            options.strategy = .cegis
            #expect(CubeRunner.cubeWorkers(options, wholeSpace: true) == 1, "no companion beside cegis")
            #expect(!CubeRunner.companionSweeps(options, wholeSpace: true))
            options.strategy = .ggms
        }
        options.cubeSeconds = 7
        let opening = CubeRunner.CompanionPhase.opening
        #expect(opening.candidateOrder == .nearLast && !opening.takesShared && opening.budget(options) == 7)
        let sweep = CubeRunner.CompanionPhase.sweep
        #expect(sweep.candidateOrder == .spread && !sweep.takesShared && sweep.budget(options) == 1.75)
        let rest = CubeRunner.CompanionPhase.rest
        #expect(rest.candidateOrder == .spread && rest.takesShared && rest.budget(options) == nil)
    }

    /// Two threads beside `ggms`, no cubes, a companion opening far too short for any search.
    static func twoThreadsWithAnInstantOpening() -> SynthesisOptions { twoThreads(timeLimit: 120, cubeSeconds: 1e-6) }

    /// Two threads, with a time limit and `cubeSeconds` (the companion's opening; its sweep gets
    /// a quarter of that per cube).
    static func twoThreads(timeLimit: Double, cubeSeconds: Double) -> SynthesisOptions {
        var options = SynthesisOptions()
        options.timeLimit = timeLimit
        options.jobs = 2
        options.cubeSeconds = cubeSeconds
        return options
    }

    /// The companion alone (thread 0 idle): its opening and its sweep run out at once (no cube
    /// settled), and its rest, spread over the whole space, gives the unsplit answer by itself — a
    /// protocol that verifies by brute force, or the whole space refuted — both recorded as
    /// `cegis` runs.
    @Test(arguments: ["bench/consensus-n3-f1-r1.smt2", "bench/consensus-n4-f2-r2.smt2", "bench/consensus-n3-f1-r2.smt2",
                      "bench/commit-n3-f1-r2.smt2", "grid/kset-n3-f1-r1-k3.smt2", "faults/sendomission-n3-f1-r1-k2.smt2"])
    func theCompanionsRestAnswersAlone(_ path: String) throws {
        let spec = try Self.shipped(path)
        let result = try CubeRunner.run(spec: spec, options: Self.twoThreadsWithAnInstantOpening(), treeSearch: false)
        let expected: SearchAnswer = spec.expect == .realizable ? .found : .unrealizable
        #expect(SearchAnswer(result.outcome) == expected, "\(path)")
        let runs = result.cubeRuns ?? []
        #expect((result.cubeCount ?? 0) > 0)
        #expect(!runs.contains { $0.index != CubeAnswer.wholeSpace }, "no cube settled: \(runs)")
        #expect(runs.contains { $0.outcome == "inconclusive" && $0.reason?.hasSuffix("beside ggms ran out") == true }, "\(runs)")
        #expect(runs.contains { $0.outcome == (expected == .found ? "found" : "unrealizable") && $0.strategy == "cegis" && $0.index == CubeAnswer.wholeSpace }, "\(runs)")
        if expected == .found {
            let table = try #require(result.table)
            #expect(try BruteForceChecker(table: Trust.completed(table), spec: spec, evaluator: SpecEvaluator(spec: spec)).check().verdict.isVerified)
        }
    }

    /// The companion's sweep alone (thread 0 idle, no opening): each cube gets 30 s, far more
    /// than these small questions need, so with no protocol the sweep refutes every cube and
    /// that is the answer (no whole-space search runs; each refuted cube's run names `cegis`);
    /// with a protocol, the sweep finds one in a cube or the rest finds one — verified by brute
    /// force either way.
    @Test(arguments: ["bench/consensus-n3-f1-r1.smt2", "bench/consensus-n4-f2-r2.smt2", "bench/consensus-n3-f1-r2.smt2",
                      "grid/kset-n3-f1-r1-k3.smt2", "faults/sendomission-n3-f1-r1-k2.smt2"])
    func theCompanionsSweepRefutesCubes(_ path: String) throws {
        let spec = try Self.shipped(path)
        let result = try CubeRunner.run(spec: spec, options: Self.twoThreads(timeLimit: 600, cubeSeconds: 120), treeSearch: false, opening: false)
        let expected: SearchAnswer = spec.expect == .realizable ? .found : .unrealizable
        #expect(SearchAnswer(result.outcome) == expected, "\(path)")
        let count = try #require(result.cubeCount)
        let runs = result.cubeRuns ?? []
        #expect(count > 1, "\(path)")
        if expected == .found {
            let table = try #require(result.table)
            #expect(try BruteForceChecker(table: Trust.completed(table), spec: spec, evaluator: SpecEvaluator(spec: spec)).check().verdict.isVerified)
        } else {
            #expect(runs.filter { $0.outcome == "unrealizable" }.map(\.index).sorted() == Array(0..<count), "\(runs)")
            #expect(runs.allSatisfy { $0.strategy == "cegis" }, "\(runs)")
            #expect(runs.allSatisfy { $0.index != CubeAnswer.wholeSpace }, "\(runs)")
        }
    }

    /// Beside `ggms` the cube searches are `cegis`'s (`CubeRunner.cubeStrategy`): with thread 0
    /// idle and `--cubes` on two threads, the companion goes straight to the cubes, so the
    /// answer must come from `cegis` cube searches — a protocol found in a cube that verifies by
    /// brute force, or every cube refuted — and each cube's run names `cegis`. With a time far too
    /// short for any search, the cubes are re-split (the pieces inheriting their cube's
    /// schedules) and the answer is the same (on the smallest spaces only, whose cubes split
    /// down to a few hundred pieces).
    @Test(arguments: ["bench/consensus-n3-f1-r1.smt2", "bench/consensus-n4-f2-r2.smt2", "bench/consensus-n3-f1-r2.smt2",
                      "grid/kset-n3-f1-r1-k3.smt2", "faults/sendomission-n3-f1-r1-k2.smt2"])
    func cubeSearchesBesideGGMSAreCEGISs(_ path: String) throws {
        let spec = try Self.shipped(path)
        let expected: SearchAnswer = spec.expect == .realizable ? .found : .unrealizable
        let smallest = path.hasSuffix("n3-f1-r1.smt2") || path.hasSuffix("n3-f1-r2.smt2")
        for cubeSeconds in smallest ? [120, 1e-6] : [120] {
            var options = Self.twoThreads(timeLimit: 600, cubeSeconds: cubeSeconds)
            options.cubes = 3
            let result = try CubeRunner.run(spec: spec, options: options, treeSearch: false, opening: false)
            #expect(SearchAnswer(result.outcome) == expected, "\(path), cube seconds \(cubeSeconds)")
            let count = try #require(result.cubeCount)
            let runs = result.cubeRuns ?? []
            #expect(!runs.isEmpty && runs.allSatisfy { $0.index != CubeAnswer.wholeSpace && $0.strategy == "cegis" }, "\(path): \(runs)")
            if expected == .found {
                let table = try #require(result.table)
                #expect(try BruteForceChecker(table: Trust.completed(table), spec: spec, evaluator: SpecEvaluator(spec: spec)).check().verdict.isVerified)
            } else {
                #expect(Set(runs.filter { $0.outcome == "unrealizable" }.map(\.index)) == Set(0..<count), "\(path): \(runs)")
                if cubeSeconds < 1 { #expect(result.stats.cubeResplits > 0, "\(path): no cube was re-split") }
            }
        }
    }

    /// Two threads beside `ggms`: an opening and a sweep far too short for any search hand
    /// over to the companion's rest at once, and the answer is the unsplit one, from thread 0 or
    /// the rest; no protocol only with the whole space refuted.
    @Test(arguments: ["bench/consensus-n3-f1-r1.smt2", "bench/consensus-n4-f2-r2.smt2", "bench/consensus-n3-f1-r2.smt2",
                      "grid/cons-n3-f1-r2-i3-k3.smt2"])
    func twoThreadsWithoutCubesGiveTheUnsplitAnswer(_ path: String) throws {
        let spec = try Self.shipped(path)
        var options = Self.twoThreadsWithAnInstantOpening()
        options.generalizationBound = spec.setting.processes
        let result = try Synthesis.run(spec: spec, options: options)
        #expect(SearchAnswer(result.outcome) == (spec.expect == .realizable ? .found : .unrealizable), "\(path)")
        #expect((result.cubeCount ?? 0) > 0)
        let runs = result.cubeRuns ?? []
        #expect(runs.allSatisfy { $0.index == CubeAnswer.wholeSpace && $0.strategy != nil }, "no cube settled: \(runs)")
        if case .found = result.outcome {
            #expect(result.verification != nil)
        } else {
            #expect(runs.contains { $0.outcome == "unrealizable" }, "\(runs)")
        }
    }

    /// A cube that a cube's search refutes makes the whole-space search refute every node that
    /// extends it (`SharedNogoods`), and that search still gives the unsplit answer.
    @Test func theWholeSpaceSearchUsesSharedNogoods() throws {
        let spec = try Self.shipped("bench/consensus-n3-f1-r1.smt2")
        let cubes = try CubeSplitter.split(spec: spec, wanted: 6)
        let space = StrategySpace(setting: spec.setting)
        let refuted = SharedNogoods()
        for cube in cubes.dropLast() { refuted.add(cube, space: space) }
        var assigned = space.fixedAssignment
        for f in cubes[0].fixed { assigned[space.index(of: f.entry!)] = Int16(f.action) }
        #expect(refuted.covering(assigned)?.count == cubes[0].fixed.count)
        #expect(refuted.covering(space.fixedAssignment) == nil)
        var options = SynthesisOptions()
        options.timeLimit = 120
        options.sharedNogoods = refuted
        let result = try Synthesis.search(spec: spec, options: options)
        #expect(SearchAnswer(result.outcome) == .unrealizable)
        #expect(result.stats.cubeConflicts > 0)
        options.strategy = .cegis
        #expect(SearchAnswer(try Synthesis.search(spec: spec, options: options).outcome) == .unrealizable)
    }

    /// Searches publish the schedules of their counterexamples and take the others'
    /// (`SharedSchedules`): a participant never gets back its own; a cube search given the
    /// schedules a whole-space proof learned refutes its cube with fewer exhaustive checks
    /// (tree and CEGIS), and still answers as unshared.
    @Test func searchesShareLearnedSchedules() throws {
        let spec = try Self.shipped("bench/consensus-n4-f2-r2.smt2")
        let board = SharedSchedules()
        let a = board.participant(), b = board.participant()
        var options = SynthesisOptions()
        options.timeLimit = 120
        options.sharedSchedules = board.participant()
        let whole = try Synthesis.search(spec: spec, options: options)
        #expect(SearchAnswer(whole.outcome) == .unrealizable)
        #expect(board.count > 0 && board.count == whole.learnedSchedules.count)
        #expect(whole.stats.sharedSchedules == 0, "nothing to take while it ran alone")
        let first = board.count
        let outcome = try #require(try Self.someOutcome(spec, whole.learnedSchedules[0]))
        a.publish(whole.learnedSchedules[0], outcome: outcome)
        #expect(a.take().count == first, "the others' schedules, not its own")
        #expect(a.take().isEmpty && b.take().count == first + 1)
        // No search takes more than `takeLimit` in all, the oldest first.
        #expect(first + 1 < SharedSchedules.takeLimit)
        let c = board.participant()
        for _ in 0..<SharedSchedules.takeLimit { a.publish(whole.learnedSchedules[0], outcome: outcome) }
        let capped = c.take()
        #expect(capped.count == SharedSchedules.takeLimit)
        #expect(capped.first?.execution == whole.learnedSchedules[0] && c.take().isEmpty)
        // A re-split cube's pieces inherit what its search learned (what it inherited and
        // published), first and beyond the limit; the board does not offer those again.
        try #require(whole.learnedSchedules.count >= 3)
        let s = (0..<3).map { whole.learnedSchedules[$0] }
        let o = try s.map { try #require(try Self.someOutcome(spec, $0)) }
        let board2 = SharedSchedules()
        let parent = board2.participant(), other = board2.participant()
        parent.publish(s[0], outcome: o[0])
        other.publish(s[2], outcome: o[2])
        parent.publish(s[1], outcome: o[1])
        #expect(parent.learned.map(\.execution) == [s[0], s[1]])
        let piece = board2.participant(inheriting: parent)
        #expect(piece.take().map(\.execution) == [s[0], s[1], s[2]] && piece.take().isEmpty)
        piece.publish(s[2], outcome: o[2])
        #expect(piece.learned.map(\.execution) == [s[0], s[1], s[2]])
        let grandchild = board2.participant(inheriting: piece)
        #expect(grandchild.take().map(\.execution) == [s[0], s[1], s[2], s[2]], "the other's s2 is not the piece's own")
        for _ in 0..<SharedSchedules.takeLimit { other.publish(s[2], outcome: o[2]) }
        #expect(board2.participant(inheriting: parent).take().count == 2 + SharedSchedules.takeLimit)

        let cubes = try CubeSplitter.split(spec: spec, wanted: 6)
        let cube = try #require(cubes.last)
        for strategy in [SynthesisOptions.Strategy.ggms, .cegis] {
            var alone = SynthesisOptions()
            alone.strategy = strategy
            alone.timeLimit = 120
            alone.cube = cube
            let unshared = try Synthesis.search(spec: spec, options: alone)
            var sharing = alone
            sharing.sharedSchedules = board.participant()
            let shared = try Synthesis.search(spec: spec, options: sharing)
            #expect(SearchAnswer(unshared.outcome) == .unrealizable && SearchAnswer(shared.outcome) == .unrealizable, "\(strategy)")
            #expect(shared.stats.sharedSchedules > 0, "\(strategy)")
            #expect(shared.stats.checkerCalls < unshared.stats.checkerCalls || unshared.stats.checkerCalls == 0,
                    "\(strategy): \(shared.stats.checkerCalls) checks with the shared schedules, \(unshared.stats.checkerCalls) without")
        }
    }

    /// The outcome of some table on `execution` (any table will do as an observed outcome).
    static func someOutcome(_ spec: Spec, _ execution: Execution) throws -> Outcome? {
        let table = Trust.completed(StrategySpace(setting: spec.setting).emptyTable)
        let trace = try Simulator.run(table, execution)
        return Simulator.outcome(table, execution, trace)
    }

    /// Every nogood a search publishes (`SharedNogoods`: the conflicts of the nodes it
    /// refutes, in the whole space and inside cubes) is a real one, judged by brute force: no
    /// passing table extends it, on the specs of `partitionSpecs` that have protocols (on the
    /// unrealizable ones: publishing searches answer as plain ones). The
    /// passing tables: every protocol the searches find without them (the whole space and each
    /// cube of a split), every renaming of its states, and every table one entry away from one of those
    /// that brute force verifies — the tables closest to a wrong nogood's edge.
    @Test(arguments: partitionSpecs) func publishedNogoodsAreRealNogoods(_ path: String) throws {
        let spec = try Self.shipped(path)
        let space = StrategySpace(setting: spec.setting)
        let evaluator = try SpecEvaluator(spec: spec)
        let nogoods = SharedNogoods()
        var found: [TransitionTable] = []
        for cube in [nil] + (try CubeSplitter.split(spec: spec, wanted: 8)) {
            var options = SynthesisOptions()
            options.timeLimit = 120
            options.cube = cube
            // The protocols come from searches without the nogoods, so a wrong nogood cannot
            // hide them; the searches that publish must still give the same answers.
            let plain = try Synthesis.search(spec: spec, options: options)
            if case .found = plain.outcome, let table = plain.table { found.append(Trust.completed(table)) }
            options.sharedNogoods = nogoods
            let publishing = try Synthesis.search(spec: spec, options: options)
            #expect(SearchAnswer(publishing.outcome) == SearchAnswer(plain.outcome), "\(path), cube \(cube?.index ?? -1)")
        }
        #expect(nogoods.count > 0, "\(path): no search published a nogood")
        func passes(_ table: TransitionTable) throws -> Bool {
            try BruteForceChecker(table: table, spec: spec, evaluator: evaluator).check().verdict.isVerified
        }
        func permutations(_ k: Int) -> [[Int]] {
            k == 0 ? [[]] : permutations(k - 1).flatMap { p in (0...p.count).map { var q = p; q.insert(k - 1, at: $0); return q } }
        }
        var passing: [TransitionTable] = []
        for table in found.prefix(4) {
            for order in permutations(space.stateCount) {
                let renamed = table.renamingStates(order)
                #expect(try passes(renamed), "\(path): a renaming of a protocol fails")
                passing.append(renamed)
                for i in space.entries.indices {
                    for a in 0..<space.actionCount(i) where a != renamed.action(at: space.entries[i]) {
                        var neighbour = renamed
                        neighbour.set(space.entries[i], to: a)
                        if try passes(neighbour) { passing.append(neighbour) }
                    }
                }
            }
        }
        for table in passing {
            let assigned = space.entries.map { Int16(table.action(at: $0) ?? -1) }
            if let entries = nogoods.covering(assigned) {
                Issue.record("\(path): a passing table extends the published nogood on entries \(entries)")
                break
            }
        }
    }

    /// On a spec with protocols, the cubes a cube search refuted, given to the whole-space
    /// search (tree and CEGIS), leave it a protocol to find, outside those cubes.
    @Test func sharedNogoodsLeaveTheProtocols() throws {
        let spec = try Self.shipped("bench/consensus-n3-f1-r2.smt2")
        let cubes = try CubeSplitter.split(spec: spec, wanted: 8)
        let space = StrategySpace(setting: spec.setting)
        let refuted = SharedNogoods()
        var count = 0
        for cube in cubes {
            var options = SynthesisOptions()
            options.cube = cube
            options.timeLimit = 120
            if case .unrealizable = try Synthesis.search(spec: spec, options: options).outcome {
                refuted.add(cube, space: space)
                count += 1
            }
        }
        #expect(count > 0 && count < cubes.count)
        for strategy in [SynthesisOptions.Strategy.ggms, .cegis] {
            var options = SynthesisOptions()
            options.strategy = strategy
            options.timeLimit = 120
            options.sharedNogoods = refuted
            let result = try Synthesis.search(spec: spec, options: options)
            #expect(SearchAnswer(result.outcome) == .found, "\(strategy.rawValue)")
            if let table = result.table {
                var assigned = space.fixedAssignment
                for i in space.entries.indices { assigned[i] = Int16(table.action(at: space.entries[i]) ?? -1) }
                #expect(refuted.covering(assigned) == nil, "\(strategy.rawValue): the protocol lies in a refuted cube")
            }
        }
    }

    /// A cube run that is stopped (here by the time limit) leaves its cube open: inconclusive.
    @Test func aCubeLeftOpenIsInconclusive() {
        let runs = [CubeAnswer.Run(index: 0, outcome: .unrealizable, seconds: 1),
                    CubeAnswer.Run(index: 2, outcome: .inconclusive(reason: "time limit of 1.0 s reached"), seconds: 1)]
        let merged = CubeAnswer.merge(count: 3, runs: runs)
        #expect(SearchAnswer(merged.outcome) == .inconclusive)
        #expect(merged.open == [1, 2])
        #expect(SearchAnswer(CubeAnswer.merge(count: 2, runs: runs.prefix(1) + [CubeAnswer.Run(index: 1, outcome: .unrealizable, seconds: 1)]).outcome) == .unrealizable)
        #expect(SearchAnswer(CubeAnswer.merge(count: 3, runs: runs + [CubeAnswer.Run(index: 1, outcome: .found, seconds: 1)]).outcome) == .found)
        let whole = CubeAnswer.Run(index: CubeAnswer.wholeSpace, outcome: .unrealizable, seconds: 1)
        #expect(SearchAnswer(CubeAnswer.merge(count: 3, runs: runs + [whole]).outcome) == .unrealizable)
        // An inconclusive whole-space search's reason joins the open cubes'.
        let stuck = CubeAnswer.Run(index: CubeAnswer.wholeSpace, outcome: .inconclusive(reason: "Z3 answered unknown"), seconds: 1)
        #expect("\(CubeAnswer.merge(count: 3, runs: runs + [stuck]).outcome)".contains("Z3 answered unknown"))
        // No cubes at all: nothing is refuted until a whole-space search refutes the space.
        #expect(SearchAnswer(CubeAnswer.merge(count: 0, runs: []).outcome) == .inconclusive)
        let opening = CubeAnswer.Run(index: CubeAnswer.wholeSpace, outcome: .inconclusive(reason: "its 20 s beside ggms ran out"), seconds: 20)
        #expect(SearchAnswer(CubeAnswer.merge(count: 0, runs: [opening]).outcome) == .inconclusive)
        #expect(SearchAnswer(CubeAnswer.merge(count: 0, runs: [opening, whole]).outcome) == .unrealizable)
    }

    @Test func cubeFilesRoundTripAndMalformedLinesAreLocated() throws {
        let spec = try Self.shipped("bench/consensus-n3-f1-r2.smt2")
        let text = try String(contentsOfFile: spec.file, encoding: .utf8)
        for cube in try CubeSplitter.split(spec: spec, wanted: 5) {
            let file = cube.fileText(specText: text, setting: spec.setting)
            #expect(try Cube.parse(fileText: file, file: "c.smt2") == cube)
            #expect(try Spec.parse(file, file: "c.smt2").setting == spec.setting)
        }
        #expect(try Cube.parse(fileText: text, file: "s.smt2") == nil)
        let bad = text + "\n;; ggms-cube: 0 of 2\n;; ggms-fix: nxt 3 = 1\n"
        let line = bad.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect { try Cube.parse(fileText: bad, file: "c.smt2") } throws: { error in
            guard let d = error as? Diagnostic else { return false }
            return d.line == line && d.column == 14 && d.message.contains("KIND INDEX = ACTION")
        }
        let stray = text + "\n;; ggms-fix: init 0 = 0\n"
        #expect(throws: Diagnostic.self) { try Cube.parse(fileText: stray, file: "c.smt2") }
        let outOfRange = Cube(index: 0, count: 1, fixed: [Cube.Fixed(.initial(input: 0), action: 7)])
        #expect(outOfRange.problem(in: StrategySpace(setting: spec.setting))?.contains("out of range") == true)
    }
}

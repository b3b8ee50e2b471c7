import Checking
import Foundation
import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Search

/// The `cegis` and `random` baselines, and the CEGIS encoding against the simulator.
@Suite(.serialized, .timeLimit(.minutes(5))) struct BaselineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func spec(_ name: String) throws -> Spec { try Spec.load(path: Self.root.appendingPathComponent("Specs/\(name).smt2").path) }

    func run(_ spec: Spec, _ strategy: SynthesisOptions.Strategy, seed: UInt64 = 1, limit: Double = 60) throws -> SynthesisResult {
        var options = SynthesisOptions()
        options.strategy = strategy
        options.seed = seed
        options.timeLimit = limit
        return try Synthesis.run(spec: spec, options: options)
    }

    @Test(arguments: ["consensus3", "consensus4", "commit3"])
    func cegisSynthesizesAVerifiedProtocol(_ name: String) throws {
        let spec = try spec(name)
        let result = try run(spec, .cegis)
        #expect(SearchAnswer(result.outcome) == .found)
        let trust = try Trust.confirm(try #require(result.table), spec: spec)
        #expect(trust.fastVerified)
        #expect(trust.bruteVerified != false)
        #expect(result.stats.checkerCalls == result.stats.iterations)
    }

    @Test func cegisProvesTheShortConsensusUnrealizable() throws {
        let result = try run(try spec("consensus3-short"), .cegis)
        #expect(SearchAnswer(result.outcome) == .unrealizable)
        #expect(result.table == nil)
        #expect(result.stats.conflicts > 0)
    }

    /// Several counterexamples per failing candidate: the same answers, and fewer candidates
    /// for the proof (each failing check adds more than one schedule).
    @Test func cegisWithSeveralCounterexamplesGivesTheSameAnswers() throws {
        for (name, answer) in [("consensus3", SearchAnswer.found), ("commit3", .found), ("consensus3-short", .unrealizable)] {
            let spec = try spec(name)
            var options = SynthesisOptions()
            options.strategy = .cegis
            options.timeLimit = 120
            options.counterexamples = 4
            let several = try Synthesis.run(spec: spec, options: options)
            #expect(SearchAnswer(several.outcome) == answer, "\(name)")
            if answer == .found { #expect(try Trust.confirm(try #require(several.table), spec: spec).fastVerified) }
            if answer == .unrealizable {
                let one = try run(spec, .cegis)
                #expect(several.stats.conflicts > several.stats.checkerCalls - 1, "\(name): no check added a second counterexample")
                #expect(several.stats.iterations <= one.stats.iterations, "\(name)")
            }
        }
    }

    /// Either candidate order gives the same answers (a found table verifies), and the order
    /// reaches Z3: on consensus4 the two propose different sequences of candidates.
    @Test func cegisGivesTheSameAnswersInEitherCandidateOrder() throws {
        var iterations: [CandidateOrder: Int] = [:]
        for (name, answer) in [("consensus4", SearchAnswer.found), ("commit3", .found), ("consensus3-short", .unrealizable)] {
            let spec = try spec(name)
            for order in CandidateOrder.allCases {
                var options = SynthesisOptions()
                options.strategy = .cegis
                options.timeLimit = 120
                options.candidateOrder = order
                let result = try Synthesis.run(spec: spec, options: options)
                #expect(SearchAnswer(result.outcome) == answer, "\(name) \(order)")
                if answer == .found { #expect(try Trust.confirm(try #require(result.table), spec: spec).fastVerified, "\(name) \(order)") }
                if name == "consensus4" { iterations[order] = result.stats.iterations }
            }
        }
        #expect(iterations[.nearLast] != iterations[.spread], "\(iterations): the order did not change Z3's candidates")
    }

    /// Without an explicit order, a search inside a cube spreads its candidates and a search of
    /// the whole space keeps them near the last one; an explicit order holds everywhere.
    @Test func candidateOrderDefaultsBySpace() throws {
        var options = SynthesisOptions()
        #expect(options.candidates == .nearLast)
        options.cube = .whole
        #expect(options.candidates == .nearLast)
        options.cube = Cube(index: 0, count: 2, fixed: [Cube.Fixed(.initial(input: 0), action: 0)])
        #expect(options.candidates == .spread)
        options.candidateOrder = .nearLast
        #expect(options.candidates == .nearLast)
        options.cube = nil
        options.candidateOrder = .spread
        #expect(options.candidates == .spread)
    }

    /// Inside a cube, cegis without an explicit order runs exactly as with `.spread` (Z3 is
    /// deterministic), and not as with `.nearLast`.
    @Test func cegisSpreadsInsideACubeByDefault() throws {
        let spec = try spec("consensus4")
        let cubes = try CubeSplitter.split(spec: spec, wanted: 2)
        var iterations: [String: Int] = [:]
        for (name, order) in [("default", nil), ("spread", CandidateOrder.spread), ("near-last", .nearLast)] {
            var options = SynthesisOptions()
            options.strategy = .cegis
            options.timeLimit = 120
            options.cube = cubes[cubes.count - 1]
            options.candidateOrder = order
            iterations[name] = try Synthesis.run(spec: spec, options: options).stats.iterations
        }
        #expect(iterations["default"] == iterations["spread"], "\(iterations)")
        #expect(iterations["default"] != iterations["near-last"], "\(iterations)")
    }

    /// A record from before the option (no key) ran near-last; `null` is the default by space;
    /// an order is refused for another strategy.
    @Test func candidateOrderDecodesOldAndNewRecords() throws {
        func decode(_ json: String) throws -> SynthesisOptions { try JSONDecoder().decode(SynthesisOptions.self, from: Data(json.utf8)) }
        #expect(try decode(#"{"strategy": "cegis"}"#).candidateOrder == .nearLast)
        #expect(try decode(#"{"strategy": "cegis", "candidateOrder": null}"#).candidateOrder == nil)
        #expect(try decode(#"{"strategy": "cegis", "candidateOrder": "spread"}"#).candidateOrder == .spread)
        #expect(try decode(#"{"strategy": "ggms"}"#).candidateOrder == nil)
        #expect(throws: DecodingError.self) { try decode(#"{"strategy": "ggms", "candidateOrder": "spread"}"#) }
        var options = SynthesisOptions()
        options.strategy = .cegis
        options.candidateOrder = .spread
        let again = try JSONDecoder().decode(SynthesisOptions.self, from: try JSONEncoder().encode(options))
        #expect(again.candidateOrder == .spread)
    }

    @Test func randomFindsConsensus3AndNeverClaimsUnrealizable() throws {
        let found = try run(try spec("consensus3"), .random, seed: 7)
        #expect(SearchAnswer(found.outcome) == .found)
        #expect(try Trust.confirm(try #require(found.table), spec: try spec("consensus3")).fastVerified)
        let short = try run(try spec("consensus3-short"), .random, limit: 1)
        #expect(SearchAnswer(short.outcome) == .inconclusive)
        #expect(short.stats.checkerCalls > 10)
    }

    @Test func cegisIsCancellable() throws {
        let token = CancellationToken()
        token.cancel()
        var options = SynthesisOptions()
        options.strategy = .cegis
        options.cancellation = token
        let result = try Synthesis.run(spec: try spec("consensus4"), options: options)
        #expect(SearchAnswer(result.outcome) == .inconclusive)
    }

    /// A random schedule of the setting: random inputs; each round, random crashers within the
    /// budget, each heard by a random subset of the round's survivors.
    static func randomSchedule(_ s: Setting, using rng: inout SplitMix64) -> Execution {
        var alive = Array(0..<s.processes)
        var budget = s.crashes
        var rounds: [RoundSchedule] = []
        for _ in 0..<s.rounds {
            let count = Int.random(in: 0...budget, using: &rng)
            let crashers = Array(alive.shuffled(using: &rng).prefix(count)).sorted()
            let survivors = alive.filter { !crashers.contains($0) }
            rounds.append(RoundSchedule(crashes: crashers.map { c in
                Crash(process: c, receivers: survivors.filter { _ in Bool.random(using: &rng) })
            }))
            alive = survivors
            budget -= count
        }
        return Execution(inputs: (0..<s.processes).map { _ in Int.random(in: 0..<s.inputs, using: &rng) }, rounds: rounds)
    }

    /// The symbolic run agrees with the simulator: a table is consistent with a schedule's
    /// constraints exactly when its simulated outcome on that schedule satisfies the spec.
    @Test(arguments: [false, true])
    func encodingAgreesWithTheSimulator(_ roundAware: Bool) throws {
        var rng = SplitMix64(seed: roundAware ? 11 : 5)
        let spec = try Spec.parse(TestSpecs.consensus(n: 4, f: 2, rounds: 2), file: "c.smt2")
        var setting = spec.setting
        setting.states = 3
        setting.roundAware = roundAware
        let evaluator = try SpecEvaluator(spec: spec)
        var agreed = (holds: 0, fails: 0)
        for _ in 0..<60 {
            var table = RandomTables.make(setting, stateCount: 3, roundAware: roundAware, using: &rng)
            table.initial[0] = 0  // the encoding's symmetry constraints
            table.initial[1] = min(table.initial[1], 1)
            let schedule = Self.randomSchedule(setting, using: &rng)
            let outcome = Simulator.outcome(table, schedule, try Simulator.run(table, schedule))
            let encoding = try ScheduleConstraints(setting: setting, roundAware: roundAware)
            _ = try encoding.require(schedule, observed: outcome, evaluator: evaluator)
            let consistent = encoding.solver.check(assumptions: [try encoding.matches(table)]) == .sat
            switch evaluator.evaluate(outcome) {
            case .holds: #expect(consistent); agreed.holds += 1
            case .fails: #expect(!consistent); agreed.fails += 1
            case .unknown: Issue.record("Z3 could not decide a consensus outcome")
            }
        }
        #expect(agreed.holds > 5 && agreed.fails > 5)
    }

    /// Constraints from counterexamples never exclude a correct protocol (FloodSet).
    @Test func counterexamplesKeepACorrectProtocol() throws {
        let spec = try spec("consensus3")
        let protocolText = try String(contentsOf: Self.root.appendingPathComponent("Protocols/floodset.protocol"), encoding: .utf8)
        let floodset = try TransitionTable.compile(try ProtocolDefinition.parse(protocolText, file: "floodset.protocol"), for: spec.setting, file: "floodset.protocol")
        let evaluator = try SpecEvaluator(spec: spec)
        let encoding = try ScheduleConstraints(setting: spec.setting, roundAware: spec.setting.roundAware)
        var rng = SplitMix64(seed: 3)
        var added = 0
        for _ in 0..<40 {
            let wrong = RandomTables.make(spec.setting, stateCount: spec.setting.states, roundAware: spec.setting.roundAware, using: &rng)
            guard case .violated(let cex) = try FastChecker(table: wrong, spec: spec, evaluator: evaluator).check().verdict else { continue }
            if try encoding.require(cex.execution, observed: cex.outcome, evaluator: evaluator) { added += 1 }
        }
        #expect(added > 10)
        #expect(encoding.solver.check(assumptions: [try encoding.matches(floodset)]) == .sat)
    }

    /// `exclude` removes exactly the extracted table: successive candidates are all different,
    /// even though no schedule constrains the unreached points.
    @Test func excludedTablesAreNotProposedAgain() throws {
        let spec = try spec("consensus3")
        let encoding = try ScheduleConstraints(setting: spec.setting, roundAware: false)
        var seen: [TransitionTable] = []
        for _ in 0..<6 {
            #expect(encoding.solver.check() == .sat)
            let candidate = try encoding.table(from: try #require(encoding.solver.model()))
            #expect(!seen.contains(candidate))
            seen.append(candidate)
            try encoding.exclude(candidate)
        }
    }
}

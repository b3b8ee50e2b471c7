import Checking
import Foundation
import Game
import SpecLanguage
import TestSupport
import Testing
@testable import Search

@Suite(.serialized, .timeLimit(.minutes(5))) struct SynthesisTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func spec(_ name: String) throws -> Spec { try Spec.load(path: Self.root.appendingPathComponent("Specs/\(name).smt2").path) }

    func synthesize(_ spec: Spec, strategy: SynthesisOptions.Strategy = .ggms, seed: UInt64 = 1, limit: Double = 120) throws -> (SynthesisResult, Synthesizer) {
        var options = SynthesisOptions()
        options.strategy = strategy
        options.seed = seed
        options.timeLimit = limit
        let synthesizer = try Synthesizer(spec: spec, options: options)
        return (try synthesizer.run(), synthesizer)
    }

    @Test func synthesizesConsensus3() throws {
        let spec = try spec("consensus3")
        let (result, synthesizer) = try synthesize(spec)
        #expect(SearchAnswer(result.outcome) == .found)
        let table = Trust.completed(try #require(result.table))
        let trust = try Trust.confirm(table, spec: spec)
        #expect(trust.fastVerified && trust.bruteVerified == true)
        #expect(synthesizer.tree.validate())
    }

    @Test func synthesizesCommit3() throws {
        let spec = try spec("commit3")
        let (result, synthesizer) = try synthesize(spec, seed: 7)
        #expect(SearchAnswer(result.outcome) == .found)
        let trust = try Trust.confirm(Trust.completed(try #require(result.table)), spec: spec)
        #expect(trust.fastVerified && trust.bruteVerified == true)
        #expect(synthesizer.tree.validate())
    }

    @Test(arguments: [SynthesisOptions.Strategy.ggms, .mctsDFS, .dfs])
    func provesTheShortConsensusUnrealizable(_ strategy: SynthesisOptions.Strategy) throws {
        let (result, synthesizer) = try synthesize(try spec("consensus3-short"), strategy: strategy)
        #expect(SearchAnswer(result.outcome) == .unrealizable)
        #expect(result.stats.conflicts + result.stats.poolConflicts + result.stats.symbolicConflicts > 0)
        #expect(synthesizer.tree.validate())
    }

    /// 2-set agreement over 3 values with 2 crashes (3 states): the explicit search alone does not
    /// settle it in minutes; with symbolic learning GGMS does in seconds.
    @Test func synthesizesTwoSetAgreementWithTwoCrashes() throws {
        let spec = try Spec.load(path: Self.root.appendingPathComponent("Specs/bench/kset-n4-f2-r2.smt2").path)
        let (result, synthesizer) = try synthesize(spec, limit: 240)
        #expect(SearchAnswer(result.outcome) == .found)
        let trust = try Trust.confirm(Trust.completed(try #require(result.table)), spec: spec)
        #expect(trust.fastVerified && trust.bruteVerified != false)
        #expect(result.stats.symbolicConflicts > 0)
        #expect(synthesizer.tree.validate())
    }

    @Test func timeLimitIsInconclusiveWithTheBestSoFar() throws {
        var options = SynthesisOptions()
        options.strategy = .mcts            // cannot prove anything; it only stops
        options.timeLimit = 0.3
        let text = TestSpecs.consensus(n: 3, f: 1, rounds: 1)
        let result = try Synthesizer(spec: try Spec.parse(text, file: "short.smt2"), options: options).run()
        #expect(SearchAnswer(result.outcome) == .inconclusive)
    }

    @Test func cancellationStopsTheRun() throws {
        var options = SynthesisOptions()
        let token = CancellationToken()
        token.cancel()
        options.cancellation = token
        let result = try Synthesizer(spec: try spec("consensus4"), options: options).run()
        #expect(SearchAnswer(result.outcome) == .inconclusive)
    }

    @Test func lubySequence() {
        #expect((1...15).map(Synthesizer.luby) == [1, 1, 2, 1, 1, 2, 4, 1, 1, 2, 1, 1, 2, 4, 8])
    }
}

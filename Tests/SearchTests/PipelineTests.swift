import Checking
import Foundation
import SpecLanguage
import Testing
@testable import Search

/// `Synthesis.run` owns the pipeline after the search: a found table leaves it re-verified,
/// compacted and generalized, and a first Ctrl-C after the search does not throw that away.
@Suite(.serialized, .timeLimit(.minutes(5))) struct PipelineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func spec(_ name: String) throws -> Spec { try Spec.load(path: root.appendingPathComponent("Specs/\(name).smt2").path) }

    @Test func foundComesOutFinished() throws {
        let result = try Synthesis.run(spec: try Self.spec("consensus3"), options: SynthesisOptions())
        guard case .found = result.outcome else { Issue.record("expected found, got \(result.outcome)"); return }
        let trust = try #require(result.verification)
        #expect(Trust.passed(trust) && trust.bruteVerified == true)
        #expect(result.rules != nil)
        #expect(result.generalization?.bound == 6)
        #expect(result.best == nil)
    }

    /// Ctrl-C during simplification or generalization: the search's verified table is still
    /// re-verified (not cancellable) and the answer stays found.
    @Test func interruptAfterTheSearchKeepsTheProtocol() throws {
        let spec = try Self.spec("consensus3")
        var options = SynthesisOptions()
        options.simplify = false
        var result = try Synthesis.run(spec: spec, options: options)
        guard case .found = result.outcome else { Issue.record("expected found"); return }
        result.verification = nil
        result.rules = nil
        let token = CancellationToken()
        token.cancel()
        options.cancellation = token
        try Synthesis.finish(&result, spec: spec, options: options)
        guard case .found = result.outcome else { Issue.record("a cancelled finish lost the protocol: \(result.outcome)"); return }
        #expect(result.verification.map(Trust.passed) == true)
        #expect(result.generalization?.verified == [])
    }

    @Test func timeLimitIsTheReason() throws {
        var options = SynthesisOptions()
        options.timeLimit = 0.2
        let result = try Synthesis.run(spec: try Self.spec("consensus4").withProcesses(12), options: options)
        if case .inconclusive(let reason) = result.outcome {
            #expect(reason.contains("time limit"))
        }
        #expect(result.stats.totalSeconds < 5)
    }

    /// The best table is chosen by exact counts, so it is kept even when the count overflows a
    /// Double (a share would be NaN and never compare better).
    @Test func bestTableOrderIsExactAndSurvivesInfinity() {
        let inf = Double.infinity
        let a = BestTableCounts(failing: 0, unset: inf, undecided: 0, total: inf)
        let b = BestTableCounts(failing: inf, unset: 0, undecided: 0, total: inf)
        #expect(a.isBetter(than: b) && !b.isBetter(than: a))
        #expect(!a.isBetter(than: a))
        let one = BestTableCounts(failing: 1, unset: 0, undecided: 0, total: 1e18)
        let none = BestTableCounts(failing: 0, unset: 0, undecided: 1, total: 1e18)
        #expect(none.isBetter(than: one))
    }

    @Test func overflowingCountKeepsABestTable() throws {
        let root = Self.root.appendingPathComponent("Tests/CLITests/Fixtures/overflowing-count.smt2").path
        var options = SynthesisOptions()
        options.timeLimit = 1
        options.useEncoder = false
        let result = try Synthesis.run(spec: try Spec.load(path: root), options: options)
        if case .inconclusive = result.outcome, result.stats.checkerCalls > 0 {
            #expect(result.best != nil && result.table != nil)
        }
    }
}

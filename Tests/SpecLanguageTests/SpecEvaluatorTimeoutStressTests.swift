import SpecLanguage
import TestSupport
import Testing
import Z3Kit

/// The evaluator's timeout path many times, serially and on several threads (one evaluator per
/// thread): each hard outcome answers `unknown` by the engine's own deadline, never hangs, and
/// the evaluator goes on deciding other outcomes afterwards.
@Suite("SpecEvaluator timeouts under stress", .serialized, .timeLimit(.minutes(5)))
struct SpecEvaluatorTimeoutStressTests {
    static let easy = outcome([(0, true, 0), (0, true, 0), (0, true, 0)])

    /// Distinct hard outcomes (the cache would answer a repeated one without Z3).
    static func hard(_ i: Int) -> Outcome {
        outcome([(1, true, i % 2), (1, true, (i / 2) % 2), (1, true, (i / 4) % 2)])
    }

    static func run(evaluations: Int) throws -> [OutcomeVerdict] {
        let evaluator = try SpecEvaluator(spec: try SpecFixtures.parse(SpecEvaluatorInterruptionTests.cubes),
                                          timeoutMilliseconds: 200)
        var verdicts: [OutcomeVerdict] = []
        for i in 0..<evaluations {
            verdicts.append(evaluator.evaluate(hard(i)))
            #expect(evaluator.evaluate(easy) == .holds)
        }
        return verdicts
    }

    @Test func serially() throws {
        let verdicts = try Self.run(evaluations: 5)
        #expect(verdicts.allSatisfy { $0 == .unknown(reason: Z3CheckResult.timedOut) })
    }

    @Test func onSeveralThreads() throws {
        let verdicts = try onThreads(4) { _ in try Self.run(evaluations: 5) }.flatMap { $0 }
        #expect(verdicts.count == 20)
        #expect(verdicts.allSatisfy { $0 == .unknown(reason: Z3CheckResult.timedOut) })
    }
}

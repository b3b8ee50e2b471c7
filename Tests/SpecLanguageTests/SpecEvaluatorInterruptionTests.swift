import Dispatch
import Foundation
import SpecLanguage
import Testing

/// `SpecEvaluator.Interrupter`: another thread stops the Z3 query that is running, and the
/// evaluator asks Z3 nothing more; verdicts decided before stay.
@Suite("SpecEvaluator interruption", .serialized, .timeLimit(.minutes(5)))
struct SpecEvaluatorInterruptionTests {
    /// Fermat's cubes when p0's input is 1: Z3 runs each such query to its timeout.
    static let cubes = SpecFixtures.minimal("""
        (assert (forall ((x Int) (y Int) (z Int))
          (=> (and (> x 0) (> y 0) (> z 0) (= (input p0) 1))
              (not (= (+ (* x x x) (* y y y)) (* z z z))))))
        """)

    @Test func interruptStopsTheRunningQuery() throws {
        let evaluator = try SpecEvaluator(spec: try SpecFixtures.parse(Self.cubes), timeoutMilliseconds: 120_000)
        let easy = outcome([(0, true, 0), (0, true, 0), (0, true, 0)])
        #expect(evaluator.evaluate(easy) == .holds)
        let interrupter = evaluator.interrupter
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { interrupter.interrupt() }
        let start = ContinuousClock.now
        let hard = outcome([(1, true, 1), (1, true, 1), (1, true, 1)])
        #expect(evaluator.evaluate(hard) == .unknown(reason: SpecEvaluator.interruptedReason))
        #expect(ContinuousClock.now - start < .seconds(60), "the 120 s query was not interrupted (the verdict says interrupted, not timeout)")
        #expect(interrupter.isInterrupted)
        // Not cached as an answer about the outcome, and Z3 is not asked again.
        let queries = evaluator.queries
        #expect(evaluator.evaluate(hard) == .unknown(reason: SpecEvaluator.interruptedReason))
        #expect(evaluator.evaluate(outcome([(0, true, 1), (0, true, 1), (0, false, -1)])) == .unknown(reason: "interrupted"))
        #expect(evaluator.queries == queries)
        // What was decided before is still known.
        #expect(evaluator.evaluate(easy) == .holds)
    }

    @Test func interruptBeforeAnyQuery() throws {
        let evaluator = try SpecEvaluator(spec: try SpecFixtures.parse(SpecFixtures.consensus))
        evaluator.interrupter.interrupt()
        evaluator.interrupter.interrupt()
        // Validity quantifies over Int, so only Z3's solver can decide it.
        #expect(evaluator.evaluate(outcome([(0, true, 0), (0, true, 0), (0, true, 0)])) == .unknown(reason: "interrupted"))
        #expect(evaluator.queries == 0)
        // Ground assertions are still decided by simplification, without the solver.
        #expect(evaluator.evaluate(outcome([(0, true, 0), (1, true, 1), (0, true, 0)])) == .fails(property: 0))
    }
}

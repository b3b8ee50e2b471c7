import Foundation
import Game
import ProtocolLanguage
import SpecLanguage
import Synchronization
import TestSupport
import Testing
@testable import Checking

/// Cancellation reaches a Z3 query that is running (Ctrl-C while an outcome is evaluated), and
/// the handlers of `CancellationToken.whileRunning` run exactly while their operation does.
@Suite(.serialized, .timeLimit(.minutes(5))) struct CancellationTests {
    /// Counts handler calls from any thread.
    final class Counter: Sendable {
        private let value = Atomic<Int>(0)
        func increment() { value.add(1, ordering: .sequentiallyConsistent) }
        var count: Int { value.load(ordering: .sequentiallyConsistent) }
    }

    @Test func handlerRunsWhenCancelledDuringTheOperation() {
        let token = CancellationToken()
        let calls = Counter()
        let result = token.whileRunning(onCancel: calls.increment) { () -> Int in
            #expect(calls.count == 0)
            token.cancel()
            #expect(calls.count == 1)
            token.cancel()
            return 7
        }
        #expect(result == 7 && calls.count == 1)
    }

    @Test func handlerIsDroppedWhenTheOperationEnds() {
        let token = CancellationToken()
        let calls = Counter()
        token.whileRunning(onCancel: calls.increment) {}
        token.cancel()
        #expect(calls.count == 0)
    }

    @Test func handlerRunsAtOnceWhenAlreadyCancelled() {
        let token = CancellationToken()
        token.cancel()
        let calls = Counter()
        token.whileRunning(onCancel: calls.increment) { #expect(calls.count == 1) }
        #expect(calls.count == 1)
    }

    /// Fermat's cubic case when p0 decides 0: Z3's nonlinear arithmetic does not settle it, so a
    /// query runs to its timeout (10 s here) unless it is interrupted.
    static let undecidable = TestSpecs.header(n: 3, f: 1, rounds: 2) + """
        (define-fun cubes () Bool
          (=> (= (decision p0) 0)
              (forall ((x Int) (y Int) (z Int))
                (=> (and (> x 0) (> y 0) (> z 0)) (not (= (+ (* x x x) (* y y y)) (* z z z)))))))
        (assert cubes)
        """

    static let floodset = TestProtocols.floodset

    @Test(arguments: [CheckerKind.fast, .brute])
    func cancelStopsTheRunningZ3Query(_ checker: CheckerKind) throws {
        let spec = try Spec.parse(Self.undecidable, file: "cubes.smt2")
        let table = try TransitionTable.compile(Self.floodset, for: spec.setting, file: "floodset.protocol")
        let evaluator = try SpecEvaluator(spec: spec, timeoutMilliseconds: 120_000)
        let token = CancellationToken()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { token.cancel() }
        let start = ContinuousClock.now
        let options = CheckOptions(cancellation: token)
        let report = try checker.checker(table: table, spec: spec, evaluator: evaluator, options: options).check()
        let elapsed = ContinuousClock.now - start
        guard case .unknown(let reason) = report.verdict else {
            Issue.record("expected unknown, got \(report.verdict.name)")
            return
        }
        #expect(reason == "interrupted")
        #expect(elapsed < .seconds(60), "took \(elapsed): the 120 s query was not interrupted")
        #expect(evaluator.interrupter.isInterrupted)
    }

    /// Beyond 2^53 the fast checker's sum and the closed-form count round differently; a
    /// complete check still covers exactly the total (the tester's F5: n = 8, f = 6, R = 7).
    @Test func verifiedCheckCoversTheTotalBeyondExactDoubles() throws {
        let spec = try Spec.parse(TestSpecs.consensus(n: 8, f: 6, rounds: 7), file: "consensus8.smt2")
        let table = try TransitionTable.compile(Self.floodset, for: spec.setting, file: "floodset.protocol")
        let report = try FastChecker(table: table, spec: spec, evaluator: try SpecEvaluator(spec: spec)).check()
        #expect(report.verdict.kind == .verified)
        #expect(report.rawExecutionsTotal > 0x1p53)
        #expect(report.rawExecutionsCovered == report.rawExecutionsTotal)
        #expect(report.rawExecutionsTotal == ExecutionCount.raw(spec.setting))
    }
}

import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
@testable import Checking

@Suite(.serialized, .timeLimit(.minutes(5))) struct VerdictTests {
    static let stubborn = try! ProtocolDefinition.parse("""
        states 0 1
        init 0 -> 0, 1 -> 1
        decide 0 -> 0, 1 -> 1
        next
          otherwise -> self
        """, file: "stubborn.protocol")

    @Test func solverUnknownIsNeverAPass() throws {
        // Fermat's cubic case as an assertion: Z3 cannot settle it within a tiny timeout.
        let text = TestSpecs.header(n: 2, f: 0, rounds: 1) + """
            (define-fun hard () Bool
              (forall ((x Int) (y Int) (z Int))
                (=> (and (> x 0) (> y 0) (> z 0) (= (input p0) (input p0)))
                    (not (= (+ (* x x x) (* y y y)) (* z z z))))))
            (assert hard)
            """
        let spec = try Spec.parse(text, file: "hard.smt2")
        let table = try TransitionTable.compile(Self.stubborn, for: spec.setting, file: "s")
        let evaluator = try SpecEvaluator(spec: spec, timeoutMilliseconds: 50)
        let report = try FastChecker(table: table, spec: spec, evaluator: evaluator).check()
        #expect(report.verdict.kind == .unknown)
        let brute = try BruteForceChecker(table: table, spec: spec, evaluator: evaluator).check()
        #expect(brute.verdict.kind == .unknown)
    }

    @Test func counterexampleIsConcreteAndReplayed() throws {
        let spec = try Spec.parse(TestSpecs.consensus(n: 3, f: 1, rounds: 2), file: "c.smt2")
        let table = try TransitionTable.compile(Self.stubborn, for: spec.setting, file: "s")
        let evaluator = try SpecEvaluator(spec: spec)
        let report = try FastChecker(table: table, spec: spec, evaluator: evaluator).check()
        guard case .violated(let cex) = report.verdict else { Issue.record("expected violated"); return }
        #expect(cex.failedPropertyName == "agreement")
        #expect(Set(cex.execution.inputs).count == 2)
        // Re-running the simulator gives the same trace.
        #expect(try Simulator.run(table, cex.execution) == cex.trace)
        #expect(evaluator.evaluate(cex.outcome) == .fails(property: 0))
    }

    @Test func cancellationGivesUnknown() throws {
        let spec = try Spec.parse(TestSpecs.consensus(n: 6, f: 4, rounds: 5), file: "c.smt2")
        let floodset = try ProtocolDefinition.parse("states 0 1\ninit 0 -> 0, 1 -> 1\ndecide 0 -> 0, 1 -> 1\nnext\n  heard(0) >= 1 -> 0\n  otherwise -> self\n", file: "f")
        let table = try TransitionTable.compile(floodset, for: spec.setting, file: "f")
        let token = CancellationToken()
        token.cancel()
        let report = try BruteForceChecker(table: table, spec: spec, evaluator: try SpecEvaluator(spec: spec),
                                           options: CheckOptions(cancellation: token)).check()
        #expect(report.verdict.kind == .unknown)
    }
}

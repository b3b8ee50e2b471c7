import Foundation
import SpecLanguage
import Testing
import Utilities

@Suite("SpecEvaluator", .timeLimit(.minutes(5)))
struct SpecEvaluatorTests {
    private func consensus(processes: Int = 3) throws -> SpecEvaluator {
        var spec = try SpecFixtures.parse(SpecFixtures.consensus)
        if processes != 3 { spec = try spec.withProcesses(processes) }
        return try SpecEvaluator(spec: spec)
    }

    @Test func agreementHolds() throws {
        let evaluator = try consensus()
        #expect(evaluator.evaluate(outcome([(0, true, 1), (1, true, 1), (1, true, 1)])) == .holds)
    }

    @Test func agreementViolated() throws {
        let evaluator = try consensus()
        #expect(evaluator.evaluate(outcome([(0, true, 0), (1, true, 1), (0, true, 0)])) == .fails(property: 0))
    }

    @Test func crashedProcessesAreIgnoredByValidity() throws {
        let evaluator = try consensus()
        let decided = outcome([(1, true, 1), (1, true, 1), (1, false, ProcessOutcome.noDecision)])
        #expect(evaluator.evaluate(decided) == .holds)
        let wrongValue = outcome([(1, true, 0), (1, false, -1), (1, false, -1)])
        #expect(evaluator.evaluate(wrongValue) == .fails(property: 1))
    }

    @Test func firstFailingPropertyIsReported() throws {
        let evaluator = try consensus()
        // Unanimous 1 but deciding 0 and 1: both properties fail; agreement comes first.
        #expect(evaluator.evaluate(outcome([(1, true, 0), (1, true, 1), (1, true, 1)])) == .fails(property: 0))
    }

    @Test func cacheHitsAreCounted() throws {
        let evaluator = try consensus()
        let sample = outcome([(0, true, 0), (0, true, 0), (1, false, -1)])
        #expect(evaluator.evaluate(sample) == .holds)
        let queries = evaluator.queries
        #expect(queries == 1)
        #expect(evaluator.evaluate(sample) == .holds)
        #expect(evaluator.queries == queries)
        #expect(evaluator.cacheHits == 1)
    }

    @Test func largerN() throws {
        let evaluator = try consensus(processes: 16)
        var entries = Array(repeating: (1, true, 1), count: 16)
        #expect(evaluator.evaluate(outcome(entries)) == .holds)
        entries[15] = (1, false, -1)
        entries[7] = (1, true, 0)
        #expect(evaluator.evaluate(outcome(entries)) == .fails(property: 0))
    }

    @Test func processSpecificSpec() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.minimal("""
            (define-fun leader () Bool (=> (correct p0) (= (decision p0) (input p0))))
            (assert leader)
            """))
        let evaluator = try SpecEvaluator(spec: spec)
        #expect(evaluator.evaluate(outcome([(1, true, 1), (0, true, 0), (0, true, 1)])) == .holds)
        #expect(evaluator.evaluate(outcome([(1, true, 0), (0, true, 0), (0, true, 0)])) == .fails(property: 0))
        #expect(evaluator.evaluate(outcome([(1, false, -1), (0, true, 0), (0, true, 0)])) == .holds)
    }

    @Test func undecidedIsUnknownNeverHolds() throws {
        // Fermat's cubes: true, but out of reach for Z3, so it must time out as unknown.
        let spec = try SpecFixtures.parse(SpecFixtures.minimal("""
            (assert (forall ((x Int) (y Int) (z Int))
              (=> (and (> x 0) (> y 0) (> z 0) (= (input p0) 1))
                  (not (= (+ (* x x x) (* y y y)) (* z z z))))))
            """))
        let evaluator = try SpecEvaluator(spec: spec, timeoutMilliseconds: 200)
        let verdict = evaluator.evaluate(outcome([(1, true, 1), (1, true, 1), (1, true, 1)]))
        guard case .unknown = verdict else {
            Issue.record("expected unknown, got \(verdict)")
            return
        }
    }
}

@Suite("SpecEvaluator against a reference", .timeLimit(.minutes(5)))
struct SpecEvaluatorReferenceTests {
    /// Agreement and validity computed directly from their definitions.
    private func reference(_ outcome: Outcome, validityFirst: Bool = false) -> OutcomeVerdict {
        let processes = outcome.processes
        let correct = processes.filter(\.correct)
        let agreement = Set(correct.map(\.decision)).count <= 1
        let unanimous = Set(processes.map(\.input)).count == 1
        let validity = !unanimous || correct.allSatisfy { $0.decision == processes[0].input }
        let order = validityFirst ? [validity, agreement] : [agreement, validity]
        return order.firstIndex(of: false).map { .fails(property: $0) } ?? .holds
    }

    /// Every outcome of `n` binary processes: input 0/1, and decision 0/1 or crashed.
    private func allOutcomes(_ n: Int) -> [Outcome] {
        let kinds = [(0, true, 0), (0, true, 1), (0, false, -1), (1, true, 0), (1, true, 1), (1, false, -1)]
        var result: [[(Int, Bool, Int)]] = [[]]
        for _ in 0..<n { result = result.flatMap { prefix in kinds.map { prefix + [$0] } } }
        return result.map(outcome)
    }

    @Test func everyOutcomeAtThree() throws {
        let evaluator = try SpecEvaluator(spec: try SpecFixtures.parse(SpecFixtures.consensus))
        let outcomes = allOutcomes(3)
        #expect(outcomes.count == 216)
        for sample in outcomes {
            #expect(evaluator.evaluate(sample) == reference(sample), "\(sample)")
        }
    }

    @Test func solverSidePropertyBeforeGroundOne() throws {
        // validity (solved by Z3, it quantifies over Int) is listed before agreement (ground).
        let text = SpecFixtures.consensus.replacingOccurrences(
            of: "(assert agreement)\n(assert validity)", with: "(assert validity)\n(assert agreement)")
        let spec = try SpecFixtures.parse(text)
        #expect(spec.propertyNames == ["validity", "agreement"])
        let evaluator = try SpecEvaluator(spec: spec)
        for sample in allOutcomes(3) {
            #expect(evaluator.evaluate(sample) == reference(sample, validityFirst: true), "\(sample)")
        }
    }

    @Test func randomOutcomesAtSeven() throws {
        let evaluator = try SpecEvaluator(spec: try SpecFixtures.parse(SpecFixtures.consensus).withProcesses(7))
        let kinds = [(0, true, 0), (0, true, 1), (0, false, -1), (1, true, 0), (1, true, 1), (1, false, -1)]
        var generator = SplitMix64(seed: 7)
        for round in 0..<150 {
            // Every third sample unanimous, so validity is exercised both ways.
            let sample = outcome((0..<7).map { _ in
                let kind = kinds.randomElement(using: &generator)!
                return round % 3 == 0 ? (1, kind.1, kind.2) : kind
            })
            #expect(evaluator.evaluate(sample) == reference(sample), "\(sample)")
        }
    }
}

import SpecLanguage
import Testing

@Suite("SpecEvaluator")
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

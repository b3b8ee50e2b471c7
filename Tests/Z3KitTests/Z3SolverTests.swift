import Testing
import Z3Kit

@Suite("Z3Solver limits", .serialized)
struct Z3SolverTests {
    @Test func timeoutParameterIsAccepted() throws {
        let context = try Z3Context()
        let solver = try Z3Solver(context: context)
        try solver.setTimeout(milliseconds: 1_000)
        try solver.setParameter("model", true)
        #expect(solver.check() == .sat)
    }

    /// x³ + y³ = z³ over positive integers: true (Fermat) but beyond Z3's nonlinear arithmetic,
    /// so it runs until the timeout and must come back unknown, not sat or unsat.
    @Test func hardQueryIsUnknownNotAnswer() throws {
        let context = try Z3Context()
        let terms = try context.parseSMTLIB2("""
            (declare-const x Int) (declare-const y Int) (declare-const z Int)
            (assert (and (> x 0) (> y 0) (> z 0) (= (+ (* x x x) (* y y y)) (* z z z))))
            """)
        let solver = try Z3Solver(context: context)
        try solver.setTimeout(milliseconds: 100)
        for term in terms { try solver.assert(term) }
        let clock = ContinuousClock()
        let start = clock.now
        let result = solver.check()
        guard case let .unknown(reason) = result else {
            Issue.record("expected unknown, got \(result)")
            return
        }
        #expect(!reason.isEmpty)
        #expect(clock.now - start < .seconds(5))
    }
}

import Foundation
import TestSupport
import Testing
import Z3Kit

/// x³ + y³ = z³ over positive integers: true (Fermat) but beyond Z3's nonlinear arithmetic, so a
/// check of it runs until something stops it.
enum HardQuery {
    static func solver(timeoutMilliseconds: UInt32? = nil) throws -> Z3Solver {
        let context = try Z3Context()
        let terms = try context.parseSMTLIB2("""
            (declare-const x Int) (declare-const y Int) (declare-const z Int)
            (assert (and (> x 0) (> y 0) (> z 0) (= (+ (* x x x) (* y y y)) (* z z z))))
            """)
        let solver = try Z3Solver(context: context)
        if let timeoutMilliseconds { try solver.setTimeout(milliseconds: timeoutMilliseconds) }
        for term in terms { try solver.assert(term) }
        return solver
    }
}

@Suite("Z3Solver limits", .serialized, .timeLimit(.minutes(5)))
struct Z3SolverTests {
    @Test func timeoutIsABudgetNotAZ3Parameter() throws {
        let context = try Z3Context()
        let solver = try Z3Solver(context: context)
        try solver.setTimeout(milliseconds: 1_000)
        try solver.setParameter("model", true)
        #expect(solver.timeout == .milliseconds(1_000))
        #expect(solver.check() == .sat)
    }

    /// The engine's deadline, not Z3's timer, stops the check, and reports it as a timeout.
    @Test func hardQueryIsUnknownNotAnswer() throws {
        let solver = try HardQuery.solver(timeoutMilliseconds: 100)
        let start = ContinuousClock.now
        #expect(solver.check() == .unknown(reason: Z3CheckResult.timedOut))
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    /// A timed-out check leaves the context usable: the next check runs normally.
    @Test func contextOutlivesATimeout() throws {
        let solver = try HardQuery.solver(timeoutMilliseconds: 30)
        #expect(solver.check() == .unknown(reason: Z3CheckResult.timedOut))
        let context = solver.context
        let easy = try Z3Solver(context: context)
        try easy.assert(try context.mkBool(true))
        #expect(easy.check() == .sat)
        #expect(solver.check(deadline: .now + .milliseconds(20)) == .unknown(reason: Z3CheckResult.timedOut))
    }

    /// An explicit deadline bounds a check that has no timeout of its own.
    @Test func deadlineBoundsACheck() throws {
        let solver = try HardQuery.solver()
        let start = ContinuousClock.now
        #expect(solver.check(deadline: start + .milliseconds(50)) == .unknown(reason: Z3CheckResult.timedOut))
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    /// An interrupt stops the running check and every later one.
    @Test func interruptIsFinal() throws {
        let solver = try HardQuery.solver(timeoutMilliseconds: 60_000)
        let interrupter = Z3Interrupter(solver.context)
        after(.milliseconds(50)) { interrupter.interrupt() }
        let start = ContinuousClock.now
        #expect(solver.check() == .unknown(reason: Z3CheckResult.interrupted))
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(interrupter.isInterrupted)
        let easy = try Z3Solver(context: solver.context)
        #expect(easy.check() == .unknown(reason: Z3CheckResult.interrupted))
    }
}

/// The stress test of the engine's own time limits: the hard query and interrupts many times,
/// serially and from several threads at once, each on its own context. A hang here fails by the
/// suite's time limit instead of eating CI's.
@Suite("Z3 time limits under stress", .serialized, .timeLimit(.minutes(5)))
struct Z3StressTests {
    static let rounds = 40

    @Test func serialTimeouts() throws {
        for i in 0..<Self.rounds {
            let solver = try HardQuery.solver(timeoutMilliseconds: UInt32(1 + i % 7))
            #expect(solver.check() == .unknown(reason: Z3CheckResult.timedOut))
        }
    }

    @Test func timeoutsOnSeveralThreads() throws {
        let results = try onThreads(4) { thread in
            var answers: [Z3CheckResult] = []
            for i in 0..<(Self.rounds / 2) {
                let solver = try HardQuery.solver(timeoutMilliseconds: UInt32(1 + (i + thread) % 9))
                answers.append(solver.check())
                answers.append(solver.check(deadline: .now + .milliseconds(3)))
            }
            return answers
        }.flatMap { $0 }
        #expect(results.count == 4 * Self.rounds)
        #expect(results.allSatisfy { $0 == .unknown(reason: Z3CheckResult.timedOut) })
    }

    /// Interrupts that race with the check's start (0–2 ms after it is begun) still stop it.
    @Test func interruptsRacingTheStart() throws {
        let answers = try onThreads(3) { thread in
            var answers: [(Z3CheckResult, Duration)] = []
            for i in 0..<Self.rounds {
                let solver = try HardQuery.solver(timeoutMilliseconds: 60_000)
                let interrupter = Z3Interrupter(solver.context)
                after(.microseconds(((i + thread) % 5) * 500)) { interrupter.interrupt() }
                let start = ContinuousClock.now
                answers.append((solver.check(), ContinuousClock.now - start))
            }
            return answers
        }.flatMap { $0 }
        #expect(answers.count == 3 * Self.rounds)
        #expect(answers.allSatisfy { $0.0 == .unknown(reason: Z3CheckResult.interrupted) })
        #expect(answers.allSatisfy { $0.1 < .seconds(10) })
    }
}

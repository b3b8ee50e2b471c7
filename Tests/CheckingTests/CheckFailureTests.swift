import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
@testable import Checking

/// `CheckFailure` keeps the input's fault (a gap) apart from the engine's (a failed replay, Z3
/// failing), and every checker throws a gap as `.gap` through the one `Checker` contract. How
/// the command line maps them to exit codes is in `CLITests/CheckFailureExitTests.swift`.
@Suite(.timeLimit(.minutes(5))) struct CheckFailureTests {
    static let spec = try! Spec.parse(TestSpecs.consensus(n: 3, f: 1, rounds: 2), file: "c.smt2")

    @Test func gapIsTheInputsFault() throws {
        let proto = TestProtocols.floodsetWithoutOtherwise
        let table = try TransitionTable.compile(proto, for: Self.spec.setting, file: "gap.protocol")
        for kind in CheckerKind.allCases {
            let checker = kind.checker(table: table, spec: Self.spec, evaluator: try SpecEvaluator(spec: Self.spec))
            #expect(checker.kind == kind)
            let failure = #expect(throws: CheckFailure.self, "\(kind)") { try checker.check() }
            guard case .gap(let gap)? = failure else { Issue.record("\(kind): expected a gap, got \(String(describing: failure))"); continue }
            #expect(failure?.isInputError == true)
            #expect(failure?.description == gap.description, "the located message is the gap's own")
        }
    }

    @Test func unsetInitialStateIsTheInputsFault() throws {
        var table = try TransitionTable.compile(TestProtocols.floodset, for: Self.spec.setting, file: "floodset.protocol")
        table.initial[1] = TransitionTable.undefined
        let failure = #expect(throws: CheckFailure.self) {
            try FastChecker(table: table, spec: Self.spec, evaluator: try SpecEvaluator(spec: Self.spec)).check()
        }
        guard case .unsetInitialState(input: 1)? = failure else { Issue.record("got \(String(describing: failure))"); return }
        #expect(failure?.isInputError == true)
    }

    /// A replay that disagrees with the checker and Z3 failing are engine failures: never the
    /// input's fault, and their messages say what went wrong.
    @Test func replayAndSolverFailuresAreTheEngines() throws {
        let stalled = Execution(inputs: [0, 0, 0], rounds: [])
        let failures: [CheckFailure] = [
            .replay(.specHolds), .replay(.specUnknown("timeout")), .replay(.gapNotReached(stalled)),
            .solver(reason: "Z3 answered sat without a complete model"),
        ]
        for failure in failures {
            #expect(!failure.isInputError, "\(failure)")
        }
        #expect(CheckFailure.replay(.specHolds).description.contains("the spec holds on the replayed outcome"))
        #expect(CheckFailure.solver(reason: "no model").description.contains("Z3 failed"))
    }

    /// A forced replay failure inside the explicit checkers: their run is handed a "violation"
    /// on which the spec holds (as a bug in the search for one would), so the replay fails;
    /// the check throws `.replay`, an engine failure, and shows no counterexample.
    @Test func checkersThrowAFailedReplay() throws {
        let table = try TransitionTable.compile(TestProtocols.floodset, for: Self.spec.setting, file: "floodset.protocol")
        let evaluator = try SpecEvaluator(spec: Self.spec)
        let passing = Execution(inputs: [0, 0, 0], rounds: [RoundSchedule(), RoundSchedule()])
        let fast = FastSearch(table: table, spec: Self.spec, evaluator: evaluator, options: CheckOptions())
        fast.firstViolation = passing
        let brute = BruteForceRun(table: table, spec: Self.spec, evaluator: evaluator, options: CheckOptions())
        brute.firstViolation = passing
        let failures = [#expect(throws: CheckFailure.self) { try fast.run() },
                        #expect(throws: CheckFailure.self) { try brute.start() }]
        for failure in failures {
            guard case .replay(.specHolds)? = failure else { Issue.record("got \(String(describing: failure))"); continue }
            #expect(failure?.isInputError == false)
        }
    }

    /// A real replay failure: an execution that satisfies the spec, claimed as a counterexample.
    @Test func replayOfAPassingExecutionFails() throws {
        let table = try TransitionTable.compile(TestProtocols.floodset, for: Self.spec.setting, file: "floodset.protocol")
        let execution = Execution(inputs: [0, 0, 0], rounds: [RoundSchedule(), RoundSchedule()])
        let failure = #expect(throws: Counterexample.ReplayFailure.self) {
            try Counterexample.replay(execution, table: table, spec: Self.spec, evaluator: try SpecEvaluator(spec: Self.spec))
        }
        guard case .specHolds? = failure else { Issue.record("got \(String(describing: failure))"); return }
        #expect(!CheckFailure.replay(.specHolds).isInputError)
    }
}

import ProtocolLanguage
import SpecLanguage
import Testing
@testable import Game

@Suite(.timeLimit(.minutes(5))) struct SimulatorTests {
    static let floodset = """
        protocol floodset
        states 0 1
        init 0 -> 0, 1 -> 1
        decide 0 -> 0, 1 -> 1
        next
          heard(0) >= 1 -> 0
          otherwise -> self
        """

    func table(_ text: String, _ setting: Setting) throws -> TransitionTable {
        try TransitionTable.compile(try ProtocolDefinition.parse(text, file: "t.protocol"), for: setting, file: "t.protocol")
    }

    @Test func floodsetWithAHiddenZero() throws {
        // p0 holds the only 0 and crashes in round 1 reaching p1 only; p1 floods it in round 2.
        let setting = Setting(processes: 3, crashes: 1, rounds: 2)
        let t = try table(Self.floodset, setting)
        let e = Execution(inputs: [0, 1, 1], rounds: [RoundSchedule(crashes: [Crash(process: 0, receivers: [1])]), RoundSchedule()])
        try Simulator.validate(e, for: setting)
        let trace = try Simulator.run(t, e)
        #expect(trace.states[1] == [nil, 0, 1])
        #expect(trace.observations[0][1] == Observation(heard: [1, 1], missing: 0))
        #expect(trace.observations[0][2] == Observation(heard: [0, 1], missing: 1))
        #expect(trace.states[2] == [nil, 0, 0])
        let outcome = Simulator.outcome(t, e, trace)
        #expect(outcome.processes.map(\.decision) == [-1, 0, 0])
        #expect(outcome.processes.map(\.correct) == [false, true, true])
    }

    @Test func oneRoundShortSplitsTheDecision() throws {
        let setting = Setting(processes: 3, crashes: 1, rounds: 1)
        let t = try table(Self.floodset, setting)
        let e = Execution(inputs: [0, 1, 1], rounds: [RoundSchedule(crashes: [Crash(process: 0, receivers: [1])])])
        let trace = try Simulator.run(t, e)
        #expect(Simulator.outcome(t, e, trace).processes.map(\.decision) == [-1, 0, 1])
    }

    @Test func rejectsBadSchedules() {
        let s = Setting(processes: 3, crashes: 1, rounds: 1)
        #expect(throws: Simulator.ScheduleError.tooManyCrashes) {
            try Simulator.validate(Execution(inputs: [0, 0, 0], rounds: [RoundSchedule(crashes: [Crash(process: 0, receivers: []), Crash(process: 1, receivers: [])])]), for: s)
        }
        #expect(throws: Simulator.ScheduleError.receiverNotSurvivor(round: 1, process: 0)) {
            try Simulator.validate(Execution(inputs: [0, 0, 0], rounds: [RoundSchedule(crashes: [Crash(process: 0, receivers: [0])])]), for: s)
        }
    }

    @Test func gapIsReported() throws {
        let text = "states a b\ninit 0 -> a, 1 -> b\ndecide a -> 0, b -> 1\nnext\n  heard(a) >= 1 -> a\n"
        let t = try table(text, Setting(processes: 3, crashes: 1, rounds: 1))
        let e = Execution(inputs: [1, 1, 1], rounds: [RoundSchedule()])
        #expect(throws: ProtocolGap.self) { try Simulator.run(t, e) }
    }

    @Test func compileErrorsAreLocated() throws {
        let missingInit = "states a b\ninit 0 -> a\ndecide a -> 0, b -> 1\nnext\n  otherwise -> self\n"
        let proto = try ProtocolDefinition.parse(missingInit, file: "m.protocol")
        do {
            _ = try TransitionTable.compile(proto, for: Setting(processes: 3, crashes: 1, rounds: 1), file: "m.protocol")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.message.contains("input 1 has no init entry"))
        }
        let badDecision = "states a b\ninit 0 -> a, 1 -> b\ndecide a -> 0, b -> 2\nnext\n  otherwise -> self\n"
        do {
            _ = try TransitionTable.compile(try ProtocolDefinition.parse(badDecision, file: "d.protocol"),
                                            for: Setting(processes: 3, crashes: 1, rounds: 1), file: "d.protocol")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.message.contains("outside 0..1"))
        }
    }

    @Test func roundAwareOnlyWhenRulesReadTheRound() throws {
        let s = Setting(processes: 3, crashes: 1, rounds: 2)
        #expect(try table(Self.floodset, s).roundAware == false)
        let commit = "states a c\ninit 0 -> a, 1 -> c\ndecide a -> 0, c -> 1\nnext\n  heard(a) >= 1 -> a\n  round == 1 and missing >= 1 -> a\n  otherwise -> self\n"
        let t = try table(commit, s)
        #expect(t.roundAware)
        #expect(t.nextState(round: 1, id: 0, state: 1, observation: Observation(heard: [0, 1], missing: 1)) == 0)
        #expect(t.nextState(round: 2, id: 0, state: 1, observation: Observation(heard: [0, 1], missing: 1)) == 1)
    }
}

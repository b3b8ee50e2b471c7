import Diagnostics
import ProtocolLanguage
import SpecLanguage
import Testing
@testable import Game

/// `TransitionTable.compile` with a message alphabet and with a partial `decide`: the `send`
/// map, message names, observations over messages, and early decision's non-deciding states.
@Suite(.timeLimit(.minutes(5))) struct CompileAlphabetTests {
    /// Three states, two messages: `adopted` sends what `own0` sends.
    static let memory = """
        protocol floodset-memory
        states own0 own1 adopted
        messages zero one
        init   0 -> own0, 1 -> own1
        send   own0 -> zero, own1 -> one, adopted -> zero
        decide own0 -> 0, own1 -> 1, adopted -> 0
        next
          self == own1 and heard(zero) >= 1 -> adopted
          otherwise                         -> self
        """

    /// Decides only in `zero` and `done1`; `one` does not decide.
    static let earlyZero = """
        states zero one done1
        messages m0 m1
        init   0 -> zero, 1 -> one
        send   zero -> m0, one -> m1, done1 -> m1
        decide zero -> 0, done1 -> 1
        next
          self == zero or heard(m0) >= 1 -> zero
          round >= 2                     -> done1
          otherwise                      -> self
        """

    func compile(_ text: String, _ setting: Setting) throws(Diagnostic) -> TransitionTable {
        try TransitionTable.compile(try ProtocolDefinition.parse(text, file: "t.protocol"), for: setting, file: "t.protocol")
    }

    @Test func fillsSendMessageNamesAndTheSpaceOverMessages() throws {
        let t = try compile(Self.memory, Setting(processes: 4, crashes: 1, rounds: 2))
        #expect(t.stateCount == 3 && t.messageCount == 2)
        #expect(t.hasAlphabet && t.messageNames == ["zero", "one"] && t.messageLabels == ["zero", "one"])
        #expect(t.send == [0, 1, 0])
        #expect(t.space.stateCount == 2)
        // Observations count the two messages: heard(zero) + heard(one) + missing = n - 1.
        for o in t.space.observations { #expect(o.heard(0) + o.heard(1) + o.missing == 3) }
        #expect(t.decision == [0, 1, 0])
    }

    @Test func guardsReadHeardCountsPerMessage() throws {
        let t = try compile(Self.memory, Setting(processes: 3, crashes: 1, rounds: 2))
        // own1 hearing one `zero` (from own0 or adopted alike) adopts 0.
        #expect(t.nextState(round: 1, id: 0, state: 1, observation: Observation(heard: [1, 1], missing: 0)) == 2)
        #expect(t.nextState(round: 1, id: 0, state: 1, observation: Observation(heard: [0, 1], missing: 1)) == 1)
        #expect(t.nextState(round: 2, id: 0, state: 2, observation: Observation(heard: [0, 2], missing: 0)) == 2)
    }

    @Test func withoutAnAlphabetMessagesAreStates() throws {
        let t = try compile(SimulatorTests.floodset, Setting(processes: 3, crashes: 1, rounds: 2))
        #expect(!t.hasAlphabet && t.messageCount == 2 && t.send == [0, 1])
    }

    @Test func aPartialDecideNeedsEarlyDecision() throws {
        do {
            _ = try compile(Self.earlyZero, Setting(processes: 3, crashes: 1, rounds: 2))
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .badInput)
            #expect(error.file == "t.protocol" && error.line == 5 && error.column == 1, "\(error)")
            #expect(error.message.contains("state one has no decision"), "\(error)")
            #expect(error.message.contains("`one -> DECISION` in decide, or `(set-info :early-decision true)` in the spec"), "\(error)")
        }
    }

    @Test func underEarlyDecisionUnlistedStatesDoNotDecide() throws {
        let t = try compile(Self.earlyZero, Setting(processes: 3, crashes: 1, rounds: 2, earlyDecision: true))
        #expect(t.decision == [0, TransitionTable.notDeciding, 1])
        #expect(t.decides(0) == 0 && t.decides(1) == nil && t.decides(2) == 1)
        #expect(t.send == [0, 1, 1])
        #expect(t.roundAware)
    }

    @Test func anEmptyDecideUnderEarlyDecisionDecidesNothing() throws {
        let text = "states a b\ninit 0 -> a, 1 -> b\ndecide\nnext\n  otherwise -> self\n"
        let t = try compile(text, Setting(processes: 3, crashes: 1, rounds: 1, earlyDecision: true))
        #expect(t.decision == [TransitionTable.notDeciding, TransitionTable.notDeciding])
        do {
            _ = try compile(text, Setting(processes: 3, crashes: 1, rounds: 1))
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3 && error.column == 1, "\(error)")
            #expect(error.message.contains("state a has no decision"), "\(error)")
        }
    }

    @Test func theEarlyDecisionTableDecidesWhenTheSimulatorSaysSo() throws {
        // p0 (input 0) decides 0 at once and crashes silently; p1, p2 decide 1 in round 2.
        let setting = Setting(processes: 3, crashes: 1, rounds: 2, earlyDecision: true)
        let t = try compile(Self.earlyZero, setting)
        let e = Execution(inputs: [0, 1, 1], rounds: [RoundSchedule(crashes: [Crash(process: 0, receivers: [])]), RoundSchedule()])
        try Simulator.validate(e, for: setting, messageCount: t.messageCount)
        let trace = try Simulator.run(t, e)
        #expect(trace.observations[0][1] == Observation(heard: [0, 1], missing: 1))
        let outcome = Simulator.outcome(t, e, trace)
        #expect(outcome.processes.map(\.decision) == [0, 1, 1])
        #expect(outcome.processes.map(\.decisionRound) == [0, 2, 2])
    }

    @Test func tooManyMessagesForTheEngineIsLocated() throws {
        let names = (0..<8).map { "m\($0)" }
        let text = "states a\nmessages \(names.joined(separator: " "))\ninit 0 -> a, 1 -> a\nsend a -> m0\ndecide a -> 0\nnext\n  otherwise -> self\n"
        do {
            _ = try compile(text, Setting(processes: 63, crashes: 1, rounds: 1))
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3, "\(error)")
            #expect(error.message.contains("a protocol with 8 messages at n = 63 is too large for the engine; expected n^messages"), "\(error)")
        }
    }
}

import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
@testable import Game

/// Hand-built executions under each fault model (docs/semantics.md), run through the simulator
/// with FloodSet (adopt 0 once any 0 is heard), and executions the adversary may not choose,
/// each rejected with the error that says why.
@Suite(.timeLimit(.minutes(5))) struct FaultModelSimulatorTests {
    func setting(_ kind: FaultKind, n: Int = 3, f: Int = 1, rounds: Int = 1, losses: Int = 0) -> Setting {
        Setting(processes: n, crashes: f, rounds: rounds, faults: kind, losses: losses)
    }

    func table(_ setting: Setting) throws -> TransitionTable {
        try TransitionTable.compile(TestProtocols.floodset, for: setting, file: "floodset.protocol")
    }

    /// Validates, runs and scores `execution`.
    func run(_ setting: Setting, _ execution: Execution) throws -> (Trace, Outcome) {
        let t = try table(setting)
        try Simulator.validate(execution, for: setting, messageCount: t.stateCount)
        let trace = try Simulator.run(t, execution)
        return (trace, Simulator.outcome(t, execution, trace))
    }

    func observation(_ heard: [Int], missing: Int) -> Observation { Observation(heard: heard, missing: missing) }

    // MARK: What each model delivers

    @Test func sendOmissionDropsAFaultySendersMessageToOneReceiver() throws {
        // p0 (faulty) holds the only 0; its message to p1 is dropped, the one to p2 arrives.
        let s = setting(.sendOmission)
        let e = Execution(inputs: [0, 1, 1], faulty: [0], rounds: [RoundSchedule(drops: [Link(0, 1)])])
        let (trace, outcome) = try run(s, e)
        #expect(trace.observations[0][1] == observation([0, 1], missing: 1))
        #expect(trace.observations[0][2] == observation([1, 1], missing: 0))
        #expect(trace.observations[0][0] == observation([0, 2], missing: 0))  // the faulty process runs
        #expect(outcome.processes.map(\.decision) == [0, 1, 0])                 // and decides
        #expect(outcome.processes.map(\.correct) == [false, true, true])
        #expect(outcome.faults == 1 && outcome.lost == 0)
    }

    @Test func receiveOmissionLetsAFaultyReceiverMissEveryMessage() throws {
        // p2 (faulty) misses both messages: missing = 2 > F, an observation the table must hold.
        let s = setting(.receiveOmission)
        let e = Execution(inputs: [0, 1, 1], faulty: [2], rounds: [RoundSchedule(drops: [Link(0, 2), Link(1, 2)])])
        let (trace, outcome) = try run(s, e)
        #expect(trace.observations[0][2] == observation([0, 0], missing: 2))
        #expect(trace.observations[0][1] == observation([1, 1], missing: 0))
        #expect(outcome.processes.map(\.decision) == [0, 0, 1])
        #expect(outcome.processes.map(\.correct) == [true, true, false])
        #expect(s.maxMissing == 2)
    }

    @Test func generalOmissionDropsAMessageBetweenTwoFaultyProcesses() throws {
        let s = setting(.generalOmission, f: 2)
        let e = Execution(inputs: [0, 1, 1], faulty: [0, 1], rounds: [RoundSchedule(drops: [Link(0, 1)])])
        let (trace, outcome) = try run(s, e)
        #expect(trace.observations[0][1] == observation([0, 1], missing: 1))
        #expect(trace.observations[0][2] == observation([1, 1], missing: 0))
        #expect(outcome.processes.map(\.decision) == [0, 1, 0])
        #expect(outcome.processes.map(\.correct) == [false, false, true])
        #expect(outcome.faults == 2)
    }

    @Test func byzantineProcessSendsDifferentMessagesAndNeverDecides() throws {
        // p2 is Byzantine: it tells p0 "0" and p1 "1"; p0 adopts 0, p1 keeps 1.
        let s = setting(.byzantine)
        let e = Execution(inputs: [1, 1, 0], faulty: [2],
                          rounds: [RoundSchedule(forged: [Forgery(sender: 2, receiver: 0, message: 0),
                                                          Forgery(sender: 2, receiver: 1, message: 1)])])
        let (trace, outcome) = try run(s, e)
        #expect(trace.states[0] == [1, 1, nil])          // no state, whatever its input
        #expect(trace.observations[0][0] == observation([1, 1], missing: 0))
        #expect(trace.observations[0][1] == observation([0, 2], missing: 0))
        #expect(trace.observations[0][2] == nil)
        #expect(outcome.processes.map(\.decision) == [0, 1, -1])
        #expect(outcome.processes.map(\.correct) == [true, true, false])
        #expect(outcome.processes[2].input == 0)
    }

    @Test func silentByzantineProcessCountsAsMissing() throws {
        let s = setting(.byzantine)
        let e = Execution(inputs: [1, 1, 0], faulty: [2], rounds: [RoundSchedule()])
        let (trace, outcome) = try run(s, e)
        #expect(trace.observations[0][0] == observation([0, 1], missing: 1))
        #expect(outcome.processes.map(\.decision) == [1, 1, -1])
    }

    @Test func lostMessageBetweenCorrectProcessesIsMissingAndCounted() throws {
        // Crash faults with no crash at all, :losses 1: p0's 0 is lost on its way to p1.
        let s = setting(.crash, f: 0, losses: 1)
        let e = Execution(inputs: [0, 1, 1], rounds: [RoundSchedule(losses: [Link(0, 1)])])
        let (trace, outcome) = try run(s, e)
        #expect(trace.observations[0][1] == observation([0, 1], missing: 1))
        #expect(outcome.processes.map(\.decision) == [0, 1, 0])
        #expect(outcome.processes.map(\.correct) == [true, true, true])
        #expect(outcome.lost == 1 && outcome.faults == 0)
        #expect(s.maxMissing == 1)
    }

    @Test func lossesAddToDropsAndForgeriesAcrossRounds() throws {
        // General omission, p0 faulty: round 1 drops p0 -> p1 and loses p2 -> p1 (p1 hears
        // nothing: missing 2); round 2 loses p1 -> p2. lost = 2.
        let s = setting(.generalOmission, rounds: 2, losses: 1)
        let e = Execution(inputs: [0, 1, 1], faulty: [0],
                          rounds: [RoundSchedule(drops: [Link(0, 1)], losses: [Link(2, 1)]),
                                   RoundSchedule(losses: [Link(1, 2)])])
        let (trace, outcome) = try run(s, e)
        #expect(trace.observations[0][1] == observation([0, 0], missing: 2))
        #expect(trace.observations[1][2] == observation([1, 0], missing: 1))
        #expect(outcome.lost == 2)
        // A lost Byzantine message: p2 tells p0 "0", and it is lost.
        let b = setting(.byzantine, losses: 1)
        let forged = Execution(inputs: [1, 1, 0], faulty: [2],
                               rounds: [RoundSchedule(losses: [Link(2, 0)], forged: [Forgery(sender: 2, receiver: 0, message: 0)])])
        let (bTrace, bOutcome) = try run(b, forged)
        #expect(bTrace.observations[0][0] == observation([0, 1], missing: 1))
        #expect(bOutcome.processes.map(\.decision) == [1, 1, -1])
        #expect(bOutcome.lost == 1)
    }

    @Test func maxMissingPerModel() {
        #expect(setting(.crash, n: 4, f: 2).maxMissing == 2)
        #expect(setting(.sendOmission, n: 4, f: 2).maxMissing == 2)
        #expect(setting(.byzantine, n: 4, f: 2).maxMissing == 2)
        #expect(setting(.receiveOmission, n: 4, f: 1).maxMissing == 3)
        #expect(setting(.generalOmission, n: 4, f: 1).maxMissing == 3)
        #expect(setting(.generalOmission, n: 4, f: 0).maxMissing == 0)
        #expect(setting(.crash, n: 4, f: 1, losses: 1).maxMissing == 2)
        #expect(setting(.crash, n: 4, f: 2, losses: 5).maxMissing == 3)
    }

    @Test func byzantineMessagesAreNoStepRowsEvent() {
        // A Byzantine process has no state row; the renderer draws its messages on its own row.
        let model = ByzantineFaults()
        let schedule = RoundSchedule(forged: [Forgery(sender: 2, receiver: 0, message: 1)])
        #expect(model.event(of: 2, in: schedule, name: { "p\($0)" }, message: { ["a", "b"][$0] }) == nil)
        #expect(model.event(of: 0, in: schedule, name: { "p\($0)" }, message: { "\($0)" }) == nil)
    }

    @Test func droppedMessagesAreShownAtTheFaultyEnd() {
        let schedule = RoundSchedule(drops: [Link(0, 1)])
        let name = { (p: Int) in "p\(p)" }, message = { (m: Int) in "\(m)" }
        let send = OmissionFaults(kind: .sendOmission), receive = OmissionFaults(kind: .receiveOmission)
        let general = OmissionFaults(kind: .generalOmission)
        #expect(send.event(of: 0, in: schedule, name: name, message: message) == "its messages to p1 are dropped")
        #expect(send.event(of: 1, in: schedule, name: name, message: message) == nil)
        #expect(receive.event(of: 0, in: schedule, name: name, message: message) == nil)
        #expect(receive.event(of: 1, in: schedule, name: name, message: message) == "the messages from p0 to it are dropped")
        #expect(general.event(of: 0, in: schedule, name: name, message: message) != nil)
        #expect(general.event(of: 1, in: schedule, name: name, message: message) != nil)
    }

    // MARK: What the adversary may not choose

    func rejection(_ setting: Setting, _ execution: Execution, messageCount: Int = 2) -> Simulator.ScheduleError? {
        do {
            try Simulator.validate(execution, for: setting, messageCount: messageCount)
            return nil
        } catch {
            return error
        }
    }

    /// The round and message of a `.roundChoice` rejection, nil for anything else.
    func roundChoice(_ error: Simulator.ScheduleError?) -> (round: Int, message: String)? {
        if case .roundChoice(let round, let message)? = error { return (round, message) }
        return nil
    }

    func faultySetError(_ error: Simulator.ScheduleError?) -> String? {
        if case .faultySet(let message)? = error { return message }
        return nil
    }

    @Test func dropBetweenTwoCorrectProcessesIsRejected() {
        for kind in [FaultKind.sendOmission, .receiveOmission, .generalOmission] {
            let e = Execution(inputs: [0, 0, 0], faulty: [0], rounds: [RoundSchedule(drops: [Link(1, 2)])])
            let error = roundChoice(rejection(setting(kind), e))
            #expect(error?.round == 1, "\(kind.name)")
            #expect(error?.message.contains("p1 -> p2 cannot be dropped") == true, "\(kind.name)")
        }
        // Send omission may not drop what a faulty process receives, receive omission what it sends.
        let toFaulty = Execution(inputs: [0, 0, 0], faulty: [0], rounds: [RoundSchedule(drops: [Link(1, 0)])])
        #expect(roundChoice(rejection(setting(.sendOmission), toFaulty))?.message.contains("cannot be dropped") == true)
        #expect(rejection(setting(.receiveOmission), toFaulty) == nil)
        let fromFaulty = Execution(inputs: [0, 0, 0], faulty: [0], rounds: [RoundSchedule(drops: [Link(0, 1)])])
        #expect(roundChoice(rejection(setting(.receiveOmission), fromFaulty))?.message.contains("cannot be dropped") == true)
        // Crash and Byzantine faults drop nothing.
        let crashDrop = Execution(inputs: [0, 0, 0], rounds: [RoundSchedule(drops: [Link(0, 1)])])
        #expect(roundChoice(rejection(setting(.crash), crashDrop))?.message.contains("neither drop nor forge") == true)
        let byzantineDrop = Execution(inputs: [0, 0, 0], faulty: [0], rounds: [RoundSchedule(drops: [Link(0, 1)])])
        #expect(roundChoice(rejection(setting(.byzantine), byzantineDrop)) != nil)
    }

    @Test func forgedMessageFromACorrectProcessIsRejected() {
        let e = Execution(inputs: [0, 0, 0], faulty: [2], rounds: [RoundSchedule(forged: [Forgery(sender: 0, receiver: 1, message: 0)])])
        #expect(roundChoice(rejection(setting(.byzantine), e))?.message.contains("p0 is not Byzantine") == true)
        // Nor under omission faults, nor to a Byzantine receiver, nor outside the alphabet.
        #expect(roundChoice(rejection(setting(.sendOmission), Execution(inputs: [0, 0, 0], faulty: [2],
            rounds: [RoundSchedule(forged: [Forgery(sender: 2, receiver: 1, message: 0)])]))) != nil)
        let toByzantine = Execution(inputs: [0, 0, 0], faulty: [1, 2],
                                    rounds: [RoundSchedule(forged: [Forgery(sender: 2, receiver: 1, message: 0)])])
        #expect(roundChoice(rejection(setting(.byzantine, f: 2), toByzantine))?.message.contains("goes to a correct process") == true)
        let outside = Execution(inputs: [0, 0, 0], faulty: [2], rounds: [RoundSchedule(forged: [Forgery(sender: 2, receiver: 1, message: 2)])])
        #expect(roundChoice(rejection(setting(.byzantine), outside))?.message.contains("outside the alphabet") == true)
        #expect(rejection(setting(.byzantine), outside, messageCount: 3) == nil)
        let twice = Execution(inputs: [0, 0, 0], faulty: [2],
                              rounds: [RoundSchedule(forged: [Forgery(sender: 2, receiver: 1, message: 0),
                                                              Forgery(sender: 2, receiver: 1, message: 1)])])
        #expect(roundChoice(rejection(setting(.byzantine), twice))?.message.contains("two messages") == true)
    }

    @Test func tooManyFaultyProcessesAreRejected() {
        for kind in FaultKind.allCases where kind.choosesFaultySetFirst {
            let e = Execution(inputs: [0, 0, 0], faulty: [0, 1], rounds: [RoundSchedule()])
            #expect(rejection(setting(kind), e) == .tooManyCrashes, "\(kind.name)")
            #expect(rejection(setting(kind, f: 2), e) == nil, "\(kind.name)")
        }
    }

    @Test func lossOnADroppedLinkIsRejected() {
        let e = Execution(inputs: [0, 0, 0], faulty: [0], rounds: [RoundSchedule(drops: [Link(0, 1)], losses: [Link(0, 1)])])
        let error = roundChoice(rejection(setting(.sendOmission, losses: 1), e))
        #expect(error?.round == 1)
        #expect(error?.message.contains("p0 -> p1 is lost but was not delivered") == true)
        // Nor a loss of a message a Byzantine process did not send, or a crashed process's.
        let silent = Execution(inputs: [0, 0, 0], faulty: [2], rounds: [RoundSchedule(losses: [Link(2, 0)])])
        #expect(roundChoice(rejection(setting(.byzantine, losses: 1), silent))?.message.contains("not delivered") == true)
        let unheard = Execution(inputs: [0, 0, 0], rounds: [RoundSchedule(crashes: [Crash(process: 0, receivers: [2])],
                                                                          losses: [Link(0, 1)])])
        #expect(roundChoice(rejection(setting(.crash, losses: 1), unheard))?.message.contains("not delivered") == true)
    }

    @Test func moreThanLLossesAreRejected() {
        let e = Execution(inputs: [0, 0, 0], rounds: [RoundSchedule(), RoundSchedule(losses: [Link(0, 1), Link(0, 2)])])
        let error = roundChoice(rejection(setting(.crash, f: 0, rounds: 2, losses: 1), e))
        #expect(error?.round == 2)
        #expect(error?.message.contains("2 messages lost; at most 1 per round") == true)
        #expect(rejection(setting(.crash, f: 0, rounds: 2, losses: 2), e) == nil)
        #expect(roundChoice(rejection(setting(.crash, f: 0, rounds: 2), e)) != nil)  // no :losses at all
    }

    @Test func faultySetUnderCrashFaultsIsRejected() {
        let e = Execution(inputs: [0, 0, 0], faulty: [0], rounds: [RoundSchedule()])
        #expect(faultySetError(rejection(setting(.crash), e))?.contains("no faulty set is chosen first") == true)
    }

    @Test func unsortedListsAreRejected() {
        let faulty = Execution(inputs: [0, 0, 0], faulty: [1, 0], rounds: [RoundSchedule()])
        #expect(faultySetError(rejection(setting(.sendOmission, f: 2), faulty))?.contains("in order") == true)
        let repeated = Execution(inputs: [0, 0, 0], faulty: [1, 1], rounds: [RoundSchedule()])
        #expect(faultySetError(rejection(setting(.byzantine, f: 2), repeated)) != nil)
        let outside = Execution(inputs: [0, 0, 0], faulty: [3], rounds: [RoundSchedule()])
        #expect(faultySetError(rejection(setting(.byzantine), outside)) != nil)
        let drops = Execution(inputs: [0, 0, 0], faulty: [0], rounds: [RoundSchedule(drops: [Link(0, 2), Link(0, 1)])])
        #expect(roundChoice(rejection(setting(.sendOmission), drops))?.message.contains("in order") == true)
        let losses = Execution(inputs: [0, 0, 0], rounds: [RoundSchedule(losses: [Link(1, 0), Link(0, 1)])])
        #expect(roundChoice(rejection(setting(.crash, f: 0, losses: 2), losses))?.message.contains("in order") == true)
        let forged = Execution(inputs: [0, 0, 0], faulty: [2],
                               rounds: [RoundSchedule(forged: [Forgery(sender: 2, receiver: 1, message: 0),
                                                               Forgery(sender: 2, receiver: 0, message: 0)])])
        #expect(roundChoice(rejection(setting(.byzantine), forged))?.message.contains("in order") == true)
    }

    @Test func crashesUnderOtherModelsAreRejected() {
        for kind in FaultKind.allCases where kind != .crash {
            let e = Execution(inputs: [0, 0, 0], faulty: [0], rounds: [RoundSchedule(crashes: [Crash(process: 0, receivers: [])])])
            #expect(roundChoice(rejection(setting(kind), e)) != nil, "\(kind.name)")
        }
    }
}

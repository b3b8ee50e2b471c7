import SpecLanguage

/// Runs a protocol table on one concrete execution, exactly as docs/semantics.md states the game.
/// This is the reference semantics: every counterexample is replayed through it before it is
/// shown, and the brute-force checker is built on `step`.
public enum Simulator {
    /// Problems with an execution that does not fit the setting.
    public enum ScheduleError: Error, Equatable, Sendable {
        case wrongInputs, wrongRoundCount, tooManyCrashes, crashOfDeadProcess(round: Int, process: Int), receiverNotSurvivor(round: Int, process: Int)
        /// The execution's faulty set is not one the adversary may pick.
        case faultySet(String)
        /// A round's choices are not the adversary's to make.
        case roundChoice(round: Int, String)
    }

    /// What a process observes when `arrivals` reached it: per message, how many arrived
    /// (a sender's own message is `messages[sender]`), and how many of the other `n-1` did not;
    /// with identities (`receiver` given) also who sent each (a Byzantine sender cannot hide
    /// its index: what it forged arrives as its own).
    /// - Parameters:
    ///   - messages: per process the message it sends this round, nil for one that does not run.
    ///   - receiver: the receiver's index, when observations record senders; nil otherwise.
    /// - Complexity: O(n + M).
    public static func observation(of arrivals: [Arrival], messages: [Int?], processes n: Int, messageCount k: Int,
                                   receiver: Int? = nil) -> Observation {
        if let receiver {
            var from = [Int?](repeating: nil, count: n)
            for arrival in arrivals {
                switch arrival {
                case .message(let p): from[p] = messages[p]
                case .forged(let p, let m): from[p] = m
                }
            }
            return SenderObservation(from: from, receiver: receiver).counted(messageCount: k)
        }
        var heard = [Int](repeating: 0, count: k)
        for arrival in arrivals {
            switch arrival {
            case .message(let p): if let m = messages[p] { heard[m] += 1 }
            case .forged(_, let m): heard[m] += 1
            }
        }
        return Observation(heard: heard, missing: n - 1 - heard.reduce(0, +))
    }

    /// One round under the setting's adversary: the processes that take a step move on what
    /// arrived (`Adversary.arrivals` says who receives what).
    /// - Parameters:
    ///   - states: state per process at the start of the round, nil for processes that do not
    ///     run (crashed before this round, or Byzantine).
    ///   - schedule: the adversary's choices for the round.
    ///   - faulty: who is faulty so far.
    /// - Returns: next states (nil for processes that do not run after the round) and the
    ///   observation of each process that took a step.
    /// - Throws: `ProtocolGap` when a process reaches an information set with no entry.
    /// - Precondition: `send` is set for every running state.
    /// - Complexity: O(n · (n + M)).
    public static func step(_ table: TransitionTable, round: Int, states: [Int?], schedule: RoundSchedule,
                            faulty: [Bool]) throws(ProtocolGap) -> (states: [Int?], observations: [Observation?]) {
        let adversary = Adversary(table.setting, messageCount: table.messageCount)
        let delivered = adversary.arrivals(schedule, running: states.map { $0 != nil }, faulty: faulty)
        let messages = states.map { $0.flatMap(table.message(of:)) }
        var nextStates = [Int?](repeating: nil, count: states.count)
        var observations = [Observation?](repeating: nil, count: states.count)
        for q in states.indices where delivered.steps[q] {
            guard let own = states[q] else { continue }
            let observation = observation(of: delivered.received[q], messages: messages, processes: states.count,
                                          messageCount: table.messageCount, receiver: table.setting.identities ? q : nil)
            observations[q] = observation
            guard let target = table.nextState(round: round, id: q, state: own, observation: observation) else {
                throw ProtocolGap(round: round, id: table.bySender ? q : nil, state: own,
                                  observation: table.bySender ? observation : observation.countsOnly,
                                  stateNames: table.stateNames, messageNames: table.messageLabels)
            }
            if delivered.runningAfter[q] { nextStates[q] = target }
        }
        return (nextStates, observations)
    }

    /// Validates an execution against the setting's adversary; `messageCount` is the size of the
    /// message alphabet (a table's `messageCount`; the setting's `messages ?? states` when nil).
    public static func validate(_ execution: Execution, for setting: Setting, messageCount: Int? = nil) throws(ScheduleError) {
        try Adversary(setting, messageCount: messageCount ?? setting.messages ?? setting.states).validate(execution)
    }

    /// Runs the whole execution.
    /// - Precondition: `validate(execution, for: table.setting, messageCount: table.messageCount)` passes.
    /// - Throws: `ProtocolGap` on a reachable information set with no entry.
    /// - Complexity: O(R · n · (n + M)).
    public static func run(_ table: TransitionTable, _ execution: Execution) throws(ProtocolGap) -> Trace {
        let n = execution.inputs.count
        let adversary = Adversary(table.setting, messageCount: table.messageCount)
        var faulty = adversary.initiallyFaulty(execution)
        let running = adversary.initiallyRunning(faulty: faulty)
        var states: [Int?] = execution.inputs.indices.map { running[$0] ? Int(table.initial[execution.inputs[$0]]) : nil }
        var decided = DecisionRecord(processes: n)
        decided.note(table, states: states, round: 0)
        var allStates = [states]
        var allObservations: [[Observation?]] = []
        var crashRound = [Int?](repeating: nil, count: n)
        for (i, schedule) in execution.rounds.enumerated() {
            let (next, observed) = try step(table, round: i + 1, states: states, schedule: schedule, faulty: faulty)
            for c in schedule.crashes {
                crashRound[c.process] = i + 1
                faulty[c.process] = true
            }
            states = next
            decided.note(table, states: states, round: i + 1)
            allStates.append(states)
            allObservations.append(observed)
        }
        decided.finish(table, finalStates: states)
        return Trace(states: allStates, observations: allObservations, crashRound: crashRound,
                     decisions: decided.decision, decisionRounds: decided.round)
    }

    /// The outcome of a finished trace: inputs; who is correct (not in the faulty set, or never
    /// crashed); each process's decision and decision round (`DecisionRecord`: without early
    /// decision, `decide` of the final state of every process still running, faulty ones under
    /// omission included; `-1` for crashed and Byzantine ones); and the messages lost on links.
    public static func outcome(_ table: TransitionTable, _ execution: Execution, _ trace: Trace) -> Outcome {
        let faultySet = Set(execution.faulty)
        return Outcome(execution.inputs.indices.map { p in
            let correct = !faultySet.contains(p) && trace.crashRound[p] == nil
            return ProcessOutcome(input: execution.inputs[p], correct: correct, decision: trace.decisions[p],
                                  decisionRound: trace.decisionRounds[p])
        }, lost: execution.lost)
    }
}

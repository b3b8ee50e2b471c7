import SpecLanguage

/// Runs a protocol table on one concrete execution, exactly as docs/semantics.md states the game.
/// This is the reference semantics: every counterexample is replayed through it before it is
/// shown, and the brute-force checker is built on `step`.
public enum Simulator {
    /// Problems with an execution that does not fit the setting.
    public enum ScheduleError: Error, Equatable, Sendable {
        case wrongInputs, wrongRoundCount, tooManyCrashes, crashOfDeadProcess(round: Int, process: Int), receiverNotSurvivor(round: Int, process: Int)
    }

    /// One round under the setting's fault model: the processes that take a step move on their
    /// observations (`FaultModel.deliver` says who receives what).
    /// - Parameters:
    ///   - states: state per process at the start of the round, nil for processes that no
    ///     longer run.
    ///   - crashes: this round's crashers and their receivers (the crash adversary's choice).
    /// - Returns: next states (nil for processes that do not run after the round) and the
    ///   observation of each process that took a step.
    /// - Throws: `ProtocolGap` when a process reaches an information set with no entry.
    /// - Complexity: O(n · (n + K)).
    public static func step(_ table: TransitionTable, round: Int, states: [Int?], crashes: [Crash]) throws(ProtocolGap) -> (states: [Int?], observations: [Observation?]) {
        let delivered = table.setting.faultModel.deliver(messages: states, schedule: RoundSchedule(crashes: crashes),
                                                         messageCount: table.stateCount)
        var nextStates = [Int?](repeating: nil, count: states.count)
        for q in states.indices {
            guard let observation = delivered.observations[q], let own = states[q] else { continue }
            guard let target = table.nextState(round: round, state: own, observation: observation) else {
                throw ProtocolGap(round: round, state: own, observation: observation, stateNames: table.stateNames)
            }
            if delivered.running[q] { nextStates[q] = target }
        }
        return (nextStates, delivered.observations)
    }

    /// Validates an execution against the setting, by its fault model.
    public static func validate(_ execution: Execution, for setting: Setting) throws(ScheduleError) {
        try setting.faultModel.validate(execution, for: setting)
    }

    /// Runs the whole execution.
    /// - Precondition: `validate(execution, for: table.setting)` passes.
    /// - Throws: `ProtocolGap` on a reachable information set with no entry.
    /// - Complexity: O(R · n · (n + K)).
    public static func run(_ table: TransitionTable, _ execution: Execution) throws(ProtocolGap) -> Trace {
        let n = execution.inputs.count
        var states: [Int?] = execution.inputs.map { Int(table.initial[$0]) }
        var allStates = [states]
        var allObservations: [[Observation?]] = []
        var crashRound = [Int?](repeating: nil, count: n)
        for (i, schedule) in execution.rounds.enumerated() {
            let (next, observed) = try step(table, round: i + 1, states: states, crashes: schedule.crashes)
            for c in schedule.crashes { crashRound[c.process] = i + 1 }
            states = next
            allStates.append(states)
            allObservations.append(observed)
        }
        return Trace(states: allStates, observations: allObservations, crashRound: crashRound)
    }

    /// The outcome of a finished trace: inputs, who is correct (by the fault model), and
    /// `decide` of the final states of the processes still running.
    public static func outcome(_ table: TransitionTable, _ execution: Execution, _ trace: Trace) -> Outcome {
        let running = trace.states.last.map { $0.map { $0 != nil } } ?? []
        let model = table.setting.faultModel
        return Outcome(execution.inputs.indices.map { p in
            if let final = trace.states.last?[p], model.isCorrect(p, running: running, in: execution) {
                return ProcessOutcome(input: execution.inputs[p], correct: true, decision: Int(table.decision[final]))
            }
            return ProcessOutcome(input: execution.inputs[p], correct: false, decision: ProcessOutcome.noDecision)
        })
    }
}

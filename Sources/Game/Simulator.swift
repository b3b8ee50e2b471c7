import SpecLanguage

/// Runs a protocol table on one concrete execution, exactly as docs/semantics.md states the game.
/// This is the reference semantics: every counterexample is replayed through it before it is
/// shown, and the brute-force checker is built on `step`.
public enum Simulator {
    /// Problems with an execution that does not fit the setting.
    public enum ScheduleError: Error, Equatable, Sendable {
        case wrongInputs, wrongRoundCount, tooManyCrashes, crashOfDeadProcess(round: Int, process: Int), receiverNotSurvivor(round: Int, process: Int)
    }

    /// One round: survivors move on their observations.
    /// - Parameters:
    ///   - states: state per process at the start of the round, nil for processes already crashed.
    ///   - crashes: this round's crashers and their receivers.
    /// - Returns: next states (nil for crashers of this round and earlier) and each survivor's observation.
    /// - Throws: `ProtocolGap` when a survivor reaches an information set with no entry.
    /// - Complexity: O(n · (n + K)).
    public static func step(_ table: TransitionTable, round: Int, states: [Int?], crashes: [Crash]) throws(ProtocolGap) -> (states: [Int?], observations: [Observation?]) {
        let n = states.count
        let k = table.stateCount
        var crashed = [Bool](repeating: false, count: n)
        for c in crashes { crashed[c.process] = true }
        var survivorHeard = [Int](repeating: 0, count: k)
        for p in 0..<n where !crashed[p] {
            if let s = states[p] { survivorHeard[s] += 1 }
        }
        var nextStates = [Int?](repeating: nil, count: n)
        var observations = [Observation?](repeating: nil, count: n)
        var heard = [Int](repeating: 0, count: k)
        for q in 0..<n where !crashed[q] {
            guard let own = states[q] else { continue }
            heard = survivorHeard
            heard[own] -= 1
            for c in crashes where c.receivers.contains(q) {
                if let s = states[c.process] { heard[s] += 1 }
            }
            let missing = n - 1 - heard.reduce(0, +)
            let observation = Observation(heard: heard, missing: missing)
            observations[q] = observation
            guard let target = table.nextState(round: round, state: own, observation: observation) else {
                throw ProtocolGap(round: round, state: own, observation: observation, stateNames: table.stateNames)
            }
            nextStates[q] = target
        }
        return (nextStates, observations)
    }

    /// Validates an execution against the table's setting.
    public static func validate(_ execution: Execution, for setting: Setting) throws(ScheduleError) {
        let n = setting.processes
        guard execution.inputs.count == n, execution.inputs.allSatisfy({ (0..<setting.inputs).contains($0) }) else { throw .wrongInputs }
        guard execution.rounds.count == setting.rounds else { throw .wrongRoundCount }
        var alive = [Bool](repeating: true, count: n)
        var total = 0
        for (i, round) in execution.rounds.enumerated() {
            let crashers = Set(round.crashes.map(\.process))
            for c in round.crashes {
                guard (0..<n).contains(c.process), alive[c.process] else { throw .crashOfDeadProcess(round: i + 1, process: c.process) }
            }
            for c in round.crashes {
                for r in c.receivers where !(0..<n).contains(r) || !alive[r] || crashers.contains(r) {
                    throw .receiverNotSurvivor(round: i + 1, process: r)
                }
            }
            for c in round.crashes { alive[c.process] = false }
            total += round.crashes.count
        }
        guard total <= setting.crashes else { throw .tooManyCrashes }
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

    /// The outcome of a finished trace: inputs, who is correct, and `decide` of final states.
    public static func outcome(_ table: TransitionTable, _ execution: Execution, _ trace: Trace) -> Outcome {
        Outcome(execution.inputs.indices.map { p in
            if let final = trace.states.last?[p], trace.crashRound[p] == nil {
                return ProcessOutcome(input: execution.inputs[p], correct: true, decision: Int(table.decision[final]))
            }
            return ProcessOutcome(input: execution.inputs[p], correct: false, decision: ProcessOutcome.noDecision)
        })
    }
}

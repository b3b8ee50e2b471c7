import Game
import SpecLanguage

/// Counterexamples met so far (docs/search.md, the counterexample pool). Replaying one on a candidate costs a
/// simulation (O(R · n²)) instead of an exhaustive check: a candidate that still fails a pooled
/// execution is rejected cheaply, and a partial table on which a pooled execution runs through
/// assigned entries only and fails is refuted with all its completions.
final class CounterexamplePool {
    private(set) var executions: [Execution] = []
    private var known: Set<Execution> = []
    let limit: Int

    init(limit: Int) { self.limit = limit }

    var count: Int { executions.count }

    /// Adds an execution (duplicates ignored; the oldest is dropped past the limit).
    func add(_ execution: Execution) {
        guard !known.contains(execution) else { return }
        if executions.count == limit { known.remove(executions.removeFirst()) }
        executions.append(execution)
        known.insert(execution)
    }

    /// Runs `execution` on a possibly partial table. Returns nil when it reaches an unset entry;
    /// otherwise the outcome and every entry read: `init` of each input used, `send` of every
    /// state that sends (with a message alphabet), `next` of every step, and `decide` of every
    /// state a process consults — under early decision each state an undecided running process
    /// is in (after `init` and after each step), otherwise the final state of every process
    /// still running at the end (faulty ones too under omission faults). Any fault model
    /// (`Simulator.step`).
    static func replay(_ execution: Execution, on table: TransitionTable) -> (outcome: Outcome, reads: Set<TableEntry>)? {
        var states: [Int?] = []
        var reads: Set<TableEntry> = []
        let adversary = Adversary(table.setting, messageCount: table.messageCount)
        var faulty = adversary.initiallyFaulty(execution)
        let running = adversary.initiallyRunning(faulty: faulty)
        let early = table.setting.earlyDecision
        var decided = DecisionRecord(processes: execution.inputs.count)
        /// Reads `decide` of every undecided running process's state; false at an unset one.
        func consult(_ round: Int) -> Bool {
            for p in states.indices where decided.decision[p] == ProcessOutcome.noDecision {
                guard let s = states[p] else { continue }
                guard table.decision[s] != TransitionTable.noDecision else { return false }
                reads.insert(.decision(state: s))
            }
            decided.note(table, states: states, round: round)
            return true
        }
        for (p, v) in execution.inputs.enumerated() {
            guard running[p] else {
                states.append(nil)
                continue
            }
            guard table.initial[v] != TransitionTable.undefined else { return nil }
            states.append(Int(table.initial[v]))
            reads.insert(.initial(input: v))
        }
        if early, !consult(0) { return nil }
        for (r, schedule) in execution.rounds.enumerated() {
            for s in states.compactMap({ $0 }) {
                guard table.message(of: s) != nil else { return nil }
                if table.hasAlphabet { reads.insert(.send(state: s)) }
            }
            guard let step = try? Simulator.step(table, round: r + 1, states: states, schedule: schedule, faulty: faulty) else { return nil }
            // A process that stops running in the round (a crasher) is faulty from now on.
            for p in states.indices where states[p] != nil && step.states[p] == nil { faulty[p] = true }
            for (p, observation) in step.observations.enumerated() {
                if let observation, let s = states[p], let o = table.space.index(of: observation) {
                    reads.insert(.next(table.entryIndex(round: r + 1, id: p, state: s, observation: o)))
                }
            }
            states = step.states
            if early, !consult(r + 1) { return nil }
        }
        if !early {
            for s in states.compactMap({ $0 }) {
                guard table.decision[s] != TransitionTable.noDecision else { return nil }
                reads.insert(.decision(state: s))
            }
            decided.finish(table, finalStates: states)
        }
        let processes = execution.inputs.enumerated().map { p, v in
            decided.outcome(p, input: v, correct: !faulty[p] && states[p] != nil)
        }
        return (Outcome(processes, lost: execution.lost), reads)
    }

    /// A pooled execution that refutes every completion of `table`: it reads assigned entries
    /// only and its outcome violates the spec.
    func refutation(of table: TransitionTable, evaluator: SpecEvaluator) -> Set<TableEntry>? {
        for e in executions.reversed() {
            if let run = Self.replay(e, on: table), case .fails = evaluator.evaluate(run.outcome) { return run.reads }
        }
        return nil
    }

    /// Of all pooled executions that refute `table`, the read set that `rank` scores lowest
    /// (the search ranks by how far back the conflict lets it jump); nil when none refutes.
    /// - Complexity: one replay per pooled execution.
    func bestRefutation(of table: TransitionTable, evaluator: SpecEvaluator,
                        rank: (Set<TableEntry>) -> Int) -> Set<TableEntry>? {
        var best: (reads: Set<TableEntry>, score: Int)?
        for e in executions {
            guard let run = Self.replay(e, on: table), case .fails = evaluator.evaluate(run.outcome) else { continue }
            let score = rank(run.reads)
            if best == nil || score < best!.score { best = (run.reads, score) }
        }
        return best?.reads
    }
}

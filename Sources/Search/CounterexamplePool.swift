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
    /// otherwise the outcome and every entry read: `init` of each input used, `next` of every
    /// step, `decide` of the final state of every process that decides (still running at the
    /// end: faulty ones too under omission faults). Any fault model (`Simulator.step`).
    static func replay(_ execution: Execution, on table: TransitionTable) -> (outcome: Outcome, reads: Set<TableEntry>)? {
        var states: [Int?] = []
        var reads: Set<TableEntry> = []
        let adversary = Adversary(table.setting, messageCount: table.stateCount)
        var faulty = adversary.initiallyFaulty(execution)
        let running = adversary.initiallyRunning(faulty: faulty)
        for (p, v) in execution.inputs.enumerated() {
            guard running[p] else {
                states.append(nil)
                continue
            }
            guard table.initial[v] != TransitionTable.undefined else { return nil }
            states.append(Int(table.initial[v]))
            reads.insert(.initial(input: v))
        }
        for (r, schedule) in execution.rounds.enumerated() {
            guard let step = try? Simulator.step(table, round: r + 1, states: states, schedule: schedule, faulty: faulty) else { return nil }
            // A process that stops running in the round (a crasher) is faulty from now on.
            for p in states.indices where states[p] != nil && step.states[p] == nil { faulty[p] = true }
            for (p, observation) in step.observations.enumerated() {
                if let observation, let s = states[p], let o = table.space.index(of: observation) {
                    reads.insert(.next(table.entryIndex(round: r + 1, state: s, observation: o)))
                }
            }
            states = step.states
        }
        var processes: [ProcessOutcome] = []
        for (p, v) in execution.inputs.enumerated() {
            if let s = states[p] {
                guard table.decision[s] != TransitionTable.noDecision else { return nil }
                reads.insert(.decision(state: s))
                processes.append(ProcessOutcome(input: v, correct: !faulty[p], decision: Int(table.decision[s])))
            } else {
                processes.append(ProcessOutcome(input: v, correct: false, decision: ProcessOutcome.noDecision))
            }
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

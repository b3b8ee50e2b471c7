import Game
import SpecLanguage
@testable import Search

/// A reference for "does a protocol exist" that shares nothing with the search but the game
/// (`Simulator.step`, `DecisionRecord`, `Adversary`) and the spec's evaluator: a depth-first
/// enumeration of tables that runs every raw execution of the setting in a fixed order and, at
/// the first entry an execution reads that the table leaves unset, tries each of its actions.
/// A table is returned when every execution passes; a branch ends at the first execution that
/// fails (executions that failed lately are tried first at every table, a pure speed-up: one that
/// fails on a partial table fails on all its completions). Entries no execution reads are never assigned, so every table the search skips agrees
/// with an enumerated one wherever any execution looks. Under identities the tables are by
/// sender (as the search's), and executions are ordered so that those differing only in p0's
/// input come together (another pure speed-up).
///
/// Renaming is factored out as in the textbook argument: a `state` action (an `init` or `next`
/// target) is a state the assigned entries mention (as a target, as the state of a `send`,
/// `decide` or `next` entry, or heard in a `next` entry's observation when messages are states),
/// or the lowest one they do not; a `send` action likewise among the messages. Renaming two
/// unmentioned states (or messages) fixes the partial table and maps its completions onto each
/// other, and no spec reads a state or a message.
///
/// Cost: exponential in the entries it must assign; for the tiny settings of the tests
/// (hundreds of executions, tens of entries) milliseconds to seconds.
struct ExhaustiveTableSearch {
    let evaluator: SpecEvaluator
    let executions: [Execution]
    let empty: TransitionTable
    /// Tables (partial) visited.
    private(set) var nodes = 0
    /// Indices of executions that refuted a table lately, most recent first.
    private var killers: [Int] = []
    /// Most tables to visit; past it `find` gives up (`gaveUp`).
    var nodeLimit = Int.max
    private(set) var gaveUp = false

    /// - Parameters:
    ///   - spec: the spec; its setting's `states`, `messages`, `roundAware`, `earlyDecision`
    ///     and `identities` (a table by sender, as the search's) give the table's shape.
    init(spec: Spec) throws {
        let s = spec.setting
        evaluator = try SpecEvaluator(spec: spec)
        empty = TransitionTable(setting: s, stateCount: s.states, roundAware: s.roundAware, messageCount: s.messages,
                                bySender: s.identities)
        // Executions without faults first: they refute most wrong tables soonest.
        let all = Self.allExecutions(s, messageCount: empty.messageCount)
        func quiet(_ e: Execution) -> Bool { e.faulty.isEmpty && e.rounds.allSatisfy { $0 == RoundSchedule() } }
        var ordered = all.filter(quiet) + all.filter { !quiet($0) }
        if s.identities {
            // Specs under identities name processes (p0 as a designated sender): within each
            // group, executions that differ only in p0's input come together (p0's input varies
            // fastest), so a refutation that plays two of them against each other comes early.
            func rank(_ e: Execution) -> Int { e.inputs.reversed().reduce(0) { $0 * s.inputs + $1 } }
            ordered = ordered.enumerated().sorted { a, b in
                (quiet(a.element) ? 0 : 1, rank(a.element), a.offset) < (quiet(b.element) ? 0 : 1, rank(b.element), b.offset)
            }.map(\.element)
        }
        executions = ordered
    }

    /// Every raw execution of the setting: inputs, faulty sets and each round's raw choices.
    static func allExecutions(_ s: Setting, messageCount: Int) -> [Execution] {
        let adversary = Adversary(s, messageCount: messageCount)
        var inputs: [[Int]] = [[]]
        for _ in 0..<s.processes { inputs = inputs.flatMap { prefix in (0..<s.inputs).map { prefix + [$0] } } }
        var result: [Execution] = []
        func extend(_ base: Execution, running: [Bool], faulty: [Bool], budget: Int) {
            guard base.rounds.count < s.rounds else {
                result.append(base)
                return
            }
            adversary.forEachRoundSchedule(running: running, faulty: faulty, budget: budget) { (round: RoundSchedule, left: Int) in
                let after = adversary.arrivals(round, running: running, faulty: faulty).runningAfter
                var nowFaulty = faulty
                for p in 0..<s.processes where running[p] && !after[p] { nowFaulty[p] = true }
                var next = base
                next.rounds.append(round)
                extend(next, running: after, faulty: nowFaulty, budget: left)
            }
        }
        adversary.forEachFaultySet { (set: [Int]) in
            for input in inputs {
                let start = Execution(inputs: input, faulty: set, rounds: [])
                let faulty = adversary.initiallyFaulty(start)
                extend(start, running: adversary.initiallyRunning(faulty: faulty), faulty: faulty, budget: s.crashes - set.count)
            }
        }
        return result
    }

    enum Run {
        /// The execution reads this unset entry.
        case needs(TableEntry)
        case outcome(Outcome)
    }

    /// `execution` on the partial `table`, entry by entry in the order the game reads them.
    func run(_ execution: Execution, on table: TransitionTable) -> Run {
        let s = table.setting
        let adversary = Adversary(s, messageCount: table.messageCount)
        var faulty = adversary.initiallyFaulty(execution)
        let running = adversary.initiallyRunning(faulty: faulty)
        var states: [Int?] = []
        for (p, v) in execution.inputs.enumerated() {
            guard running[p] else { states.append(nil); continue }
            guard table.initial[v] != TransitionTable.undefined else { return .needs(.initial(input: v)) }
            states.append(Int(table.initial[v]))
        }
        var record = DecisionRecord(processes: execution.inputs.count)
        func unsetDecision() -> TableEntry? {
            for p in states.indices where record.decision[p] == ProcessOutcome.noDecision {
                if let state = states[p], table.decision[state] == TransitionTable.noDecision { return .decision(state: state) }
            }
            return nil
        }
        if s.earlyDecision {
            if let entry = unsetDecision() { return .needs(entry) }
            record.note(table, states: states, round: 0)
        }
        for (r, round) in execution.rounds.enumerated() {
            for state in states.compactMap({ $0 }) where table.message(of: state) == nil { return .needs(.send(state: state)) }
            let step: (states: [Int?], observations: [Observation?])
            do {
                step = try Simulator.step(table, round: r + 1, states: states, schedule: round, faulty: faulty)
            } catch {
                let o = table.space.index(of: error.observation)!
                return .needs(.next(table.entryIndex(round: error.round, id: error.id ?? 0, state: error.state, observation: o)))
            }
            for p in states.indices where states[p] != nil && step.states[p] == nil { faulty[p] = true }
            states = step.states
            if s.earlyDecision {
                if let entry = unsetDecision() { return .needs(entry) }
                record.note(table, states: states, round: r + 1)
            }
        }
        if !s.earlyDecision {
            if let entry = unsetDecision() { return .needs(entry) }
            record.finish(table, finalStates: states)
        }
        return .outcome(Outcome(execution.inputs.enumerated().map { p, v in
            record.outcome(p, input: v, correct: !faulty[p] && states[p] != nil)
        }, lost: execution.lost))
    }

    /// A table (entries no execution reads left unset) that passes every execution, or nil when
    /// none exists (or, with `gaveUp`, when `nodeLimit` tables were visited first). An undecided
    /// outcome is treated as failing (the tests' specs have none).
    mutating func find() -> TransitionTable? { search(empty, from: 0) }

    private mutating func search(_ table: TransitionTable, from start: Int) -> TransitionTable? {
        nodes += 1
        if nodes > nodeLimit { gaveUp = true }
        if gaveUp { return nil }
        // Executions that failed recently, tried first: one that runs through assigned entries
        // only and fails refutes every completion at once.
        for k in killers {
            if case .outcome(let outcome) = run(executions[k], on: table), !holds(outcome) { return nil }
        }
        var i = start
        while i < executions.count {
            switch run(executions[i], on: table) {
            case .needs(let entry):
                for action in actions(entry, table) {
                    var child = table
                    child.set(entry, to: action)
                    if let found = search(child, from: i) { return found }
                }
                return nil
            case .outcome(let outcome):
                guard holds(outcome) else {
                    killers.removeAll { $0 == i }
                    killers.insert(i, at: 0)
                    if killers.count > 32 { killers.removeLast() }
                    return nil
                }
                i += 1
            }
        }
        return table
    }

    private func holds(_ outcome: Outcome) -> Bool {
        if case .holds = evaluator.evaluate(outcome) { return true }
        return false
    }

    /// The actions tried for `entry`, renaming factored out (see the type's discussion).
    private func actions(_ entry: TableEntry, _ table: TransitionTable) -> [Int] {
        var mentioned = Set<Int>()
        var messages = Set<Int>()
        for v in table.initial.indices where table.initial[v] != TransitionTable.undefined { mentioned.insert(Int(table.initial[v])) }
        for s in 0..<table.stateCount {
            if let m = table.message(of: s), table.hasAlphabet { mentioned.insert(s); messages.insert(m) }
            if table.decision[s] != TransitionTable.noDecision { mentioned.insert(s) }
        }
        for e in table.next.indices where table.next[e] != TransitionTable.undefined {
            let info = table.informationSet(ofEntry: e)
            mentioned.formUnion([info.state, Int(table.next[e])])
            for m in 0..<table.messageCount where info.observation.heard(m) > 0 {
                if table.hasAlphabet { messages.insert(m) } else { mentioned.insert(m) }
            }
        }
        func firstUnused(_ used: Set<Int>, below count: Int) -> [Int] {
            (0..<count).filter { used.contains($0) } + ((0..<count).first { !used.contains($0) }.map { [$0] } ?? [])
        }
        switch entry {
        case .decision: return Array(0..<table.actionCount(of: entry))
        case .send: return firstUnused(messages, below: table.messageCount)
        case .initial, .next: return firstUnused(mentioned, below: table.stateCount)
        }
    }
}

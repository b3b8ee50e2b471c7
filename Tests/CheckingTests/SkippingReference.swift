import Game
import SpecLanguage
@testable import Checking

/// A brute-force reference for partial tables with gaps skipped: every raw execution
/// (`Adversary.forEachFaultySet`, `forEachRoundSchedule`), each receiver's observation built by
/// `Simulator.observation` and looked up in the table, steps taken by `Simulator.step`. An
/// execution reaches a gap when, at the start of a round, a running process's state has no
/// `send` (or, under early decision, an undecided running process's state has no `decide`),
/// when a receiver's `next` entry is unset, or (without early decision) when a final state has
/// no `decide`; from there all its continuations (`Adversary.continuations`) count as gap
/// weight. The others are evaluated as the brute force evaluates them.
final class SkippingReference {
    let table: TransitionTable
    let evaluator: SpecEvaluator
    let setting: Setting
    let adversary: Adversary
    let continuations: Continuations
    var inputs: [Int]
    var lost = 0
    /// Raw executions, those reaching a gap, those failing the spec (among the others).
    var total = 0.0, gap = 0.0, failing = 0.0
    /// Unset entries some execution reaches (where it stops), and `next` entries read.
    var gapEntries: Set<TableEntry> = []
    var reads: Set<Int> = []

    init(table: TransitionTable, evaluator: SpecEvaluator) {
        self.table = table
        self.evaluator = evaluator
        setting = table.setting
        adversary = Adversary(table.setting, messageCount: table.messageCount)
        continuations = adversary.continuations
        inputs = [Int](repeating: 0, count: table.setting.processes)
    }

    func run() {
        if let unset = table.initial.firstIndex(of: TransitionTable.undefined) {
            total = adversary.rawExecutions
            gap = total
            gapEntries = [.initial(input: unset)]
            return
        }
        chooseInput(0)
    }

    private func chooseInput(_ p: Int) {
        guard p == setting.processes else {
            for v in 0..<setting.inputs {
                inputs[p] = v
                chooseInput(p + 1)
            }
            return
        }
        adversary.forEachFaultySet { (set: [Int]) in
            let faulty = adversary.initiallyFaulty(Execution(inputs: inputs, faulty: set, rounds: []))
            let running = adversary.initiallyRunning(faulty: faulty)
            let states: [Int?] = inputs.indices.map { running[$0] ? Int(table.initial[inputs[$0]]) : nil }
            var decided = DecisionRecord(processes: setting.processes)
            decided.note(table, states: states, round: 0)
            play(1, states: states, faulty: faulty, decided: decided, budget: setting.crashes - set.count, lost: 0)
        }
    }

    private func countGap(_ mass: Double, _ entries: [TableEntry]) {
        total += mass
        gap += mass
        gapEntries.formUnion(entries)
    }

    private func play(_ round: Int, states: [Int?], faulty: [Bool], decided: DecisionRecord, budget: Int, lost: Int) {
        let n = setting.processes
        let running = states.map { $0 != nil }
        let runningCount = running.filter { $0 }.count, faultyCount = faulty.filter { $0 }.count
        var unset: [TableEntry] = []
        for p in 0..<n {
            guard let s = states[p] else { continue }
            if round <= setting.rounds, table.message(of: s) == nil { unset.append(.send(state: s)) }
            if setting.earlyDecision, decided.decision[p] == ProcessOutcome.noDecision,
               table.decision[s] == TransitionTable.noDecision {
                unset.append(.decision(state: s))
            }
            if !setting.earlyDecision, round > setting.rounds, table.decision[s] == TransitionTable.noDecision {
                unset.append(.decision(state: s))
            }
        }
        if !unset.isEmpty {
            countGap(continuations(round: round, running: runningCount, faulty: faultyCount), unset)
            return
        }
        if round > setting.rounds {
            var final = decided
            final.finish(table, finalStates: states)
            total += 1
            let outcome = Outcome(inputs.indices.map { final.outcome($0, input: inputs[$0], correct: !faulty[$0]) }, lost: lost)
            if case .fails = evaluator.evaluate(outcome) { failing += 1 }
            return
        }
        let messages = states.map { $0.flatMap(table.message(of:)) }
        adversary.forEachRoundSchedule(running: running, faulty: faulty, budget: budget) { (schedule: RoundSchedule, left: Int) in
            let arrivals = adversary.arrivals(schedule, running: running, faulty: faulty)
            var unsetNext: [TableEntry] = []
            for q in 0..<n where arrivals.steps[q] {
                guard let own = states[q] else { continue }
                let observation = Simulator.observation(of: arrivals.received[q], messages: messages, processes: n,
                                                        messageCount: table.messageCount,
                                                        receiver: setting.identities ? q : nil)
                let entry = table.entryIndex(round: round, id: q, state: own, observation: table.space.index(of: observation)!)
                reads.insert(entry)
                if table.next[entry] == TransitionTable.undefined { unsetNext.append(.next(entry)) }
            }
            var faultyAfter = faulty
            for c in schedule.crashes { faultyAfter[c.process] = true }
            if !unsetNext.isEmpty {
                let runningAfter = arrivals.runningAfter.filter { $0 }.count
                countGap(continuations(round: round + 1, running: runningAfter, faulty: faultyAfter.filter { $0 }.count), unsetNext)
                return
            }
            let next = try! Simulator.step(table, round: round, states: states, schedule: schedule, faulty: faulty).states
            var decidedAfter = decided
            decidedAfter.note(table, states: next, round: round)
            play(round + 1, states: next, faulty: faultyAfter, decided: decidedAfter, budget: left, lost: lost + schedule.losses.count)
        }
    }
}

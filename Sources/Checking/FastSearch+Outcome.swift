import Game
import SpecLanguage

extension FastSearch {
    /// A final configuration: project to the outcome (per tag and input, how many decided each
    /// value and how many crashed), evaluate once per distinct projection.
    func finish(_ config: [UInt8]) throws(Stop) -> Tally {
        let width = decisions + 1
        var projection = [UInt8](repeating: 0, count: tags * inputs * width)
        for c in 0..<aliveClassCount where config[c] > 0 {
            let d = Int(table.decision[stateOf(c)])
            if d == Int(TransitionTable.noDecision) {
                precondition(options.gaps == .skip, "fast checker: a final state has no decision")
                gaps[.decision(state: stateOf(c)), default: 0] += 1
                return Tally(total: 1, failing: 0, unknown: 0, gap: 1)
            }
            projection[(tagOf(c) * inputs + inputOf(c)) * width + d] += config[c]
        }
        if !evaluatesOutcomes { return Tally(total: 1, failing: 0, unknown: 0) }
        for tag in 0..<tags {
            for v in 0..<inputs {
                projection[(tag * inputs + v) * width + decisions] += config[deadClass(tag: tag, input: v)]
            }
        }
        let verdict: OutcomeVerdict
        if let known = outcomeVerdicts[projection] {
            verdict = known
        } else {
            // A new outcome can cost milliseconds at large n (its ground assertions are
            // simplified by Z3), so a deadline or Ctrl-C is honoured before each one.
            if options.cancellation?.isCancelled == true { throw .cancelled }
            verdict = evaluator.evaluate(outcome(of: projection))
            outcomeVerdicts[projection] = verdict
        }
        switch verdict {
        case .holds:
            return Tally(total: 1, failing: 0, unknown: 0)
        case .unknown(let reason):
            if evaluator.interrupter.isInterrupted || options.cancellation?.isCancelled == true {
                // Z3 was stopped on this outcome: the check is interrupted, not undecided.
                outcomeVerdicts[projection] = nil
                throw .cancelled
            }
            unknownReason = unknownReason ?? reason
            return Tally(total: 1, failing: 0, unknown: 1)
        case .fails:
            if firstViolation == nil { firstViolation = concretePath() }
            if options.mode == .firstViolation { throw .violation }
            return Tally(total: 1, failing: 1, unknown: 0)
        }
    }

    /// Processes in projection order (merged) or by tag (unmerged).
    private func outcome(of projection: [UInt8]) -> Outcome {
        let width = decisions + 1
        var processes: [ProcessOutcome] = []
        processes.reserveCapacity(n)
        for tag in 0..<tags {
            for v in 0..<inputs {
                for d in 0..<width {
                    let count = Int(projection[(tag * inputs + v) * width + d])
                    let p = d == decisions
                        ? ProcessOutcome(input: v, correct: false, decision: ProcessOutcome.noDecision)
                        : ProcessOutcome(input: v, correct: true, decision: d)
                    processes.append(contentsOf: repeatElement(p, count: count))
                }
            }
        }
        return Outcome(processes)
    }

    /// Turns the path held in the round frames into one raw execution: processes are given ids
    /// (by tag when unmerged), crashers are the first members of their class, and a survivor
    /// whose move needs `h_s` heard crashers in state `s` receives the first `h_s` of them.
    func concretePath() -> Execution {
        var members = [[Int]](repeating: [], count: aliveClassCount)
        var inputsOf = [Int](repeating: 0, count: n)
        var nextID = 0
        for c in 0..<aliveClassCount {
            for _ in 0..<Int(initialConfig[c]) {
                let id = merging ? nextID : tagOf(c)
                nextID += 1
                inputsOf[id] = inputOf(c)
                members[c].append(id)
            }
        }
        var schedule: [RoundSchedule] = []
        for round in 1...rounds {
            let frame = frames[round]
            var crashers: [(id: Int, state: Int)] = []
            for c in 0..<aliveClassCount where frame.crashers[c] > 0 {
                for id in members[c].prefix(frame.crashers[c]) { crashers.append((id, stateOf(c))) }
                members[c].removeFirst(frame.crashers[c])
            }
            var receivers = [Int: [Int]]()
            var nextMembers = [[Int]](repeating: [], count: aliveClassCount)
            for move in frame.moves {
                let option = frame.options[move.slot][move.option]
                let ids = members[move.from].prefix(move.count)
                members[move.from].removeFirst(move.count)
                let target = aliveClass(tag: tagOf(move.from), input: inputOf(move.from), state: option.target)
                for id in ids {
                    nextMembers[target].append(id)
                    for s in 0..<k where option.witness[s] > 0 {
                        for crasher in crashers.filter({ $0.state == s }).prefix(option.witness[s]) {
                            receivers[crasher.id, default: []].append(id)
                        }
                    }
                }
            }
            precondition(members.allSatisfy(\.isEmpty), "fast checker: a survivor has no move on the path")
            members = nextMembers
            schedule.append(RoundSchedule(crashes: crashers.map {
                Crash(process: $0.id, receivers: (receivers[$0.id] ?? []).sorted())
            }))
        }
        return Execution(inputs: inputsOf, rounds: schedule)
    }
}

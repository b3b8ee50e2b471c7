import Game
import SpecLanguage

extension SenderSearch {
    /// A final configuration: its outcome (per process by index: input, correct, decision and
    /// decision round; the messages lost when tracked), evaluated once per distinct outcome.
    /// Without early decision every running process decides its final state's `decide` at
    /// round `R` (`DecisionRecord.finish`); with it, the records hold the decisions.
    func finish(_ config: [UInt8]) throws(Stop) -> Tally {
        var processes: [ProcessOutcome] = []
        processes.reserveCapacity(n)
        var unset: Set<TableEntry> = []
        for p in 0..<n {
            var decision = ProcessOutcome.noDecision, round = ProcessOutcome.noDecision
            if early {
                let r = record(config, p)
                if r > 0 { (decision, round) = ((r - 1) % decisions, (r - 1) / decisions) }
            } else if let s = state(config, p) {
                let d = table.decision[s]
                if d == TransitionTable.noDecision {
                    precondition(options.gaps == .skip, "fast checker: a final state has no decision")
                    unset.insert(.decision(state: s))
                } else if d >= 0 {
                    (decision, round) = (Int(d), rounds)
                }
            }
            processes.append(ProcessOutcome(input: input(config, p), correct: !isFaulty(config, p), decision: decision,
                                            decisionRound: round))
        }
        if !unset.isEmpty {
            for entry in unset { gaps[entry, default: 0] += 1 }
            return Tally(total: 1, failing: 0, unknown: 0, gap: 1)
        }
        if !evaluatesOutcomes { return Tally(total: 1, failing: 0, unknown: 0) }
        let outcome = Outcome(processes, lost: lost(in: config))
        let verdict: OutcomeVerdict
        if let known = outcomeVerdicts[outcome] {
            verdict = known
        } else {
            // A deadline or Ctrl-C is honoured before each new outcome query.
            if options.cancellation?.isCancelled == true { throw .cancelled }
            verdict = evaluator.evaluate(outcome)
            outcomeVerdicts[outcome] = verdict
        }
        switch verdict {
        case .holds:
            return Tally(total: 1, failing: 0, unknown: 0)
        case .unknown(let reason):
            if evaluator.interrupter.isInterrupted || options.cancellation?.isCancelled == true {
                // Z3 was stopped on this outcome: the check is interrupted, not undecided.
                outcomeVerdicts[outcome] = nil
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

    /// The raw execution on the current path: its inputs and faulty set, and per round the
    /// crashers (crash faults) and, per receiver, the witness of the option it took — which
    /// crashers' messages reached it, which droppable messages were dropped, what each
    /// Byzantine sender sent it, which arrived messages were lost — the choice
    /// `receiverOptions` counted. Decisions are not part of it (the replay recomputes them).
    func concretePath() -> Execution {
        var schedule: [RoundSchedule] = []
        for round in 1...rounds {
            let frame = frames[round]
            var result = RoundSchedule()
            var reached = [[Int]](repeating: [], count: n)
            for (index, q) in frame.receivers.enumerated() {
                let option = frame.options[index][frame.chosen[index]]
                let kinds = frame.kinds[index]
                var i = 0
                for p in 0..<n where p != q {
                    defer { i += 1 }
                    let code = Int(kinds[i]), digit = Int(option.arrived[i])
                    if code > m && code <= 2 * m {
                        // A message that may or may not arrive.
                        if faults == .crash {
                            if digit != 0 { reached[p].append(q) }
                        } else if digit == 0 {
                            result.drops.append(Link(p, q))
                        }
                    } else if code == 2 * m + 1, digit != 0 {
                        result.forged.append(Forgery(sender: p, receiver: q, message: digit - 1))
                    }
                    if option.lost & (1 << UInt32(i)) != 0 { result.losses.append(Link(p, q)) }
                }
            }
            result.crashes = (0..<n).filter { frame.crashing[$0] }.map { Crash(process: $0, receivers: reached[$0].sorted()) }
            result.drops.sort()
            result.losses.sort()
            result.forged.sort()
            schedule.append(result)
        }
        return Execution(inputs: pathInputs, faulty: faults.choosesFaultySetFirst ? pathFaulty : [], rounds: schedule)
    }
}

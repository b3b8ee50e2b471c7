import Game
import SpecLanguage

extension FastSearch {
    /// Outcome codes of a process (per correctness): 0 = never decided; then, under early
    /// decision, its record (`1 + r · D + d`), else `1 + d` (decided `d` at round `R`).
    var outcomeCodes: Int { early ? records : 1 + decisions }

    /// The decision and decision round of outcome code `code` (`outcomeCodes`).
    @inline(__always) func decision(ofCode code: Int) -> (decision: Int, round: Int) {
        guard code > 0 else { return (ProcessOutcome.noDecision, ProcessOutcome.noDecision) }
        return early ? ((code - 1) % decisions, (code - 1) / decisions) : (code - 1, rounds)
    }

    /// A final configuration: project to the outcome (per tag and input, how many correct
    /// processes and how many faulty ones have each outcome code — never decided, or decided
    /// which value in which round; and the messages lost when tracked), evaluate once per
    /// distinct projection. Without early decision every running process decides its final
    /// state's `decide` at round `R` (`DecisionRecord.finish`); with it, the records hold the
    /// decisions, stopped processes' included.
    func finish(_ config: [UInt8]) throws(Stop) -> Tally {
        let codes = outcomeCodes, width = 2 * codes
        var projection = [UInt8](repeating: 0, count: tags * inputs * width + (tracksLost ? 3 : 0))
        for c in 0..<aliveClassCount where config[c] > 0 {
            let code: Int
            if early {
                code = recordOf(c)
            } else {
                let d = Int(table.decision[stateOf(c)])
                if d == Int(TransitionTable.noDecision) {
                    precondition(options.gaps == .skip, "fast checker: a final state has no decision")
                    gaps[.decision(state: stateOf(c)), default: 0] += 1
                    return Tally(total: 1, failing: 0, unknown: 0, gap: 1)
                }
                code = d >= 0 ? 1 + d : 0
            }
            projection[(tagOf(c) * inputs + inputOf(c)) * width + (isFaulty(c) ? codes : 0) + code] += config[c]
        }
        if !evaluatesOutcomes { return Tally(total: 1, failing: 0, unknown: 0) }
        for c in aliveClassCount..<classCount where config[c] > 0 {
            // Stopped processes are faulty; without early decision they never decided (record 0).
            projection[(deadTagOf(c) * inputs + deadInputOf(c)) * width + codes + deadRecordOf(c)] += config[c]
        }
        if tracksLost {
            for i in 0..<3 { projection[tags * inputs * width + i] = config[classCount + i] }
        }
        let verdict: OutcomeVerdict
        if let known = outcomeVerdicts[projection] {
            verdict = known
        } else {
            // A new outcome can cost milliseconds at large n (its ground assertions are
            // simplified by Z3), so a deadline or Ctrl-C is honoured before each one.
            if options.cancellation?.isCancelled == true { throw .cancelled }
            verdict = evaluator.evaluate(outcome(of: projection, lost: lost(in: config)))
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

    /// Processes in projection order (merged) or by tag (unmerged): per tag and input, the
    /// correct ones, then the faulty ones; deciders (by code) before the undecided.
    private func outcome(of projection: [UInt8], lost: Int) -> Outcome {
        let codes = outcomeCodes, width = 2 * codes
        var processes: [ProcessOutcome] = []
        processes.reserveCapacity(n)
        for tag in 0..<tags {
            for v in 0..<inputs {
                for faulty in [false, true] {
                    for code in Array(1..<codes) + [0] {
                        let count = Int(projection[(tag * inputs + v) * width + (faulty ? codes : 0) + code])
                        guard count > 0 else { continue }
                        let (d, r) = decision(ofCode: code)
                        let p = ProcessOutcome(input: v, correct: !faulty, decision: d, decisionRound: r)
                        processes.append(contentsOf: repeatElement(p, count: count))
                    }
                }
            }
        }
        return Outcome(processes, lost: lost)
    }

    /// Turns the path held in the round frames into one raw execution: processes are given ids
    /// (by tag when unmerged), faulty ones and crashers are the first members of their class,
    /// and a receiver whose option needs `free[s]` of the droppable (or Byzantine) messages `s`
    /// gets the first ones, then loses the first `lost[s]` of the messages `s` that arrived —
    /// the same choice `receiverView` and `moveOptions` counted. A sender's message is `send` of
    /// its state; decisions are not part of the execution (the replay recomputes them).
    func concretePath() -> Execution {
        var members = [[Int]](repeating: [], count: aliveClassCount)
        var inputsOf = [Int](repeating: 0, count: n)
        var byzantine: [Int] = []
        var faultySet: [Int] = []
        var nextID = 0
        for c in 0..<classCount {
            for _ in 0..<Int(initialConfig[c]) {
                let tag = c < aliveClassCount ? tagOf(c) : deadTagOf(c)
                let id = merging ? nextID : tag
                nextID += 1
                if c < aliveClassCount {
                    inputsOf[id] = inputOf(c)
                    members[c].append(id)
                    if isFaulty(c) { faultySet.append(id) }
                } else {
                    inputsOf[id] = deadInputOf(c)
                    byzantine.append(id)
                    faultySet.append(id)
                }
            }
        }
        var isFaultyID = [Bool](repeating: false, count: n)
        for id in faultySet { isFaultyID[id] = true }
        var schedule: [RoundSchedule] = []
        for round in 1...rounds {
            let frame = frames[round]
            // The message each running process sends this round.
            var messageOfID = [Int?](repeating: nil, count: n)
            for c in 0..<aliveClassCount { for id in members[c] { messageOfID[id] = messageOf[stateOf(c)] } }
            var crashers: [Int] = []
            for c in 0..<aliveClassCount where frame.crashers[c] > 0 {
                crashers.append(contentsOf: members[c].prefix(frame.crashers[c]))
                members[c].removeFirst(frame.crashers[c])
            }
            let crashing = Set(crashers)
            let runners = (0..<n).filter { messageOfID[$0] != nil && !crashing.contains($0) }
            var receivers = [Int: [Int]]()
            var round = RoundSchedule()
            var nextMembers = [[Int]](repeating: [], count: aliveClassCount)
            for move in frame.moves {
                let option = frame.options[move.slot][move.option]
                let ids = members[move.from].prefix(move.count)
                members[move.from].removeFirst(move.count)
                for q in ids {
                    nextMembers[move.to].append(q)
                    let others = runners.filter { $0 != q }
                    var certain: [Int], droppable: [Int]
                    switch faults {
                    case .crash: (certain, droppable) = (others, crashers)
                    case .byzantine: (certain, droppable) = (others, [])
                    case .sendOmission: (certain, droppable) = (others.filter { !isFaultyID[$0] }, others.filter { isFaultyID[$0] })
                    case .receiveOmission: (certain, droppable) = isFaultyID[q] ? ([], others) : (others, [])
                    case .generalOmission:
                        (certain, droppable) = isFaultyID[q] ? ([], others)
                            : (others.filter { !isFaultyID[$0] }, others.filter { isFaultyID[$0] })
                    }
                    // arrived[s]: senders whose message s reached q.
                    var arrived = [[Int]](repeating: [], count: m)
                    for p in certain { arrived[messageOfID[p]!].append(p) }
                    for s in 0..<m {
                        let candidates = droppable.filter { messageOfID[$0] == s }
                        for (i, p) in candidates.enumerated() {
                            if i < option.free[s] {
                                arrived[s].append(p)
                                if faults == .crash { receivers[p, default: []].append(q) }
                            } else if faults != .crash {
                                round.drops.append(Link(p, q))
                            }
                        }
                    }
                    if faults == .byzantine {
                        var sender = 0
                        for s in 0..<m {
                            for _ in 0..<option.free[s] {
                                let b = byzantine[sender]
                                sender += 1
                                round.forged.append(Forgery(sender: b, receiver: q, message: s))
                                arrived[s].append(b)
                            }
                        }
                    }
                    for s in 0..<m {
                        for p in arrived[s].sorted().prefix(option.lost[s]) { round.losses.append(Link(p, q)) }
                    }
                }
            }
            precondition(members.allSatisfy(\.isEmpty), "fast checker: a receiver has no move on the path")
            members = nextMembers
            round.crashes = crashers.sorted().map { Crash(process: $0, receivers: (receivers[$0] ?? []).sorted()) }
            round.drops.sort()
            round.losses.sort()
            round.forged.sort()
            schedule.append(round)
        }
        return Execution(inputs: inputsOf, faulty: faults.choosesFaultySetFirst ? faultySet.sorted() : [], rounds: schedule)
    }
}

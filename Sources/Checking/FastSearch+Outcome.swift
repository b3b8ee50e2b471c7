import Game
import SpecLanguage

extension FastSearch {
    /// A final configuration: project to the outcome (per tag and input, how many correct
    /// processes decided each value, how many faulty ones did, and how many never decided;
    /// and the messages lost when tracked), evaluate once per distinct projection.
    func finish(_ config: [UInt8]) throws(Stop) -> Tally {
        let width = 2 * decisions + 1
        var projection = [UInt8](repeating: 0, count: tags * inputs * width + (tracksLost ? 3 : 0))
        for c in 0..<aliveClassCount where config[c] > 0 {
            let d = Int(table.decision[stateOf(c)])
            if d == Int(TransitionTable.noDecision) {
                precondition(options.gaps == .skip, "fast checker: a final state has no decision")
                gaps[.decision(state: stateOf(c)), default: 0] += 1
                return Tally(total: 1, failing: 0, unknown: 0, gap: 1)
            }
            projection[(tagOf(c) * inputs + inputOf(c)) * width + (isFaulty(c) ? decisions : 0) + d] += config[c]
        }
        if !evaluatesOutcomes { return Tally(total: 1, failing: 0, unknown: 0) }
        for tag in 0..<tags {
            for v in 0..<inputs {
                projection[(tag * inputs + v) * width + 2 * decisions] += config[deadClass(tag: tag, input: v)]
            }
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

    /// Processes in projection order (merged) or by tag (unmerged).
    private func outcome(of projection: [UInt8], lost: Int) -> Outcome {
        let width = 2 * decisions + 1
        var processes: [ProcessOutcome] = []
        processes.reserveCapacity(n)
        for tag in 0..<tags {
            for v in 0..<inputs {
                for i in 0..<width {
                    let count = Int(projection[(tag * inputs + v) * width + i])
                    let p = i == 2 * decisions
                        ? ProcessOutcome(input: v, correct: false, decision: ProcessOutcome.noDecision, decisionRound: ProcessOutcome.noDecision)
                        : ProcessOutcome(input: v, correct: i < decisions, decision: i % decisions, rounds: table.setting.rounds)
                    processes.append(contentsOf: repeatElement(p, count: count))
                }
            }
        }
        return Outcome(processes, lost: lost)
    }

    /// Turns the path held in the round frames into one raw execution: processes are given ids
    /// (by tag when unmerged), faulty ones and crashers are the first members of their class,
    /// and a receiver whose option needs `free[s]` of the droppable (or Byzantine) messages in
    /// state `s` gets the first ones, then loses the first `lost[s]` of those in state `s` that
    /// arrived — the same choice `receiverView` and `moveOptions` counted.
    func concretePath() -> Execution {
        var members = [[Int]](repeating: [], count: aliveClassCount)
        var inputsOf = [Int](repeating: 0, count: n)
        var byzantine: [Int] = []
        var faultySet: [Int] = []
        var nextID = 0
        for c in 0..<classCount {
            for _ in 0..<Int(initialConfig[c]) {
                let tag = c < aliveClassCount ? tagOf(c) : (c - aliveClassCount) / inputs
                let id = merging ? nextID : tag
                nextID += 1
                if c < aliveClassCount {
                    inputsOf[id] = inputOf(c)
                    members[c].append(id)
                    if isFaulty(c) { faultySet.append(id) }
                } else {
                    inputsOf[id] = (c - aliveClassCount) % inputs
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
            var stateOfID = [Int?](repeating: nil, count: n)
            for c in 0..<aliveClassCount { for id in members[c] { stateOfID[id] = stateOf(c) } }
            var crashers: [Int] = []
            for c in 0..<aliveClassCount where frame.crashers[c] > 0 {
                crashers.append(contentsOf: members[c].prefix(frame.crashers[c]))
                members[c].removeFirst(frame.crashers[c])
            }
            let crashing = Set(crashers)
            let runners = (0..<n).filter { stateOfID[$0] != nil && !crashing.contains($0) }
            var receivers = [Int: [Int]]()
            var round = RoundSchedule()
            var nextMembers = [[Int]](repeating: [], count: aliveClassCount)
            for move in frame.moves {
                let option = frame.options[move.slot][move.option]
                let ids = members[move.from].prefix(move.count)
                members[move.from].removeFirst(move.count)
                let target = aliveClass(tag: tagOf(move.from), input: inputOf(move.from), faulty: isFaulty(move.from),
                                        state: option.target)
                for q in ids {
                    nextMembers[target].append(q)
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
                    // arrived[s]: senders whose message in state s reached q.
                    var arrived = [[Int]](repeating: [], count: k)
                    for p in certain { arrived[stateOfID[p]!].append(p) }
                    for s in 0..<k {
                        let candidates = droppable.filter { stateOfID[$0] == s }
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
                        for s in 0..<k {
                            for _ in 0..<option.free[s] {
                                let b = byzantine[sender]
                                sender += 1
                                round.forged.append(Forgery(sender: b, receiver: q, message: s))
                                arrived[s].append(b)
                            }
                        }
                    }
                    for s in 0..<k {
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

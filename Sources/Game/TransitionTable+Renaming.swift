import SpecLanguage

extension TransitionTable {
    /// The same protocol with its states renumbered: old state `s` becomes `order[s]`, with the
    /// name `stateNames[s]` kept. Every execution of the result is the execution of `self` with
    /// states renamed, so both satisfy the same specs (a spec sees decisions, never states).
    /// Without a message alphabet the messages are the states, so observations are renamed
    /// too (counts move between messages; a sender's message is renamed); with an alphabet
    /// only `send`'s domain moves.
    /// - Precondition: `order` is a permutation of `0..<stateCount`.
    /// - Complexity: O(|next| · (n + M)).
    public func renamingStates(_ order: [Int]) -> TransitionTable {
        precondition(order.count == stateCount && Set(order) == Set(0..<stateCount), "not a permutation of the states")
        var result = TransitionTable(setting: setting, stateCount: stateCount, roundAware: roundAware, stateNames: stateNames,
                                     messageCount: hasAlphabet ? messageCount : nil, messageNames: messageNames, bySender: bySender)
        for s in 0..<stateCount {
            result.stateNames[order[s]] = stateNames[s]
            result.decision[order[s]] = decision[s]
            if hasAlphabet { result.send[order[s]] = send[s] }
        }
        for v in initial.indices where initial[v] != Self.undefined { result.initial[v] = UInt8(order[Int(initial[v])]) }
        for entry in next.indices where next[entry] != Self.undefined {
            let info = informationSet(ofEntry: entry)
            let observation = hasAlphabet ? info.observation : renamedMessages(info.observation, order)
            guard let o = space.index(of: observation) else { preconditionFailure("a renamed observation left the space") }
            let target = result.entryIndex(round: info.round ?? 1, id: info.id ?? 0, state: order[info.state], observation: o)
            result.next[target] = UInt8(order[Int(next[entry])])
        }
        return result
    }

    /// `observation` with message `k` read as `order[k]`.
    private func renamedMessages(_ observation: Observation, _ order: [Int]) -> Observation {
        if let senders = observation.senders {
            let from = (0..<senders.processes).map { $0 == senders.receiver ? nil : senders.from($0).map { order[$0] } }
            return SenderObservation(from: from, receiver: senders.receiver).counted(messageCount: messageCount)
        }
        var heard = [Int](repeating: 0, count: messageCount)
        for k in 0..<messageCount { heard[order[k]] = observation.heard(k) }
        return Observation(heard: heard, missing: observation.missing)
    }

    /// The renumbering that names states after what they decide where that is unambiguous:
    /// a state that is the only one deciding `d` (with `d < K`) becomes state `d`; the other
    /// states keep their relative order in the numbers left. The identity when no state
    /// decides alone. - Complexity: O(K).
    public var decisionOrder: [Int] {
        var deciders = [Int: [Int]]()
        for s in 0..<stateCount where decision[s] >= 0 { deciders[Int(decision[s]), default: []].append(s) }
        var order = [Int](repeating: -1, count: stateCount)
        var taken = Set<Int>()
        for (d, states) in deciders where states.count == 1 && d < stateCount {
            order[states[0]] = d
            taken.insert(d)
        }
        var free = (0..<stateCount).filter { !taken.contains($0) }.makeIterator()
        for s in 0..<stateCount where order[s] < 0 { order[s] = free.next()! }
        return order
    }
}

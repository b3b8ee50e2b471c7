import Foundation
import Game

extension SenderSearch {
    /// One round from `config`: under crash faults every set of crashers first (at most the
    /// budget left, one raw choice each); then every combination of the receivers' options.
    func expand(round: Int, _ config: [UInt8]) throws(Stop) -> Tally {
        let frame = frames[round]
        for p in 0..<n {
            frame.messages[p] = state(config, p).map { messageOf[$0] } ?? -1
            frame.crashing[p] = false
        }
        var tally = Tally()
        if faults == .crash {
            let (_, crashed) = counts(config)
            try chooseCrashers(round: round, config, frame: frame, from: 0, budget: f - crashed, into: &tally)
        } else {
            try stepReceivers(round: round, config, frame: frame, into: &tally)
        }
        return tally
    }

    /// Every set of running processes from `p` on with at most `budget` members crashes (the
    /// empty set first, as `CrashFaults.forEachRoundSchedule` begins).
    private func chooseCrashers(round: Int, _ config: [UInt8], frame: SenderFrame, from p: Int, budget: Int,
                                into tally: inout Tally) throws(Stop) {
        guard p < n else { return try stepReceivers(round: round, config, frame: frame, into: &tally) }
        try chooseCrashers(round: round, config, frame: frame, from: p + 1, budget: budget, into: &tally)
        guard budget > 0, state(config, p) != nil else { return }
        frame.crashing[p] = true
        try chooseCrashers(round: round, config, frame: frame, from: p + 1, budget: budget - 1, into: &tally)
        frame.crashing[p] = false
    }

    /// What may arrive at receiver `q` from each other process, in increasing index: 0 nothing
    /// (it does not run, or is a receiver's own slot), `1 + m` certainly message `m`, `1 + M + m`
    /// message `m` or nothing (a crasher's, or a droppable link's), `1 + 2M` any message or
    /// nothing (a Byzantine sender's), under the setting's fault model.
    private func arrivalKinds(of q: Int, _ config: [UInt8], frame: SenderFrame) -> [UInt8] {
        var kinds = [UInt8](repeating: 0, count: n - 1)
        let receiverFaulty = isFaulty(config, q)
        var i = 0
        for p in 0..<n where p != q {
            defer { i += 1 }
            let message = frame.messages[p]
            if message < 0 {
                if faults == .byzantine && isFaulty(config, p) { kinds[i] = UInt8(1 + 2 * m) }
                continue
            }
            let droppable: Bool
            switch faults {
            case .crash: droppable = frame.crashing[p]
            case .byzantine: droppable = false
            case .sendOmission, .receiveOmission, .generalOmission:
                droppable = faults.mayDrop(senderFaulty: isFaulty(config, p), receiverFaulty: receiverFaulty)
            }
            kinds[i] = UInt8(1 + (droppable ? m : 0) + message)
        }
        return kinds
    }

    /// With this round's crashers fixed (crash faults; none otherwise): each receiver's options,
    /// then every combination of them.
    private func stepReceivers(round: Int, _ config: [UInt8], frame: SenderFrame, into tally: inout Tally) throws(Stop) {
        var successor = config
        frame.receivers.removeAll(keepingCapacity: true)
        frame.kinds.removeAll(keepingCapacity: true)
        frame.options.removeAll(keepingCapacity: true)
        var running = 0, faulty = 0
        for p in 0..<n {
            if frame.crashing[p] {
                // A crasher stops, is faulty from now on, and keeps its record.
                setState(nil, of: p, in: &successor)
                successor[p * Self.stride + 1] = 1
            } else if let s = state(config, p) {
                frame.receivers.append(p)
                let kinds = arrivalKinds(of: p, config, frame: frame)
                frame.kinds.append(kinds)
                frame.options.append(try receiverOptions(round: round, id: p, state: s, kinds: kinds))
                running += 1
            }
            if successor[p * Self.stride + 1] != 0 { faulty += 1 }
        }
        frame.runningAfter = running
        frame.faultyAfter = faulty
        if frame.chosen.count < frame.receivers.count {
            frame.chosen = [Int](repeating: 0, count: frame.receivers.count)
        }
        try combine(round: round, config, frame: frame, index: 0, lossLeft: lossBudget, successor: &successor,
                    weight: 1, gapped: false, into: &tally)
    }

    /// Receiver number `index` onwards takes each of its options (within the `lossLeft`
    /// messages the round may still lose); a complete combination moves to the next round, or,
    /// when some receiver's option reads an unset entry (gaps skipped), counts all its
    /// continuations as reaching a gap.
    private func combine(round: Int, _ config: [UInt8], frame: SenderFrame, index: Int, lossLeft: Int,
                         successor: inout [UInt8], weight: Double, gapped: Bool, into tally: inout Tally) throws(Stop) {
        if index == frame.receivers.count {
            if gapped {
                let mass = weight * continuations(round: round + 1, running: frame.runningAfter, faulty: frame.faultyAfter)
                tally.total += mass
                tally.gap += mass
                for i in frame.receivers.indices {
                    for entry in frame.options[i][frame.chosen[i]].entries where gaps[entry] == nil { gaps[entry] = mass }
                }
                return
            }
            if tracksLost { setLost(lost(in: config) + lossBudget - lossLeft, in: &successor) }
            tally.add(try explore(round: round + 1, successor), times: weight)
            return
        }
        let q = frame.receivers[index]
        let before = q * Self.stride
        let saved = (successor[before], successor[before + 2], successor[before + 3])
        let previous = record(config, q)
        for (i, option) in frame.options[index].enumerated() where option.losses <= lossLeft {
            frame.chosen[index] = i
            if option.target >= 0 {
                setState(option.target, of: q, in: &successor)
                setRecord(record(previous, after: round, in: option.target), of: q, in: &successor)
            }
            try combine(round: round, config, frame: frame, index: index + 1, lossLeft: lossLeft - option.losses,
                        successor: &successor, weight: weight * option.weight, gapped: gapped || option.target < 0,
                        into: &tally)
        }
        (successor[before], successor[before + 2], successor[before + 3]) = saved
    }
}

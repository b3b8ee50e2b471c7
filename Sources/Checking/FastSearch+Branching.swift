import Foundation
import Game

extension FastSearch {
    /// One round from `config`: under crash faults every choice of crashers per class first;
    /// then every distribution of each receiver class over its reachable (next state, losses)
    /// options.
    func expand(round: Int, _ config: [UInt8]) throws(Stop) -> Tally {
        let frame = frames[round]
        frame.aliveClasses = (0..<aliveClassCount).filter { config[$0] > 0 }
        var tally = Tally()
        if faults == .crash {
            var crashed = 0
            for c in aliveClassCount..<classCount { crashed += Int(config[c]) }
            try chooseCrashers(round: round, config, frame: frame, index: 0, budget: f - crashed, weight: 1, into: &tally)
        } else {
            try moveSurvivors(round: round, config, frame: frame, budget: 0, weight: 1, into: &tally)
        }
        return tally
    }

    private func chooseCrashers(round: Int, _ config: [UInt8], frame: RoundFrame, index: Int, budget: Int,
                                weight: Double, into tally: inout Tally) throws(Stop) {
        if index == frame.aliveClasses.count {
            try moveSurvivors(round: round, config, frame: frame, budget: budget, weight: weight, into: &tally)
            return
        }
        let c = frame.aliveClasses[index]
        let m = Int(config[c])
        for x in 0...min(m, budget) {
            frame.crashers[c] = x
            try chooseCrashers(round: round, config, frame: frame, index: index + 1, budget: budget - x,
                               weight: weight * binom[m][x], into: &tally)
        }
        frame.crashers[c] = 0
    }

    /// What a receiver in class `c` certainly hears (per message, itself excluded; as a
    /// mixed-radix number), which senders' messages it may or may not get (per message, packed
    /// 6 bits a message: senders whose message the adversary may drop), and from how many
    /// Byzantine senders — given the round's counts of every sender's message (`all`, as a radix
    /// number and a packed vector), of the correct ones' (radix) and of the faulty ones'
    /// (packed). No allocation: this runs for every class of every configuration.
    @inline(__always)
    private func receiverView(_ c: Int, all: (radix: Int, packed: UInt64), correctRadix: Int,
                              faulty: UInt64, byzantine: Int) -> (certainRadix: Int, droppable: UInt64, byzantine: Int) {
        let s = messageOf[stateOf(c)]
        let own = places[s], ownBit = UInt64(1) << (6 * UInt64(s))
        switch faults {
        case .crash: return (all.radix - own, faulty, 0)
        case .byzantine: return (all.radix - own, 0, byzantine)
        case .sendOmission:
            return isFaulty(c) ? (correctRadix, faulty - ownBit, 0) : (correctRadix - own, faulty, 0)
        case .receiveOmission:
            return isFaulty(c) ? (0, all.packed - ownBit, 0) : (all.radix - own, 0, 0)
        case .generalOmission:
            return isFaulty(c) ? (0, all.packed - ownBit, 0) : (correctRadix - own, faulty, 0)
        }
    }

    /// With this round's crashers fixed (crash faults; none otherwise): compute each receiver
    /// class's move options and branch on how its members spread over them.
    private func moveSurvivors(round: Int, _ config: [UInt8], frame: RoundFrame, budget: Int, weight: Double,
                               into tally: inout Tally) throws(Stop) {
        // Per message: senders every receiver may hear (`all`), the correct and the faulty ones.
        var all = [Int](repeating: 0, count: m)
        var correct = [Int](repeating: 0, count: m)
        var faulty = [Int](repeating: 0, count: m)
        var successor = [UInt8](repeating: 0, count: configLength)
        for c in aliveClassCount..<configLength { successor[c] = config[c] }
        frame.survivorClasses.removeAll(keepingCapacity: true)
        for c in frame.aliveClasses {
            let x = frame.crashers[c]
            let s = messageOf[stateOf(c)]
            let members = Int(config[c])
            if faults == .crash {
                // Crashers' messages may or may not arrive; survivors' always do. A crasher
                // keeps the decision it took before (its record).
                faulty[s] += x
                correct[s] += members - x
                all[s] += members - x
                successor[deadClass(tag: tagOf(c), input: inputOf(c), record: recordOf(c))] += UInt8(x)
            } else {
                all[s] += members
                if isFaulty(c) { faulty[s] += members } else { correct[s] += members }
            }
            if members > x { frame.survivorClasses.append(c) }
        }
        let byzantine = faults == .byzantine ? (aliveClassCount..<classCount).reduce(0) { $0 + Int(config[$1]) } : 0
        var allRadix = 0, correctRadix = 0
        var allPacked: UInt64 = 0, faultyPacked: UInt64 = 0
        for s in 0..<m {
            allRadix += all[s] * places[s]
            correctRadix += correct[s] * places[s]
            allPacked |= UInt64(all[s]) << (6 * UInt64(s))
            faultyPacked |= UInt64(faulty[s]) << (6 * UInt64(s))
        }
        frame.options.removeAll(keepingCapacity: true)
        var unset: [TableEntry] = []
        for c in frame.survivorClasses {
            let view = receiverView(c, all: (allRadix, allPacked), correctRadix: correctRadix, faulty: faultyPacked,
                                    byzantine: byzantine)
            switch try moveOptions(round: round, state: stateOf(c), certainRadix: view.certainRadix, droppable: view.droppable,
                                   byzantine: view.byzantine) {
            case .options(let options): frame.options.append(options)
            case .gap(let entry): unset.append(entry)
            }
        }
        if !unset.isEmpty {
            // Partial table: every continuation of this choice is undetermined.
            let mass: Double
            if faults == .crash {
                let survivors = correct.reduce(0, +)
                let heardChoices = ExecutionCount.crashReceiverChoices(survivors: survivors, crashers: faulty.reduce(0, +),
                                                                       table: lossTable)
                mass = weight * heardChoices * continuations(round: round + 1, running: survivors, faulty: f - budget)
            } else {
                mass = weight * continuations(round: round, running: runningCount(config), faulty: faultyCount(config))
            }
            tally.total += mass
            tally.gap += mass
            for entry in unset where gaps[entry] == nil { gaps[entry] = mass }
            return
        }
        frame.moves.removeAll(keepingCapacity: true)
        try distribute(round: round, config, frame: frame, slot: 0, lossLeft: lossBudget, successor: &successor,
                       weight: weight, into: &tally)
    }

    private func distribute(round: Int, _ config: [UInt8], frame: RoundFrame, slot: Int, lossLeft: Int,
                            successor: inout [UInt8], weight: Double, into tally: inout Tally) throws(Stop) {
        if slot == frame.survivorClasses.count {
            if tracksLost { setLost(lost(in: config) + lossBudget - lossLeft, in: &successor) }
            tally.add(try explore(round: round + 1, successor), times: weight)
            return
        }
        let c = frame.survivorClasses[slot]
        let members = Int(config[c]) - frame.crashers[c]
        try compose(round: round, config, frame: frame, slot: slot, option: 0, left: members, lossLeft: lossLeft,
                    successor: &successor, weight: weight, into: &tally)
    }

    /// Splits the `left` remaining members of receiver class `slot` over options `option...`,
    /// within the round's `lossLeft` lost messages. A member that moves to a state keeps its
    /// tag, input and faultiness, and its record unless it decides there now (early decision).
    /// Weight of a split `y`: multinomial(members; y) · Π weight_t^y_t.
    private func compose(round: Int, _ config: [UInt8], frame: RoundFrame, slot: Int, option: Int, left: Int, lossLeft: Int,
                         successor: inout [UInt8], weight: Double, into tally: inout Tally) throws(Stop) {
        let c = frame.survivorClasses[slot]
        let choices = frame.options[slot]
        let move = choices[option]
        let target = aliveClass(tag: tagOf(c), input: inputOf(c), faulty: isFaulty(c),
                                record: record(recordOf(c), after: round, in: move.target), state: move.target)
        let last = option == choices.count - 1
        let most = move.losses == 0 ? left : min(left, lossLeft / move.losses)
        if last && most < left { return }
        for y in (last ? left : 0)...most {
            let w = weight * binom[left][y] * pow(move.weight, Double(y))
            let spent = y * move.losses
            successor[target] += UInt8(y)
            if y > 0 { frame.moves.append((from: c, to: target, slot: slot, option: option, count: y)) }
            if last || y == left {
                try distribute(round: round, config, frame: frame, slot: slot + 1, lossLeft: lossLeft - spent,
                               successor: &successor, weight: w, into: &tally)
            } else {
                try compose(round: round, config, frame: frame, slot: slot, option: option + 1, left: left - y,
                            lossLeft: lossLeft - spent, successor: &successor, weight: w, into: &tally)
            }
            if y > 0 { frame.moves.removeLast() }
            successor[target] -= UInt8(y)
        }
    }

    /// Where a receiver class can go: its options, or the unset entry that blocks it.
    enum Moves {
        case options([MoveOption])
        case gap(TableEntry)
    }
}

import Foundation
import Game

extension FastSearch {
    /// One round from `config`: every choice of crashers per class, then every distribution of
    /// each survivor class over its reachable next states.
    func expand(round: Int, _ config: [UInt8]) throws(Stop) -> Tally {
        let frame = frames[round]
        frame.aliveClasses = (0..<aliveClassCount).filter { config[$0] > 0 }
        var crashed = 0
        for c in aliveClassCount..<classCount { crashed += Int(config[c]) }
        var tally = Tally()
        try chooseCrashers(round: round, config, frame: frame, index: 0, budget: f - crashed, weight: 1, into: &tally)
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

    /// With this round's crashers fixed: compute each survivor class's move options and branch
    /// on how its members spread over them.
    private func moveSurvivors(round: Int, _ config: [UInt8], frame: RoundFrame, budget: Int, weight: Double,
                               into tally: inout Tally) throws(Stop) {
        var crasherStates = [Int](repeating: 0, count: k)
        var survivorStates = [Int](repeating: 0, count: k)
        var successor = [UInt8](repeating: 0, count: classCount)
        for c in aliveClassCount..<classCount { successor[c] = config[c] }
        frame.survivorClasses.removeAll(keepingCapacity: true)
        for c in frame.aliveClasses {
            let x = frame.crashers[c]
            let s = stateOf(c)
            crasherStates[s] += x
            survivorStates[s] += Int(config[c]) - x
            successor[deadClass(tag: tagOf(c), input: inputOf(c))] += UInt8(x)
            if Int(config[c]) > x { frame.survivorClasses.append(c) }
        }
        var radix = 0
        for s in 0..<k { radix += survivorStates[s] * places[s] }
        frame.options.removeAll(keepingCapacity: true)
        var unset: [TableEntry] = []
        for c in frame.survivorClasses {
            switch try moveOptions(round: round, state: stateOf(c), survivorRadix: radix, crashers: crasherStates) {
            case .options(let options): frame.options.append(options)
            case .gap(let entry): unset.append(entry)
            }
        }
        if !unset.isEmpty {
            // Partial table: every continuation of this crash choice is undetermined.
            let survivors = survivorStates.reduce(0, +)
            let heardChoices = ExecutionCount.crashReceiverChoices(survivors: survivors, crashers: crasherStates.reduce(0, +),
                                                                   losses: table.setting.losses)
            let mass = weight * heardChoices * continuations(round: round + 1, running: survivors, faulty: f - budget)
            tally.total += mass
            tally.gap += mass
            for entry in unset where gaps[entry] == nil { gaps[entry] = mass }
            return
        }
        frame.moves.removeAll(keepingCapacity: true)
        try distribute(round: round, config, frame: frame, slot: 0, successor: &successor, weight: weight, into: &tally)
    }

    private func distribute(round: Int, _ config: [UInt8], frame: RoundFrame, slot: Int, successor: inout [UInt8],
                            weight: Double, into tally: inout Tally) throws(Stop) {
        if slot == frame.survivorClasses.count {
            tally.add(try explore(round: round + 1, successor), times: weight)
            return
        }
        let c = frame.survivorClasses[slot]
        let members = Int(config[c]) - frame.crashers[c]
        try compose(round: round, config, frame: frame, slot: slot, option: 0, left: members,
                    successor: &successor, weight: weight, into: &tally)
    }

    /// Splits the `left` remaining members of survivor class `slot` over options `option...`.
    /// Weight of a split `y`: multinomial(members; y) · Π weight_t^y_t.
    private func compose(round: Int, _ config: [UInt8], frame: RoundFrame, slot: Int, option: Int, left: Int,
                         successor: inout [UInt8], weight: Double, into tally: inout Tally) throws(Stop) {
        let c = frame.survivorClasses[slot]
        let choices = frame.options[slot]
        let move = choices[option]
        let target = aliveClass(tag: tagOf(c), input: inputOf(c), state: move.target)
        let last = option == choices.count - 1
        for y in (last ? left : 0)...left {
            let w = weight * binom[left][y] * pow(move.weight, Double(y))
            successor[target] += UInt8(y)
            if y > 0 { frame.moves.append((from: c, slot: slot, option: option, count: y)) }
            if last || y == left {
                try distribute(round: round, config, frame: frame, slot: slot + 1, successor: &successor, weight: w, into: &tally)
            } else {
                try compose(round: round, config, frame: frame, slot: slot, option: option + 1, left: left - y,
                            successor: &successor, weight: w, into: &tally)
            }
            if y > 0 { frame.moves.removeLast() }
            successor[target] -= UInt8(y)
        }
    }

    /// The next states a survivor in `state` can reach this round, given the survivors' state
    /// counts (as a mixed-radix number, the survivor itself included) and the crashers' state
    /// counts: one option per distinct target, weighted by the raw receiver choices leading there.
    /// - Throws: `.gap` when some reachable observation has no entry.
    func moveOptions(round: Int, state: Int, survivorRadix: Int, crashers: [Int]) throws(Stop) -> Moves {
        let slot = table.roundAware ? round - 1 : 0
        var packed: UInt64 = 0
        for s in 0..<k { packed |= UInt64(crashers[s]) << (6 * UInt64(s)) }
        let key = OptionKey(position: UInt64(slot) << 40 | UInt64(state) << 32 | UInt64(survivorRadix), crashers: packed)
        if let cached = optionCache[key] { return .options(cached) }
        if let entry = gapCache[key] { return .gap(entry) }

        var weights = [Double](repeating: 0, count: k)
        var witnesses = [[Int]?](repeating: nil, count: k)
        var heard = [Int](repeating: 0, count: k)
        let base = survivorRadix - places[state]
        let rowStart = (slot * k + state) * table.space.count
        while true {
            var radix = base
            var w = 1.0
            for s in 0..<k where heard[s] > 0 {
                radix += heard[s] * places[s]
                w *= binom[crashers[s]][heard[s]]
            }
            guard let o = table.space.index(radix: radix) else {
                preconditionFailure("fast checker: observation outside the setting (radix \(radix))")
            }
            let target = table.next[rowStart + o]
            if options.collectReads { readEntries.insert(rowStart + o) }
            if target == TransitionTable.undefined {
                guard options.gaps == .skip else {
                    throw .gap(ProtocolGap(round: round, state: state, observation: table.space.observations[o],
                                           stateNames: table.stateNames))
                }
                gapCache[key] = .next(rowStart + o)
                return .gap(.next(rowStart + o))
            }
            let t = Int(target)
            weights[t] += w
            if witnesses[t] == nil { witnesses[t] = heard }
            // Next heard-from-crashers vector (odometer over 0...crashers[s]).
            var s = 0
            while s < k {
                if heard[s] < crashers[s] { heard[s] += 1; break }
                heard[s] = 0
                s += 1
            }
            if s == k { break }
        }
        let result = (0..<k).compactMap { t in witnesses[t].map { MoveOption(target: t, weight: weights[t], witness: $0) } }
        optionCache[key] = result
        return .options(result)
    }

    /// Where a survivor class can go: its options, or the unset entry that blocks it.
    enum Moves {
        case options([MoveOption])
        case gap(TableEntry)
    }
}

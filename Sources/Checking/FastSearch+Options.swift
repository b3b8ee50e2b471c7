import Foundation
import Game

extension FastSearch {
    /// The (next state, losses) options of a receiver in `state` this round, given what it
    /// certainly hears (`certain[m]` messages `m`, as the mixed-radix `certainRadix`), the
    /// senders whose messages the adversary may drop (`droppable[m]` sending `m`, packed 6 bits
    /// a message) and the number of Byzantine senders (each sends any message or nothing): one option per
    /// distinct pair, weighted by the raw choices leading there — `Π C(droppable_k, h_k)` for the
    /// messages `h` that arrive of the droppable ones, a multinomial count for the Byzantine
    /// messages, and `Π C(heard_k, l_k)` for the lost ones (at most `L`, without `:losses` none).
    /// - Throws: `.gap` when some reachable observation has no entry (with `options.gaps == .fail`).
    /// - Complexity: O(Π (droppable_k + 1) · (Byzantine vectors) · (loss vectors)) once per key.
    func moveOptions(round: Int, state: Int, certainRadix: Int, droppable packed: UInt64, byzantine: Int) throws(Stop) -> Moves {
        let slot = table.roundAware ? round - 1 : 0
        let key = OptionKey(position: UInt64(slot) << 40 | UInt64(state) << 32 | UInt64(certainRadix), droppable: packed,
                            byzantine: byzantine)
        if let cached = optionCache[key] { return .options(cached) }
        if let entry = gapCache[key] { return .gap(entry) }
        // A miss: unpack the vectors (radix digits are base n, each count below n).
        let certain = (0..<m).map { (certainRadix / places[$0]) % n }
        let droppable = (0..<m).map { Int((packed >> (6 * UInt64($0))) & 0x3F) }

        let maxLosses = min(lossBudget, n - 1)
        let width = maxLosses + 1
        // Per (target state, losses): weight and one witness (vectors over the messages).
        var weights = [Double](repeating: 0, count: k * width)
        var frees = [[Int]?](repeating: nil, count: k * width)
        var losts = [[Int]]( repeating: [], count: k * width)
        let rowStart = (slot * k + state) * table.space.count
        var free = [Int](repeating: 0, count: m)
        var heard = [Int](repeating: 0, count: m)
        var lost = [Int](repeating: 0, count: m)
        // The free part: droppable messages that arrive (odometer), then Byzantine messages.
        var dropped = [Int](repeating: 0, count: m)
        while true {
            var dropWeight = 1.0
            for s in 0..<m where dropped[s] > 0 { dropWeight *= binom[droppable[s]][dropped[s]] }
            var forged = [Int](repeating: 0, count: m)
            while true {
                var sent = 0
                for s in 0..<m { sent += forged[s] }
                if sent <= byzantine {
                    // Multinomial: which Byzantine senders send which message (the rest nothing).
                    var forgeWeight = 1.0, left = byzantine
                    for s in 0..<m where forged[s] > 0 {
                        forgeWeight *= binom[left][forged[s]]
                        left -= forged[s]
                    }
                    for s in 0..<m {
                        free[s] = dropped[s] + forged[s]
                        heard[s] = certain[s] + free[s]
                        lost[s] = 0
                    }
                    // Lost messages among those that arrived (odometer, at most `maxLosses`).
                    while true {
                        var count = 0, lossWeight = 1.0, radix = 0
                        for s in 0..<m {
                            count += lost[s]
                            if lost[s] > 0 { lossWeight *= binom[heard[s]][lost[s]] }
                            radix += (heard[s] - lost[s]) * places[s]
                        }
                        if count <= maxLosses {
                            guard let o = table.space.index(radix: radix) else {
                                preconditionFailure("fast checker: observation outside the setting (radix \(radix))")
                            }
                            let target = table.next[rowStart + o]
                            if options.collectReads { readEntries.insert(rowStart + o) }
                            if target == TransitionTable.undefined {
                                guard options.gaps == .skip else {
                                    throw .gap(ProtocolGap(round: round, state: state, observation: table.space.observation(at: o, id: 0),
                                                           stateNames: table.stateNames, messageNames: table.messageLabels))
                                }
                                gapCache[key] = .next(rowStart + o)
                                return .gap(.next(rowStart + o))
                            }
                            let index = Int(target) * width + count
                            weights[index] += dropWeight * forgeWeight * lossWeight
                            if frees[index] == nil {
                                frees[index] = free
                                losts[index] = lost
                            }
                        }
                        guard maxLosses > 0, Self.advance(&lost, limits: heard) else { break }
                    }
                }
                guard byzantine > 0, Self.advance(&forged, limit: byzantine) else { break }
            }
            guard Self.advance(&dropped, limits: droppable) else { break }
        }
        var result: [MoveOption] = []
        for index in weights.indices {
            guard let witness = frees[index] else { continue }
            result.append(MoveOption(target: index / width, losses: index % width, weight: weights[index],
                                     free: witness, lost: losts[index]))
        }
        optionCache[key] = result
        return .options(result)
    }

    /// Next vector of an odometer with digit `s` in `0...limits[s]`; false after the last.
    @inline(__always)
    static func advance(_ digits: inout [Int], limits: [Int]) -> Bool {
        var s = 0
        while s < digits.count {
            if digits[s] < limits[s] { digits[s] += 1; return true }
            digits[s] = 0
            s += 1
        }
        return false
    }

    /// Next vector of an odometer with every digit in `0...limit`; false after the last.
    @inline(__always)
    static func advance(_ digits: inout [Int], limit: Int) -> Bool {
        var s = 0
        while s < digits.count {
            if digits[s] < limit { digits[s] += 1; return true }
            digits[s] = 0
            s += 1
        }
        return false
    }
}

import Foundation
import Game

extension SenderSearch {
    /// The (next state, losses) options of receiver `id` in `state` this round, given what may
    /// arrive from each other process (`kinds`, as `arrivalKinds` codes them): one option per
    /// distinct pair, weighted by the raw choices leading there — one per choice of what
    /// arrives (a crasher's or droppable message: it or nothing; a Byzantine sender: any of the
    /// `M` messages or nothing) times one per set of at most `L` arrived messages then lost.
    /// With gaps skipped, the choices whose observation has no `next` entry are grouped per
    /// number of messages lost into gap options (`target` -1) that name the entries.
    /// - Throws: `.gap` when some reachable observation has no entry (with `options.gaps == .fail`).
    /// - Complexity: O(Π choices per sender · loss sets · n) once per key (cached).
    func receiverOptions(round: Int, id q: Int, state: Int, kinds: [UInt8]) throws(Stop) -> [ReceiverOption] {
        let slot = table.roundAware ? round - 1 : 0
        let key = ReceiverKey(slot: slot, id: q, state: state, kinds: kinds)
        if let cached = optionCache[key] { return cached }
        let others = n - 1, base = m + 1
        // Per other process: the digits (0 = nothing, message + 1) that may arrive.
        let choices: [[UInt8]] = kinds.map { code in
            let c = Int(code)
            if c == 0 { return [0] }
            if c <= m { return [UInt8(c)] }
            if c <= 2 * m { return [0, UInt8(c - m)] }
            return (0...m).map(UInt8.init)
        }
        var places = [Int](repeating: 1, count: others)
        for i in 1..<max(others, 1) { places[i] = places[i - 1] * base }
        let maxLosses = min(lossBudget, others)
        let width = maxLosses + 1
        // Per (target, losses) — `k` targets, then the gap option — weight and one witness.
        var weights = [Double](repeating: 0, count: (k + 1) * width)
        var witnesses = [(arrived: [UInt8], lost: UInt32)?](repeating: nil, count: (k + 1) * width)
        var gapEntries = [Set<TableEntry>](repeating: [], count: width)
        var pick = [Int](repeating: 0, count: others)
        var arrived = [UInt8](repeating: 0, count: others)
        while true {
            var arrivedMask: UInt32 = 0, radix = 0
            for i in 0..<others {
                arrived[i] = choices[i][pick[i]]
                if arrived[i] != 0 { arrivedMask |= 1 << UInt32(i) }
                radix += Int(arrived[i]) * places[i]
            }
            // Every subset of the arrived messages with at most `maxLosses` members is lost.
            var lost: UInt32 = maxLosses == 0 ? 0 : arrivedMask
            while true {
                let losses = lost.nonzeroBitCount
                if losses <= maxLosses {
                    var observed = radix
                    if lost != 0 {
                        for i in 0..<others where lost & (1 << UInt32(i)) != 0 { observed -= Int(arrived[i]) * places[i] }
                    }
                    guard let o = table.space.index(radix: observed) else {
                        preconditionFailure("fast checker: observation outside the setting (radix \(observed))")
                    }
                    let entry = table.entryIndex(round: round, id: q, state: state, observation: o)
                    if options.collectReads { readEntries.insert(entry) }
                    let next = table.next[entry]
                    let target: Int
                    if next == TransitionTable.undefined {
                        guard options.gaps == .skip else {
                            throw .gap(ProtocolGap(round: round, id: q, state: state, observation: table.space.observation(at: o, id: q),
                                                   stateNames: table.stateNames, messageNames: table.messageLabels))
                        }
                        gapEntries[losses].insert(.next(entry))
                        target = k
                    } else {
                        target = Int(next)
                    }
                    let index = target * width + losses
                    weights[index] += 1
                    if witnesses[index] == nil { witnesses[index] = (arrived, lost) }
                }
                if lost == 0 || maxLosses == 0 { break }
                lost = (lost - 1) & arrivedMask
            }
            // Next choice of what arrives (odometer over the other processes).
            var i = 0
            while i < others {
                pick[i] += 1
                if pick[i] < choices[i].count { break }
                pick[i] = 0
                i += 1
            }
            if i == others { break }
        }
        var result: [ReceiverOption] = []
        for index in weights.indices {
            guard let witness = witnesses[index] else { continue }
            let target = index / width, losses = index % width
            result.append(ReceiverOption(target: target == k ? -1 : target, losses: losses, weight: weights[index],
                                         arrived: witness.arrived, lost: witness.lost,
                                         entries: target == k ? gapEntries[losses].sorted() : []))
        }
        optionCache[key] = result
        return result
    }
}

import SpecLanguage

/// Every observation a process can make in a setting with `stateCount` messages, numbered
/// densely — of one of two kinds, so that a table, a checker and the encoder read either through
/// this one interface:
///
/// - **counted** (anonymous processes): `heard(0) + … + heard(M-1) + missing == n-1` with
///   `missing <= maxMissing`, the most messages a process that takes a step can miss in one
///   round under the setting's adversary (`Setting.maxMissing`: `min(f, n-1)` under crash
///   faults without losses). Ranking goes through a mixed-radix array (base `n`, one digit per
///   message), so `n^M` is bounded by `ObservationSpace.maxRadixSize`.
/// - **by sender** (identities): for each of the `n-1` other processes, the message received
///   from it or none, at most `maxMissing` of them none. The numbering is relative to the
///   receiver: digit `i` (base `M+1`, 0 = none) is the `i`-th other process in increasing
///   index, so one numbering serves every `id` (`observation(at:id:)` gives the absolute view).
///   `(M+1)^(n-1)` is bounded by `maxRadixSize`.
public struct ObservationSpace: Hashable, Sendable {
    /// Whether observations record each sender (identities) or only count messages.
    public enum Kind: Hashable, Sendable { case counted, bySender }

    public let kind: Kind
    public let processes: Int
    /// The most messages a receiver can miss in one round.
    public let maxMissing: Int
    /// `M`: messages an observation tells apart (the states when messages are states).
    public let stateCount: Int
    /// Counted: dense index -> observation, in increasing `missing`, then lexicographic heard
    /// order. By sender: dense index -> the relative digits packed 4 bits each.
    let entries: [UInt64]
    /// Mixed-radix index -> dense index, or -1 when invalid (counted: `Σ heard(k)·n^k`; by
    /// sender: `Σ digit(i)·(M+1)^i`).
    let rankByRadix: [Int32]

    /// Largest radix space the engine holds (16 Mi entries of 4 bytes).
    public static let maxRadixSize = 1 << 22

    /// Whether a space for `n` processes and `stateCount` messages fits the engine.
    public static func fits(processes n: Int, stateCount: Int, kind: Kind = .counted) -> Bool {
        if kind == .bySender && (n > SenderObservation.maxProcesses || stateCount > SenderObservation.maxMessages) { return false }
        let (base, digits) = kind == .counted ? (n, stateCount) : (stateCount + 1, n - 1)
        var size = 1
        for _ in 0..<digits {
            size *= base
            if size > maxRadixSize { return false }
        }
        return true
    }

    /// Number of by-sender observations for `n` processes: digit strings over the `n-1` others
    /// with at most `maxMissing` of them none, `Σ_{z <= maxMissing} C(n-1, z) · M^(n-1-z)`.
    /// - Precondition: `fits(processes:stateCount:kind: .bySender)`. - Complexity: O(n²).
    public static func bySenderCount(processes n: Int, maxMissing: Int, stateCount m: Int) -> Int {
        var total = 0, choose = 1
        for z in 0...min(maxMissing, n - 1) {
            if z > 0 { choose = choose * (n - z) / z }
            var power = 1
            for _ in 0..<(n - 1 - z) { power *= m }
            total += choose * power
        }
        return total
    }

    /// The space of a setting with `stateCount` messages (`Setting.maxMissing` bounds `missing`).
    public init(setting: Setting, stateCount k: Int, kind: Kind = .counted) {
        self.init(processes: setting.processes, maxMissing: setting.maxMissing, stateCount: k, kind: kind)
    }

    /// - Precondition: `fits(processes:stateCount:kind:)`, `stateCount` in `1...8`, `n` in `2...63`.
    /// - Complexity: O(n^M) counted, O((M+1)^(n-1) · n) by sender.
    public init(processes n: Int, maxMissing: Int, stateCount k: Int, kind: Kind = .counted) {
        precondition(Self.fits(processes: n, stateCount: k, kind: kind), "observation space too large")
        precondition((1...8).contains(k) && (2...63).contains(n), "observation space parameters out of range")
        self.kind = kind
        processes = n
        self.maxMissing = min(maxMissing, n - 1)
        stateCount = k
        switch kind {
        case .counted: (entries, rankByRadix) = Self.counted(n: n, k: k, maxMissing: self.maxMissing)
        case .bySender: (entries, rankByRadix) = Self.bySender(n: n, k: k, maxMissing: self.maxMissing)
        }
    }

    private static func counted(n: Int, k: Int, maxMissing: Int) -> ([UInt64], [Int32]) {
        var size = 1
        for _ in 0..<k { size *= n }
        var rank = [Int32](repeating: -1, count: size)
        var list: [UInt64] = []
        for missing in 0...maxMissing {
            let total = n - 1 - missing
            // Enumerate heard vectors with the given sum.
            var heard = [Int](repeating: 0, count: k)
            func fill(_ index: Int, _ left: Int) {
                if index == k - 1 {
                    heard[index] = left
                    var radix = 0
                    var place = 1
                    for s in 0..<k { radix += heard[s] * place; place *= n }
                    rank[radix] = Int32(list.count)
                    list.append(Observation(heard: heard, missing: missing).packed)
                    return
                }
                for h in stride(from: left, through: 0, by: -1) {
                    heard[index] = h
                    fill(index + 1, left - h)
                }
            }
            fill(0, total)
        }
        return (list, rank)
    }

    private static func bySender(n: Int, k: Int, maxMissing: Int) -> ([UInt64], [Int32]) {
        var size = 1
        for _ in 0..<(n - 1) { size *= k + 1 }
        var rank = [Int32](repeating: -1, count: size)
        var list: [UInt64] = []
        for radix in 0..<size {
            var rest = radix, packed: UInt64 = 0, none = 0
            for i in 0..<(n - 1) {
                let digit = rest % (k + 1)
                rest /= k + 1
                if digit == 0 { none += 1 }
                packed |= UInt64(digit) << (4 * UInt64(i))
            }
            guard none <= maxMissing else { continue }
            rank[radix] = Int32(list.count)
            list.append(packed)
        }
        return (list, rank)
    }

    /// Whether observations record each sender.
    public var bySender: Bool { kind == .bySender }

    /// Every observation of a counted space, in index order.
    /// - Precondition: the space is counted (a space by sender depends on the receiver: use
    ///   `observation(at:id:)`). - Complexity: O(count).
    public var observations: [Observation] {
        precondition(kind == .counted, "observations by sender depend on the receiver; use observation(at:id:)")
        return entries.map(Observation.init(packed:))
    }

    /// Decodes the by-sender observation with dense index `index`, as process `id` sees it,
    /// into caller-owned buffers without allocating: `from[j]` the message from `j` (nil for
    /// none; `from[id]` is left as it was), `heard[m]` how many others sent `m`.
    /// - Returns: how many others sent nothing.
    /// - Precondition: the space is by sender, `from.count == processes`, `heard.count >= stateCount`.
    /// - Complexity: O(n + M).
    public func decodeSenders(at index: Int, id: Int, from: inout [Int?], heard: inout [Int]) -> Int {
        precondition(kind == .bySender && from.count == processes, "decodeSenders needs a space by sender")
        for m in 0..<stateCount { heard[m] = 0 }
        let digits = entries[index]
        var missing = 0
        for i in 0..<(processes - 1) {
            let digit = Int((digits >> (4 * UInt64(i))) & 0xF)
            if digit == 0 { missing += 1; from[i < id ? i : i + 1] = nil }
            else { heard[digit - 1] += 1; from[i < id ? i : i + 1] = digit - 1 }
        }
        return missing
    }

    /// The observation with dense index `index`, as process `id` sees it (`id` is ignored by
    /// a counted space). - Complexity: O(1) counted, O(n + M) by sender.
    public func observation(at index: Int, id: Int) -> Observation {
        switch kind {
        case .counted: return Observation(packed: entries[index])
        case .bySender:
            let digits = entries[index]
            var from = [Int?](repeating: nil, count: processes)
            for i in 0..<(processes - 1) {
                let digit = Int((digits >> (4 * UInt64(i))) & 0xF)
                from[i < id ? i : i + 1] = digit == 0 ? nil : digit - 1
            }
            return SenderObservation(from: from, receiver: id).counted(messageCount: stateCount)
        }
    }

    /// Dense index of an observation, or nil when it is not valid here: by its counts in a
    /// counted space, by its senders (relative to their receiver) in a space by sender, where
    /// an observation without senders has no index. - Complexity: O(M) counted, O(n) by sender.
    public func index(of observation: Observation) -> Int? {
        switch kind {
        case .counted: return countedIndex(of: observation)
        case .bySender:
            guard let senders = observation.senders, senders.processes == processes else { return nil }
            var radix = 0, place = 1
            for j in senders.senders {
                let digit = senders.from(j).map { $0 + 1 } ?? 0
                if digit > stateCount { return nil }
                radix += digit * place
                place *= stateCount + 1
            }
            return index(radix: radix)
        }
    }

    public var count: Int { entries.count }

    /// `n^k` for the radix digit of state `k` (a counted space).
    @inline(__always)
    public func place(of state: Int) -> Int {
        var p = 1
        for _ in 0..<state { p *= processes }
        return p
    }

    /// Dense index of the observation whose mixed-radix value is `radix` (counted: its heard
    /// vector; by sender: its relative digits), or nil when it is not a valid observation.
    /// - Complexity: O(1).
    @inline(__always)
    public func index(radix: Int) -> Int? {
        guard radix >= 0 && radix < rankByRadix.count else { return nil }
        let r = rankByRadix[radix]
        return r < 0 ? nil : Int(r)
    }

    private func countedIndex(of observation: Observation) -> Int? {
        var radix = 0
        var place = 1
        var sum = observation.missing
        for s in 0..<stateCount {
            let h = observation.heard(s)
            if h >= processes { return nil }
            radix += h * place
            place *= processes
            sum += h
        }
        guard sum == processes - 1 else { return nil }
        return index(radix: radix)
    }
}

import SpecLanguage

/// Every observation a process can make in a setting with `stateCount` states, numbered densely.
///
/// Valid observations: `heard(0) + … + heard(K-1) + missing == n-1` with `missing <= maxMissing`,
/// the most messages a process that takes a step can miss in one round under the setting's
/// adversary (`Setting.maxMissing`: `min(f, n-1)` under crash faults without losses).
/// Ranking goes through a mixed-radix array (base `n`, one digit per state), so
/// `n^K` is bounded by `ObservationSpace.maxRadixSize`.
public struct ObservationSpace: Hashable, Sendable {
    public let processes: Int
    /// The most messages a receiver can miss in one round.
    public let maxMissing: Int
    public let stateCount: Int
    /// Dense index -> observation, in increasing `missing`, then lexicographic heard order.
    public let observations: [Observation]
    /// Mixed-radix index (`Σ heard(k)·n^k`) -> dense index, or -1 when invalid.
    let rankByRadix: [Int32]

    /// Largest `n^K` the engine holds (16 Mi entries of 4 bytes).
    public static let maxRadixSize = 1 << 22

    /// Whether a space for `n` processes and `stateCount` states fits the engine.
    public static func fits(processes n: Int, stateCount: Int) -> Bool {
        var size = 1
        for _ in 0..<stateCount {
            size *= n
            if size > maxRadixSize { return false }
        }
        return true
    }

    /// The space of a setting with `stateCount` messages (`Setting.maxMissing` bounds `missing`).
    public init(setting: Setting, stateCount k: Int) {
        self.init(processes: setting.processes, maxMissing: setting.maxMissing, stateCount: k)
    }

    /// - Precondition: `fits(processes:stateCount:)`, `stateCount` in `1...8`, `n` in `2...63`.
    /// - Complexity: O(n^K).
    public init(processes n: Int, maxMissing: Int, stateCount k: Int) {
        precondition(Self.fits(processes: n, stateCount: k), "observation space too large")
        precondition((1...8).contains(k) && (2...63).contains(n), "observation space parameters out of range")
        processes = n
        self.maxMissing = min(maxMissing, n - 1)
        stateCount = k
        var size = 1
        for _ in 0..<k { size *= n }
        var rank = [Int32](repeating: -1, count: size)
        var list: [Observation] = []
        for missing in 0...self.maxMissing {
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
                    list.append(Observation(heard: heard, missing: missing))
                    return
                }
                for h in stride(from: left, through: 0, by: -1) {
                    heard[index] = h
                    fill(index + 1, left - h)
                }
            }
            fill(0, total)
        }
        observations = list
        rankByRadix = rank
    }

    public var count: Int { observations.count }

    /// `n^k` for the radix digit of state `k`.
    @inline(__always)
    public func place(of state: Int) -> Int {
        var p = 1
        for _ in 0..<state { p *= processes }
        return p
    }

    /// Dense index of the observation whose heard vector has mixed-radix value `radix`, or nil
    /// when it is not a valid observation. - Complexity: O(1).
    @inline(__always)
    public func index(radix: Int) -> Int? {
        guard radix >= 0 && radix < rankByRadix.count else { return nil }
        let r = rankByRadix[radix]
        return r < 0 ? nil : Int(r)
    }

    /// Dense index of an observation, or nil when it is not valid here. - Complexity: O(K).
    public func index(of observation: Observation) -> Int? {
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

/// What a process receives in one round (docs/semantics.md): for each state `k`, `heard(k)` = how many
/// of the other `n-1` processes' messages carried `k`, and `missing` = how many did not arrive.
///
/// Packed into one word: 6 bits per state count (up to `Setting.maxStates` = 8 states) and
/// 6 bits of `missing`, so it hashes and compares in O(1).
///
/// With identities (`:identities true`) it also holds who sent what (`senders`), from which the
/// counts are derived (`SenderObservation.counted`); without, `senders` is nil.
public struct Observation: Hashable, Sendable, Comparable {
    /// Bits `6k..<6k+6` hold `heard(k)`; bits `48..<54` hold `missing`.
    public private(set) var packed: UInt64
    /// Per sender the message received, under identities; nil when the observation only counts.
    public let senders: SenderObservation?

    static let bitsPerCount: UInt64 = 6
    static let countMask: UInt64 = 0x3F
    static let missingShift: UInt64 = 48

    /// - Precondition: `heard.count <= 8`, every count and `missing` in `0...63`.
    public init(heard: [Int], missing: Int, senders: SenderObservation? = nil) {
        self.senders = senders
        precondition(heard.count <= 8, "Observation holds at most 8 states")
        var p: UInt64 = 0
        for (k, h) in heard.enumerated() {
            precondition((0...63).contains(h), "heard count out of range")
            p |= UInt64(h) << (UInt64(k) * Self.bitsPerCount)
        }
        precondition((0...63).contains(missing), "missing count out of range")
        p |= UInt64(missing) << Self.missingShift
        packed = p
    }

    package init(packed: UInt64) {
        self.packed = packed
        senders = nil
    }

    /// The same counts without senders: what a table that only counts sees. - Complexity: O(1).
    public var countsOnly: Observation { Observation(packed: packed) }

    /// `heard(k)`. - Complexity: O(1).
    @inline(__always)
    public func heard(_ state: Int) -> Int {
        Int((packed >> (UInt64(state) * Self.bitsPerCount)) & Self.countMask)
    }

    /// How many of the other processes' messages did not arrive.
    @inline(__always)
    public var missing: Int { Int((packed >> Self.missingShift) & Self.countMask) }

    /// The heard counts of states `0..<stateCount`.
    public func heardCounts(stateCount: Int) -> [Int] { (0..<stateCount).map(heard) }

    public static func < (a: Observation, b: Observation) -> Bool {
        (a.packed, a.senders?.packed ?? 0) < (b.packed, b.senders?.packed ?? 0)
    }

    /// `heard(A)=1 heard(B)=0 missing=1`, with the protocol's message names (by sender under
    /// identities: `from(0)=A from(2)=none`).
    public func describe(stateNames: [String]) -> String {
        if let senders { return senders.describe(messageNames: stateNames) }
        let parts = stateNames.indices.map { "heard(\(stateNames[$0]))=\(heard($0))" }
        return (parts + ["missing=\(missing)"]).joined(separator: " ")
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): the package's one seeded random generator. The same
/// seed gives the same sequence on every platform and in every build, so a search, an
/// encoder initialisation or a randomized test replays from its seed.
///
/// Each `next()` is O(1): one addition, three shifts-and-xors and two multiplications.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is determined by `seed` alone (the state starts at `seed`).
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

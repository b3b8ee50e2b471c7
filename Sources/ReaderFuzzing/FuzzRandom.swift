/// The fuzzer's random numbers: SplitMix64, so every input is a pure function of the campaign's
/// seed and the input's index and can be replayed alone. (The test suite's `SeededGenerator`
/// is the same algorithm; this target does not depend on test support.)
struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The generator for input `index` of a campaign seeded with `seed`.
    init(seed: UInt64, index: Int) {
        var mixer = FuzzRandom(seed: seed ^ 0x5DEE_CE66_D1CE_4E5B)
        state = mixer.next() &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound > 0`).
    mutating func below(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &self) }

    /// True with probability `1 / n`.
    mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }
}

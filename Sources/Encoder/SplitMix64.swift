/// SplitMix64 (Steele, Lea, Flood 2014): the encoder's own seeded generator, so that the same
/// `EncoderConfig.seed` gives bitwise-identical initial parameters on every platform.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `[-bound, bound)`, from the top 24 bits (exactly representable as `Float`).
    mutating func uniform(_ bound: Float) -> Float {
        let unit = Float(next() >> 40) * 0x1p-24
        return (2 * unit - 1) * bound
    }
}

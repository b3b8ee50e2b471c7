import Utilities

extension SplitMix64 {
    /// Uniform in `[-bound, bound)`, from the top 24 bits of one draw (exactly representable
    /// as `Float`), so the same `EncoderConfig.seed` gives bitwise-identical initial parameters
    /// on every platform. - Complexity: O(1).
    mutating func uniform(_ bound: Float) -> Float {
        let unit = Float(next() >> 40) * 0x1p-24
        return (2 * unit - 1) * bound
    }
}

import Utilities

extension SplitMix64 {
    /// The search's only source of randomness, for `seed` from the options: SplitMix64 started
    /// at `seed` xor a fixed salt. The salt is part of what a seed means: changing it changes
    /// every seed's search.
    init(searchSeed seed: UInt64) { self.init(seed: seed ^ 0x5DEE_CE66_D1CE_4E5B) }

    /// Index drawn from unnormalized non-negative weights (uniform when they sum to 0).
    /// - Complexity: O(`weights.count`).
    mutating func pick(_ weights: [Float]) -> Int {
        let total = weights.reduce(0, +)
        guard total > 0 else { return Int.random(in: 0..<weights.count, using: &self) }
        var x = Float.random(in: 0..<total, using: &self)
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }
}

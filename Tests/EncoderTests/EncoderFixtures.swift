import TestSupport
import Utilities
@testable import Encoder

/// Random information sets and training targets for the encoder tests (seeded, so failures replay).
enum EncoderFixtures {
    /// A random observation of `n − 1` messages over `k` states; round-aware with probability
    /// `roundAwareShare` (round uniform in 1...rounds).
    static func input(_ g: inout SplitMix64, k: Int, n: Int, rounds: Int, roundAwareShare: Double = 0.5) -> EncoderInput {
        var heard = [Int](repeating: 0, count: k)
        var missing = 0
        for _ in 0..<(n - 1) {
            let slot = Int.random(in: 0...k, using: &g)
            if slot == k { missing += 1 } else { heard[slot] += 1 }
        }
        let roundAware = Double.random(in: 0..<1, using: &g) < roundAwareShare
        return EncoderInput(ownState: Int.random(in: 0..<k, using: &g), heard: heard, missing: missing,
                            round: roundAware ? Int.random(in: 1...rounds, using: &g) : nil)
    }

    /// A random input with a random target distribution (Dirichlet-like) and value.
    static func example(_ g: inout SplitMix64, k: Int, n: Int, rounds: Int) -> TrainingExample {
        let raw = (0..<k).map { _ in Float.random(in: 0.05..<1, using: &g) }
        let total = raw.reduce(0, +)
        return TrainingExample(input: input(&g, k: k, n: n, rounds: rounds),
                               policy: raw.map { $0 / total }, value: Float.random(in: 0..<1, using: &g))
    }

    /// Every information set of `k` states and `n` processes, each with and without round 1...rounds.
    static func allInputs(k: Int, n: Int, rounds: Int) -> [EncoderInput] {
        var result: [EncoderInput] = []
        func compositions(_ remaining: Int, _ slots: Int) -> [[Int]] {
            if slots == 1 { return [[remaining]] }
            return (0...remaining).flatMap { first in compositions(remaining - first, slots - 1).map { [first] + $0 } }
        }
        for split in compositions(n - 1, k + 1) {
            for own in 0..<k {
                for round in [nil] + (1...rounds).map(Optional.some) {
                    result.append(EncoderInput(ownState: own, heard: Array(split.prefix(k)), missing: split[k], round: round))
                }
            }
        }
        return result
    }
}

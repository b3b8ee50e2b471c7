import BLASKit
import Testing
import TestSupport
import Utilities
@testable import Encoder

@Suite(.serialized, .timeLimit(.minutes(5))) struct TrainingTests {
    static let k = 3, n = 4, rounds = 3

    /// The synthetic rule: move to state 0 once a 0 was heard, otherwise stay.
    static func rule(_ input: EncoderInput) -> Int { input.heard[0] >= 1 ? 0 : input.ownState }

    static func labelled(_ input: EncoderInput) -> TrainingExample {
        var policy = [Float](repeating: 0, count: k)
        policy[rule(input)] = 1
        return TrainingExample(input: input, policy: policy, value: input.heard[0] >= 1 ? 0.9 : 0.3)
    }

    @Test func learnsASyntheticRule() {
        BLAS.setThreads(1)
        let config = EncoderConfig(model: 16, heads: 2, layers: 1, ffHidden: 32, learningRate: 1e-2, seed: 3)
        let encoder = ActionEncoder(config: config, stateCount: Self.k, processes: Self.n, rounds: Self.rounds)
        let all = EncoderFixtures.allInputs(k: Self.k, n: Self.n, rounds: Self.rounds)
        var g = SplitMix64(seed: 17)
        func accuracy() -> Double {
            let outputs = encoder.predict(all)
            let correct = zip(all, outputs).filter { input, output in
                output.policy.indices.max { output.policy[$0] < output.policy[$1] } == Self.rule(input)
            }.count
            return Double(correct) / Double(all.count)
        }
        let before = accuracy()
        var firstLoss: Float = 0, lastLoss: Float = 0
        var steps = 0
        while steps < 400 {
            let batch = (0..<32).map { _ in Self.labelled(all.randomElement(using: &g)!) }
            let loss = encoder.train(batch)
            if steps == 0 { firstLoss = loss }
            lastLoss = loss
            steps += 1
            if steps % 50 == 0 && accuracy() > 0.99 { break }
        }
        let after = accuracy()
        #expect(after > 0.95, "accuracy \(before) → \(after) after \(steps) steps")
        #expect(lastLoss < firstLoss / 2, "loss \(firstLoss) → \(lastLoss)")
        // The value head learns the two levels too.
        let values = encoder.predict(all).map(\.value)
        let error = zip(all, values).map { abs($1 - Self.labelled($0).value) }.max()!
        #expect(error < 0.15, "value error \(error)")
    }

    @Test func sameSeedAndBatchesGiveBitwiseEqualParameters() {
        BLAS.setThreads(1)
        let config = EncoderConfig(model: 16, heads: 2, layers: 2, ffHidden: 32, seed: 123, gradientClipNorm: 0.5)
        let a = ActionEncoder(config: config, stateCount: 4, processes: 5, rounds: 3)
        let b = ActionEncoder(config: config, stateCount: 4, processes: 5, rounds: 3)
        #expect(a.parameters == b.parameters)
        var g = SplitMix64(seed: 8)
        for _ in 0..<5 {
            let batch = (0..<16).map { _ in EncoderFixtures.example(&g, k: 4, n: 5, rounds: 3) }
            #expect(a.train(batch) == b.train(batch))
        }
        #expect(a.parameters == b.parameters)
        let other = ActionEncoder(config: EncoderConfig(model: 16, heads: 2, layers: 2, ffHidden: 32, seed: 124),
                                  stateCount: 4, processes: 5, rounds: 3)
        #expect(other.parameters != ActionEncoder(config: config, stateCount: 4, processes: 5, rounds: 3).parameters)
    }

    @Test func gradientClippingBoundsTheStep() {
        BLAS.setThreads(1)
        var g = SplitMix64(seed: 4)
        let batch = (0..<8).map { _ in EncoderFixtures.example(&g, k: 3, n: 4, rounds: 2) }
        func firstStep(clip: Float?) -> [Float] {
            let config = EncoderConfig(model: 8, heads: 2, layers: 1, ffHidden: 16, learningRate: 0.1, gradientClipNorm: clip)
            let encoder = ActionEncoder(config: config, stateCount: 3, processes: 4, rounds: 2)
            encoder.train(batch)
            encoder.train(batch)
            return encoder.parameters
        }
        // Adam's first step is scale-free, the second is not once the scales differ; a huge
        // bound never triggers, so it matches no clipping exactly.
        #expect(firstStep(clip: nil) == firstStep(clip: 1e9))
        #expect(firstStep(clip: nil) != firstStep(clip: 1e-3))
    }
}

import BLASKit
import Foundation
import Testing
import TestSupport
import Utilities
@testable import Encoder

@Suite(.serialized, .timeLimit(.minutes(5))) struct OutputTests {
    @Test func outputsHaveTheDocumentedShape() {
        BLAS.setThreads(1)
        let encoder = ActionEncoder(config: EncoderConfig(), stateCount: 4, processes: 5, rounds: 3)
        var g = SplitMix64(seed: 1)
        let batch = (0..<10).map { _ in EncoderFixtures.input(&g, k: 4, n: 5, rounds: 3) }
        let outputs = encoder.predict(batch)
        #expect(outputs.count == 10)
        for output in outputs {
            #expect(output.logits.count == 4 && output.policy.count == 4)
            #expect(abs(output.policy.reduce(0, +) - 1) < 1e-5)
            #expect(output.value > 0 && output.value < 1)
        }
        #expect(encoder.predict([]).isEmpty)
        // Batching does not change an information set's output.
        let alone = encoder.predict([batch[3]])[0]
        #expect(zip(alone.logits, outputs[3].logits).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func parameterCountMatchesTheLayout() {
        let config = EncoderConfig()
        let encoder = ActionEncoder(config: config, stateCount: 3, processes: 3, rounds: 2)
        let d = 32, f = 64, tf = TokenFeature.width, af = ActionFeature.width
        let perLayer = 4 * d + 4 * d * d + d + d * f + f + f * d + d
        #expect(encoder.parameterCount == tf * d + 2 * perLayer + 2 * d + d * d + d + af * d + af + d + 1)
        #expect(encoder.parameters.count == encoder.parameterCount)
        #expect(encoder.parameterBlocks.last?.range.upperBound == encoder.parameterCount)
    }

    @Test func flopsMatchTheProductsIssued() {
        BLAS.setThreads(1)
        let encoder = ActionEncoder(config: EncoderConfig(model: 16, heads: 2, layers: 2, ffHidden: 24),
                                    stateCount: 3, processes: 4, rounds: 2)
        var g = SplitMix64(seed: 2)
        for roundAware in [false, true] {
            let batch = (0..<6).map { _ in
                var example = EncoderFixtures.example(&g, k: 3, n: 4, rounds: 2)
                example.input.round = roundAware ? 1 : nil
                return example
            }
            let expected = encoder.flops(batch: 6, roundAware: roundAware)
            let start = encoder.countedFlops
            _ = encoder.predict(batch.map(\.input))
            #expect(encoder.countedFlops - start == expected.forward)
            let middle = encoder.countedFlops
            _ = encoder.lossAndGradient(batch)
            #expect(encoder.countedFlops - middle == expected.forward + expected.backward)
        }
    }

    @Test func configRoundTripsThroughCodable() throws {
        let config = EncoderConfig(model: 8, heads: 4, seed: 99, activation: .relu, gradientClipNorm: 1)
        let data = try JSONEncoder().encode(config)
        #expect(try JSONDecoder().decode(EncoderConfig.self, from: data) == config)
    }
}

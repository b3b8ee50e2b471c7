import BLASKit
import Testing
import TestSupport
import Utilities
@testable import Encoder

/// Analytic gradients against central finite differences, block by block.
@Suite(.serialized, .timeLimit(.minutes(5))) struct GradientCheckTests {
    static let k = 3, n = 4, rounds = 3

    /// Tiny encoder with parameters jittered off their initial values (LayerNorm gains ≠ 1,
    /// biases ≠ 0), and a batch of 3 examples, some round-aware.
    static func fixture(_ activation: EncoderActivation = .gelu) -> (ActionEncoder, [TrainingExample]) {
        BLAS.setThreads(1)
        let config = EncoderConfig(model: 8, heads: 2, layers: 2, ffHidden: 16, seed: 7, activation: activation)
        let encoder = ActionEncoder(config: config, stateCount: k, processes: n, rounds: rounds)
        var g = SplitMix64(seed: 42)
        encoder.parameters = encoder.parameters.map { $0 + Float.random(in: -0.2...0.2, using: &g) }
        var batch = (0..<3).map { _ in EncoderFixtures.example(&g, k: k, n: n, rounds: rounds) }
        batch[0].input.round = 2          // at least one round-aware and one not
        batch[1].input.round = nil
        return (encoder, batch)
    }

    /// Per block: the largest relative error `|g − fd| / max(|g|, |fd|)` over the sampled
    /// coordinates whose gradient is not tiny, and how many such coordinates were compared.
    /// Samples the 4 largest-|g| coordinates of each block plus 4 random ones.
    static func check(_ encoder: ActionEncoder, _ batch: [TrainingExample], gradient: [Float],
                      epsilon: Float = 1e-2, floor: Double = 2e-3,
                      only: String? = nil) -> [(name: String, error: Double, compared: Int)] {
        var g = SplitMix64(seed: 3)
        let base = encoder.parameters
        var results: [(String, Double, Int)] = []
        for block in encoder.parameterBlocks where only == nil || only == block.name {
            let byMagnitude = block.range.sorted { abs(gradient[$0]) > abs(gradient[$1]) }
            let sample = Set(byMagnitude.prefix(4) + (0..<4).map { _ in block.range.randomElement(using: &g)! })
            var worst = 0.0, compared = 0
            for i in sample.sorted() {
                var plus = base, minus = base
                plus[i] += epsilon
                minus[i] -= epsilon
                encoder.parameters = plus
                let lossPlus = encoder.loss(batch)
                encoder.parameters = minus
                let lossMinus = encoder.loss(batch)
                let numeric = (lossPlus - lossMinus) / (Double(plus[i]) - Double(minus[i]))
                let analytic = Double(gradient[i])
                let scale = max(abs(numeric), abs(analytic))
                guard scale > floor else { continue }
                worst = max(worst, abs(numeric - analytic) / scale)
                compared += 1
            }
            results.append((block.name, worst, compared))
        }
        encoder.parameters = base
        return results
    }

    @Test(arguments: EncoderActivation.allCases)
    func everyBlockMatchesFiniteDifferences(_ activation: EncoderActivation) {
        let (encoder, batch) = Self.fixture(activation)
        let (_, gradient) = encoder.lossAndGradient(batch)
        // ReLU has kinks: a step of 1e-2 crosses some; 1e-3 does not here and is still above float noise.
        let results = Self.check(encoder, batch, gradient: gradient, epsilon: activation == .relu ? 1e-3 : 1e-2)
        #expect(results.count == encoder.parameterBlocks.count)
        for result in results {
            #expect(result.compared > 0, "block \(result.name): no coordinate with a non-tiny gradient")
            #expect(result.error < 2e-2, "block \(result.name): max relative error \(result.error)")
        }
    }

    /// The check is not vacuous: for every block, the gradient with that block's sign flipped,
    /// or scaled by 1.1, fails it.
    @Test func aWrongGradientFailsTheCheck() {
        let (encoder, batch) = Self.fixture()
        let (_, gradient) = encoder.lossAndGradient(batch)
        for block in encoder.parameterBlocks {
            for factor: Float in [-1, 1.1] {
                var wrong = gradient
                for i in block.range { wrong[i] *= factor }
                let results = Self.check(encoder, batch, gradient: wrong, only: block.name)
                #expect(results.count == 1 && results[0].error >= 2e-2, "block \(block.name) × \(factor) passed the check")
            }
        }
    }

    @Test func lossAndGradientLeavesParametersUnchanged() {
        let (encoder, batch) = Self.fixture()
        let before = encoder.parameters
        let first = encoder.lossAndGradient(batch)
        let second = encoder.lossAndGradient(batch)
        #expect(encoder.parameters == before)
        #expect(first.loss == second.loss && first.gradient == second.gradient)
        #expect(first.gradient.count == encoder.parameterCount)
        #expect(abs(Double(first.loss) - encoder.loss(batch)) < 1e-5)
    }
}

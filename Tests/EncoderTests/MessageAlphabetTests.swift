import BLASKit
import Testing
import TestSupport
import Utilities
@testable import Encoder

/// An encoder for a protocol with its own message alphabet (`messageCount: M`, as synthesis
/// with `:messages M` builds it): observations count `M` messages, candidate actions are still
/// the `K` states, and a message is never compared with a state.
@Suite(.serialized, .timeLimit(.minutes(5))) struct MessageAlphabetTests {
    static let k = 4, m = 2, n = 4, rounds = 3

    static func encoder(messageCount: Int? = m) -> ActionEncoder {
        BLAS.setThreads(1)
        let config = EncoderConfig(model: 8, heads: 2, layers: 2, ffHidden: 16, seed: 7)
        return ActionEncoder(config: config, stateCount: k, messageCount: messageCount, processes: n, rounds: rounds)
    }

    /// A random example over `M` messages with a target over the `K` states.
    static func example(_ g: inout SplitMix64) -> TrainingExample {
        var example = EncoderFixtures.example(&g, k: k, n: n, rounds: rounds)
        let messages = EncoderFixtures.input(&g, k: m, n: n, rounds: rounds)
        example.input.heard = messages.heard
        example.input.missing = messages.missing
        return example
    }

    @Test func policiesRangeOverStatesFromMessageCounts() {
        let encoder = Self.encoder()
        var g = SplitMix64(seed: 1)
        let batch = (0..<6).map { _ in Self.example(&g).input }
        for output in encoder.predict(batch) {
            #expect(output.policy.count == Self.k && output.logits.count == Self.k)
            #expect(abs(output.policy.reduce(0, +) - 1) < 1e-5)
        }
        // Counts per message matter.
        let a = EncoderInput(ownState: 3, heard: [2, 0], missing: 1, round: 2)
        let b = EncoderInput(ownState: 3, heard: [0, 2], missing: 1, round: 2)
        let outputs = encoder.predict([a, b])
        #expect(outputs[0].logits != outputs[1].logits)
    }

    /// Message tokens carry no position here either.
    @Test func shufflingMessageTokensChangesNothing() {
        let encoder = Self.encoder()
        var g = SplitMix64(seed: 2)
        let batch = (0..<6).map { _ in Self.example(&g).input }
        let reference = encoder.predict(batch)
        let swapped = encoder.predict(batch, tokenOrder: { t in [0, 2, 1] + Array(3..<t) })
        PermutationInvarianceTests.assertClose(reference, swapped)
    }

    /// A message is not a state: with an alphabet no feature compares a message with the own
    /// state (token column `sameAsOwn`) or a candidate target (the actions' heard columns);
    /// without one (M = K) both are set where they apply.
    @Test func messagesAreComparedWithStatesOnlyWhenTheyAreStates() {
        let input = EncoderInput(ownState: 1, heard: [1, 2], missing: 0, round: nil)
        let alphabet = Self.encoder().featurizer
        let plain = Self.encoder(messageCount: nil).featurizer
        let plainInput = EncoderInput(ownState: 1, heard: [1, 2, 0, 0], missing: 0, round: nil)
        func columns(_ featurizer: Featurizer, _ input: EncoderInput) -> (sameAsOwn: Float, heard: Float, messageTokens: Int) {
            let layout = BatchLayout([input], messageCount: featurizer.messageCount)
            let tokens = FloatStorage(count: layout.tokens * TokenFeature.width)
            let actions = FloatStorage(count: Self.k * ActionFeature.width)
            featurizer.writeTokens([input], layout: layout, into: tokens.buffer)
            featurizer.writeActions([input], into: actions.buffer)
            var sameAsOwn: Float = 0, heard: Float = 0, messageTokens = 0
            for row in 0..<layout.tokens {
                sameAsOwn += tokens.buffer[row * TokenFeature.width + TokenFeature.sameAsOwn]
                messageTokens += Int(tokens.buffer[row * TokenFeature.width + TokenFeature.type + TokenFeature.messageType])
            }
            for a in 0..<Self.k {
                heard += actions.buffer[a * ActionFeature.width + ActionFeature.heardNorm]
                heard += actions.buffer[a * ActionFeature.width + ActionFeature.heardAny]
            }
            return (sameAsOwn, heard, messageTokens)
        }
        let withAlphabet = columns(alphabet, input)
        #expect(withAlphabet.sameAsOwn == 0 && withAlphabet.heard == 0 && withAlphabet.messageTokens == Self.m)
        let messagesAreStates = columns(plain, plainInput)
        #expect(messagesAreStates.sameAsOwn == 1 && messagesAreStates.heard > 0 && messagesAreStates.messageTokens == Self.k)
    }

    @Test func gradientsMatchFiniteDifferences() {
        let encoder = Self.encoder()
        var g = SplitMix64(seed: 42)
        encoder.parameters = encoder.parameters.map { $0 + Float.random(in: -0.2...0.2, using: &g) }
        var batch = (0..<3).map { _ in Self.example(&g) }
        batch[0].input.round = 2
        batch[1].input.round = nil
        let (_, gradient) = encoder.lossAndGradient(batch)
        // A step of 1e-2 leaves a 2% truncation error on the embedding of these jittered
        // parameters; 3e-3 is well above float noise.
        let results = GradientCheckTests.check(encoder, batch, gradient: gradient, epsilon: 3e-3)
        #expect(results.count == encoder.parameterBlocks.count)
        for result in results {
            #expect(result.compared > 0, "block \(result.name): no coordinate with a non-tiny gradient")
            #expect(result.error < 2e-2, "block \(result.name): max relative error \(result.error)")
        }
    }
}

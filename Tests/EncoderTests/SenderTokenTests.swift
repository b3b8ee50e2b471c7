import BLASKit
import Testing
import TestSupport
import Utilities
@testable import Encoder

/// Information sets by sender (identities): `self` carries the own state and `id`, one token
/// per other process carries its message (or none) with its index relative to `id` and its
/// absolute index, and `round` when round-aware.
@Suite(.serialized, .timeLimit(.minutes(3))) struct SenderTokenTests {
    static let k = 3, n = 4, rounds = 3

    static func encoder(messageCount: Int? = nil, activation: EncoderActivation = .gelu) -> ActionEncoder {
        BLAS.setThreads(1)
        let config = EncoderConfig(model: 8, heads: 2, layers: 2, ffHidden: 16, seed: 7, activation: activation)
        return ActionEncoder(config: config, stateCount: k, messageCount: messageCount, processes: n, rounds: rounds)
    }

    /// A random information set by sender: each other process sent a random message or nothing.
    static func input(_ g: inout SplitMix64, messages: Int = k) -> EncoderInput {
        let senders: [Int?] = (1..<n).map { _ in
            let m = Int.random(in: 0...messages, using: &g)
            return m == messages ? nil : m
        }
        let round = Bool.random(using: &g) ? Int.random(in: 1...rounds, using: &g) : nil
        return EncoderInput(ownState: Int.random(in: 0..<k, using: &g), id: Int.random(in: 0..<n, using: &g),
                            senders: senders, messageCount: messages, round: round)
    }

    static func example(_ g: inout SplitMix64, messages: Int = k) -> TrainingExample {
        let raw = (0..<k).map { _ in Float.random(in: 0.05..<1, using: &g) }
        let total = raw.reduce(0, +)
        return TrainingExample(input: input(&g, messages: messages), policy: raw.map { $0 / total },
                               value: Float.random(in: 0..<1, using: &g))
    }

    @Test func theCountedViewIsDerived() {
        let input = EncoderInput(ownState: 1, id: 2, senders: [0, nil, 0], messageCount: 3, round: nil)
        #expect(input.heard == [2, 0, 0] && input.missing == 1)
        #expect(BatchLayout.tokenCount(input, messageCount: 3) == Self.n)
        var aware = input
        aware.round = 2
        #expect(BatchLayout.tokenCount(aware, messageCount: 3) == Self.n + 1)
    }

    /// The columns of each token (Featurizer.swift's by-sender table).
    @Test func tokensCarryRelativeAndAbsoluteIndices() {
        let encoder = Self.encoder()
        // Process 2 of 4: from 3 (r = 1) message 1, from 0 (r = 2) nothing, from 1 (r = 3) message 2.
        let input = EncoderInput(ownState: 1, id: 2, senders: [1, nil, 2], messageCount: Self.k, round: 3)
        let layout = BatchLayout([input], messageCount: Self.k)
        #expect(layout.tokens == 5)
        let features = Floats.allocate(capacity: layout.tokens * TokenFeature.width)
        defer { features.deallocate() }
        features.initialize(repeating: 0)
        encoder.featurizer.writeTokens([input], layout: layout, into: features)
        func row(_ t: Int) -> [Float] { (0..<TokenFeature.width).map { features[t * TokenFeature.width + $0] } }
        // One-hot columns set (the two normalised columns are read separately).
        func ones(_ r: [Float]) -> [Int] {
            r.indices.filter { r[$0] == 1 && $0 != TokenFeature.countNorm && $0 != TokenFeature.roundNorm }
        }
        let third = Float(1) / 3
        // self: type, own state 1, relative 0 (bucket 0), id 2.
        #expect(ones(row(0)) == [TokenFeature.selfType, TokenFeature.state + 1, TokenFeature.countBucket,
                                 TokenFeature.roundBucket + 2])
        #expect(row(0)[TokenFeature.roundNorm] == 2 * third && row(0)[TokenFeature.countNorm] == 0)
        // from process 3: message 1 (the own state), relative 1, absolute 3.
        #expect(ones(row(1)) == [TokenFeature.messageType, TokenFeature.state + 1, TokenFeature.countBucket + 1,
                                 TokenFeature.roundBucket + 3, TokenFeature.sameAsOwn])
        #expect(row(1)[TokenFeature.countNorm] == third && row(1)[TokenFeature.roundNorm] == 1)
        // from process 0: nothing, relative 2, absolute 0.
        #expect(ones(row(2)) == [TokenFeature.missingType, TokenFeature.countBucket + 2, TokenFeature.roundBucket])
        #expect(row(2)[TokenFeature.countNorm] == 2 * third && row(2)[TokenFeature.roundNorm] == 0)
        // from process 1: message 2, relative 3, absolute 1.
        #expect(ones(row(3)) == [TokenFeature.messageType, TokenFeature.state + 2, TokenFeature.countBucket + 3,
                                 TokenFeature.roundBucket + 1])
        // round 3.
        #expect(row(3)[TokenFeature.countNorm] == 1 && row(3)[TokenFeature.roundNorm] == third)
        #expect(ones(row(4)) == [TokenFeature.roundType, TokenFeature.roundBucket + 3])
        #expect(row(4)[TokenFeature.roundNorm] == 1 && row(4)[TokenFeature.countNorm] == 0)
    }

    /// Sender tokens are a set: any order of the stacked tokens gives the same output.
    @Test func senderTokensCarryNoPosition() {
        let encoder = Self.encoder()
        var g = SplitMix64(seed: 4)
        let batch = (0..<8).map { _ in Self.input(&g) }
        let reference = encoder.predict(batch)
        for _ in 0..<4 {
            let shuffled = encoder.predict(batch, tokenOrder: { t in [0] + Array(1..<Self.n).shuffled(using: &g) + Array(Self.n..<t) })
            PermutationInvarianceTests.assertClose(reference, shuffled)
        }
        PermutationInvarianceTests.assertClose(reference, encoder.predict(batch, tokenOrder: { t in Array((0..<t).reversed()) }))
    }

    /// Not vacuous: who sent what and the own index matter, though the counts are the same.
    @Test func sendersAndIndexChangeTheOutput() {
        let encoder = Self.encoder()
        let a = EncoderInput(ownState: 0, id: 1, senders: [2, nil, 0], messageCount: Self.k, round: 1)
        let swapped = EncoderInput(ownState: 0, id: 1, senders: [0, nil, 2], messageCount: Self.k, round: 1)
        let otherIndex = EncoderInput(ownState: 0, id: 3, senders: [2, nil, 0], messageCount: Self.k, round: 1)
        #expect(a.heard == swapped.heard && a.missing == swapped.missing)
        let outputs = encoder.predict([a, swapped, otherIndex])
        #expect(outputs[0].logits != outputs[1].logits)
        #expect(outputs[0].logits != outputs[2].logits)
    }

    /// Analytic gradients against finite differences on a batch by sender (both activations,
    /// messages as states and with an alphabet of 2).
    @Test(arguments: EncoderActivation.allCases, [nil, 2] as [Int?])
    func gradientsMatchFiniteDifferences(_ activation: EncoderActivation, _ messages: Int?) {
        let encoder = Self.encoder(messageCount: messages, activation: activation)
        var g = SplitMix64(seed: 42)
        encoder.parameters = encoder.parameters.map { $0 + Float.random(in: -0.2...0.2, using: &g) }
        var batch = (0..<3).map { _ in Self.example(&g, messages: messages ?? Self.k) }
        batch[0].input.round = 2
        batch[1].input.round = nil
        let (_, gradient) = encoder.lossAndGradient(batch)
        let results = GradientCheckTests.check(encoder, batch, gradient: gradient, epsilon: activation == .relu ? 1e-3 : 1e-2)
        #expect(results.count == encoder.parameterBlocks.count)
        for result in results {
            #expect(result.compared > 0, "block \(result.name): no coordinate with a non-tiny gradient")
            #expect(result.error < 2e-2, "block \(result.name): max relative error \(result.error)")
        }
    }

    @Test func flopsMatchTheProductsIssued() {
        let encoder = Self.encoder()
        var g = SplitMix64(seed: 2)
        for roundAware in [false, true] {
            let batch = (0..<6).map { _ in
                var example = Self.example(&g)
                example.input.round = roundAware ? 1 : nil
                return example
            }
            let expected = encoder.flops(batch: 6, roundAware: roundAware, bySender: true)
            let start = encoder.countedFlops
            _ = encoder.predict(batch.map(\.input))
            #expect(encoder.countedFlops - start == expected.forward)
            let middle = encoder.countedFlops
            _ = encoder.lossAndGradient(batch)
            #expect(encoder.countedFlops - middle == expected.forward + expected.backward)
        }
    }

    /// Training on inputs by sender lowers their loss (the encoder can fit a role: follow
    /// process 0 unless you are process 0).
    @Test func trainingFitsADesignatedSender() {
        let encoder = Self.encoder()
        var g = SplitMix64(seed: 8)
        let batch = (0..<32).map { _ -> TrainingExample in
            let input = Self.input(&g)
            let target = input.id == 0 ? input.ownState : (input.senders![(Self.n - input.id!) - 1] ?? input.ownState)
            return TrainingExample(input: input, policy: (0..<Self.k).map { $0 == target ? 1 : 0 }, value: 0.5)
        }
        let before = encoder.loss(batch)
        for _ in 0..<300 { encoder.train(batch) }
        let after = encoder.loss(batch)
        #expect(after < before * 0.5, "loss \(before) -> \(after)")
    }
}

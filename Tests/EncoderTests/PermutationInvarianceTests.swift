import BLASKit
import Testing
import TestSupport
import Utilities
@testable import Encoder

/// Message tokens carry no position: stacking an information set's tokens in another order
/// gives the same output up to float rounding.
@Suite(.serialized, .timeLimit(.minutes(5))) struct PermutationInvarianceTests {
    static let k = 5, n = 6, rounds = 4

    static func encoder() -> ActionEncoder {
        BLAS.setThreads(1)
        return ActionEncoder(config: EncoderConfig(model: 16, heads: 4, layers: 2, ffHidden: 32, seed: 11),
                             stateCount: k, processes: n, rounds: rounds)
    }

    static func batch() -> [EncoderInput] {
        var g = SplitMix64(seed: 5)
        return (0..<8).map { _ in EncoderFixtures.input(&g, k: k, n: n, rounds: rounds) }
    }

    static func assertClose(_ a: [EncoderOutput], _ b: [EncoderOutput], tolerance: Float = 1e-5) {
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) {
            #expect(abs(x.value - y.value) <= tolerance)
            for (p, q) in zip(x.logits, y.logits) { #expect(abs(p - q) <= tolerance * max(1, abs(p))) }
            for (p, q) in zip(x.policy, y.policy) { #expect(abs(p - q) <= tolerance) }
        }
    }

    @Test func shufflingMessageTokensChangesNothing() {
        let encoder = Self.encoder(), batch = Self.batch()
        let reference = encoder.predict(batch)
        var g = SplitMix64(seed: 9)
        for _ in 0..<5 {
            // Logical tokens 1...K are the messages; keep self, missing and round in place.
            let shuffled = encoder.predict(batch, tokenOrder: { t in
                [0] + Array(1...Self.k).shuffled(using: &g) + Array((Self.k + 1)..<t)
            })
            Self.assertClose(reference, shuffled)
        }
    }

    @Test func anyTokenOrderChangesNothing() {
        let encoder = Self.encoder(), batch = Self.batch()
        let reference = encoder.predict(batch)
        let reversed = encoder.predict(batch, tokenOrder: { t in Array((0..<t).reversed()) })
        Self.assertClose(reference, reversed)
    }

    /// Not vacuous: moving counts between two message kinds is a different observation and
    /// changes the output.
    @Test func swappingCountsBetweenKindsChangesTheOutput() {
        let encoder = Self.encoder()
        let a = EncoderInput(ownState: 1, heard: [3, 0, 1, 0, 0], missing: 1, round: 2)
        let b = EncoderInput(ownState: 1, heard: [0, 3, 1, 0, 0], missing: 1, round: 2)
        let outputs = encoder.predict([a, b])
        #expect(outputs[0].logits != outputs[1].logits)
    }
}

import Checking
import Foundation
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
@testable import Search

/// Synthesis reports the every-n check of a found protocol's compact rules: tried when the
/// rules hold at every larger n checked, and its verdict agrees with the explicit checks.
@Suite(.serialized, .timeLimit(.minutes(5))) struct EveryNSynthesisTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func spec(_ name: String) throws -> Spec { try Spec.load(path: root.appendingPathComponent("Specs/\(name).smt2").path) }

    /// Seeds whose compact rules generalize get "verify for every n >= 3"; seeds whose rules
    /// fail at a larger n get no every-n check at all.
    @Test func foundRulesAreProvedForEveryNWhenTheyGeneralize() throws {
        var proved = 0
        for seed in [1, 3] as [UInt64] {
            var options = SynthesisOptions()
            options.seed = seed
            options.useEncoder = false
            let result = try Synthesis.run(spec: try Self.spec("consensus3"), options: options)
            guard case .found = result.outcome, let generalization = result.generalization else {
                Issue.record("seed \(seed): \(result.outcome)"); continue
            }
            if generalization.failsAt == nil {
                #expect(result.everyN?.kind == .verified, "seed \(seed)")
                #expect(result.everyN?.from == 3)
                proved += 1
            } else {
                #expect(result.everyN == nil, "seed \(seed)")
            }
        }
        #expect(proved >= 1)
    }

    /// The summary of rules that fail from some n: violated there; of rules outside the
    /// fragment: not applicable, with the reason.
    @Test func summaryOfFailingAndInapplicableRules() throws {
        let short = try Self.spec("consensus3-short")
        let failing = try EveryNSummary.check(TestProtocols.floodset, spec: short)
        #expect(failing.kind == .violated && failing.violatedAt == 3)
        let named = try Spec.parse("""
            (set-info :processes 3)
            (set-info :crashes 1)
            (set-info :rounds 2)
            (assert (=> (correct p1) (= (decision p1) (input p1))))
            """, file: "named.smt2")
        let inapplicable = try EveryNSummary.check(TestProtocols.floodset, spec: named)
        #expect(inapplicable.kind == .notApplicable)
        #expect(inapplicable.reason?.contains("p1") == true)
    }
}

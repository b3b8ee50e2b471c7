import Checking
import Foundation
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
@testable import Search

/// How far rules generalize in n, on one thread and on several: the same answer.
@Suite(.serialized, .timeLimit(.minutes(5))) struct GeneralizationTests {
    static let spec = try! Spec.parse(TestSpecs.consensus(n: 3, f: 1, rounds: 2), file: "consensus.smt2")

    static func rules(_ next: String) throws -> ProtocolDefinition {
        try ProtocolDefinition.parse("states 0 1\ninit 0 -> 0, 1 -> 1\ndecide 0 -> 0, 1 -> 1\nnext\n\(next)", file: "rules")
    }

    /// FloodSet holds at every larger n; a guard reading `n` (FloodSet's at n = 3) fails at 4;
    /// one that waits for n - 3 zeros (FloodSet's up to n = 4) fails at 5: on 1 and 3 threads
    /// the same verified n and the same first failure.
    @Test(arguments: [("  heard(0) >= 1 -> 0\n  otherwise -> self\n", nil as Int?),
                      ("  heard(0) >= n - 2 -> 0\n  otherwise -> self\n", 4),
                      ("  heard(0) >= n - 3 -> 0\n  otherwise -> self\n", 5)])
    func severalThreadsAnswerAsOne(_ next: String, failsAt: Int?) throws {
        let rules = try Self.rules(next)
        let one = try Generalization.check(rules, spec: Self.spec, bound: 7)
        let three = try Generalization.check(rules, spec: Self.spec, bound: 7, threads: 3)
        #expect(one == three)
        #expect(one.failsAt == failsAt, "\(one)")
        #expect(one.verified == Array(4..<(failsAt ?? 8)))
    }

    /// `Synthesis.generalize` with two jobs runs the every-n check beside the larger n: the
    /// same answers as with one, and no every-n answer where some n fails.
    @Test func everyNBesideTheLargerN() throws {
        for (next, holds) in [("  heard(0) >= 1 -> 0\n  otherwise -> self\n", true), ("  heard(0) >= n - 2 -> 0\n  otherwise -> self\n", false)] {
            let rules = try Self.rules(next)
            var options = SynthesisOptions()
            options.jobs = 1
            let one = try Synthesis.generalize(rules, spec: Self.spec, bound: 6, options: options)
            options.jobs = 2
            let two = try Synthesis.generalize(rules, spec: Self.spec, bound: 6, options: options)
            #expect(one.0 == two.0)
            #expect(one.1?.kind == two.1?.kind && one.1?.from == two.1?.from)
            #expect((one.1 != nil) == holds, "\(String(describing: one.1))")
        }
    }
}

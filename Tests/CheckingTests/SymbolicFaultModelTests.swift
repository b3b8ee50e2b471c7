import Foundation
import Game
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Checking

/// The symbolic checker under every fault model, with and without lossy links, against the
/// brute-force reference on seeded random tables: the same verdict (verified or violated), a
/// gap from both or from neither, and every symbolic counterexample replays through the
/// simulator into an outcome that fails the spec; with gaps skipped, the symbolic checker
/// agrees wherever no gap is reachable and otherwise never verifies.
@Suite(.serialized, .timeLimit(.minutes(5))) struct SymbolicFaultModelTests {
    /// One setting: `count` random tables with `states` states (every third round-aware, every
    /// fourth with about a tenth of its `next` entries undefined).
    struct Case: CustomStringConvertible, Sendable {
        var setting: Setting
        var states: Int
        var count: Int
        var description: String {
            let s = setting
            return "\(s.faults.name) n=\(s.processes) f=\(s.crashes) L=\(s.losses) R=\(s.rounds) K=\(states)"
        }
    }

    static func setting(_ faults: FaultKind, n: Int, f: Int, rounds: Int, losses: Int = 0) -> Setting {
        Setting(processes: n, crashes: f, rounds: rounds, inputs: 2, decisions: 2, faults: faults, losses: losses)
    }

    /// 700 tables: 130 to 150 per model, about half with lossy links; several let a
    /// process miss more messages than `f` (receive and general omission with `f < n-1`, lossy
    /// links), which the observation space holds (`Setting.maxMissing`).
    /// `GGMS_DIFFERENTIAL_SCALE` (default 1) multiplies every count (the campaign of
    /// `Results/differential-faults.md`).
    static let scale = Int(ProcessInfo.processInfo.environment["GGMS_DIFFERENTIAL_SCALE"] ?? "") ?? 1

    static let cases: [Case] = [
        Case(setting: setting(.crash, n: 3, f: 1, rounds: 2), states: 2, count: 50 * scale),
        Case(setting: setting(.crash, n: 4, f: 2, rounds: 1), states: 2, count: 10 * scale),
        Case(setting: setting(.crash, n: 3, f: 2, rounds: 1, losses: 1), states: 2, count: 40 * scale),
        Case(setting: setting(.crash, n: 2, f: 1, rounds: 2, losses: 1), states: 2, count: 30 * scale),
        Case(setting: setting(.crash, n: 3, f: 1, rounds: 1, losses: 1), states: 2, count: 10 * scale),
        Case(setting: setting(.sendOmission, n: 3, f: 1, rounds: 2), states: 2, count: 60 * scale),
        Case(setting: setting(.sendOmission, n: 4, f: 1, rounds: 1), states: 2, count: 20 * scale),
        Case(setting: setting(.sendOmission, n: 3, f: 2, rounds: 1, losses: 1), states: 2, count: 60 * scale),
        Case(setting: setting(.sendOmission, n: 3, f: 1, rounds: 1, losses: 1), states: 2, count: 10 * scale),
        Case(setting: setting(.receiveOmission, n: 3, f: 2, rounds: 1), states: 2, count: 50 * scale),
        Case(setting: setting(.receiveOmission, n: 3, f: 2, rounds: 2), states: 2, count: 10 * scale),
        Case(setting: setting(.receiveOmission, n: 2, f: 1, rounds: 2), states: 3, count: 20 * scale),
        Case(setting: setting(.receiveOmission, n: 2, f: 1, rounds: 2, losses: 1), states: 2, count: 50 * scale),
        Case(setting: setting(.receiveOmission, n: 3, f: 1, rounds: 1), states: 2, count: 10 * scale),
        Case(setting: setting(.generalOmission, n: 3, f: 2, rounds: 1), states: 2, count: 50 * scale),
        Case(setting: setting(.generalOmission, n: 2, f: 1, rounds: 2), states: 3, count: 20 * scale),
        Case(setting: setting(.generalOmission, n: 2, f: 1, rounds: 2, losses: 1), states: 2, count: 50 * scale),
        Case(setting: setting(.generalOmission, n: 3, f: 1, rounds: 2), states: 2, count: 10 * scale),
        Case(setting: setting(.byzantine, n: 3, f: 1, rounds: 2), states: 2, count: 60 * scale),
        Case(setting: setting(.byzantine, n: 4, f: 1, rounds: 1), states: 2, count: 20 * scale),
        Case(setting: setting(.byzantine, n: 3, f: 2, rounds: 1, losses: 1), states: 2, count: 50 * scale),
        Case(setting: setting(.byzantine, n: 3, f: 1, rounds: 1, losses: 1), states: 2, count: 10 * scale),
    ]

    /// The five differential specs at `setting`, with its fault model and losses.
    static func specs(_ setting: Setting) throws -> [Spec] {
        let n = setting.processes, f = setting.crashes, r = setting.rounds
        let texts = [TestSpecs.consensus(n: n, f: f, rounds: r), TestSpecs.validityOnly(n: n, f: f, rounds: r),
                     TestSpecs.asymmetric(n: n, f: f, rounds: r), TestSpecs.derivedVocabulary(n: n, f: f, rounds: r),
                     TestSpecs.indexed(n: n, f: f, rounds: r)]
        let attributes = "(set-info :faults \(setting.faults.name))\n(set-info :losses \(setting.losses))\n(set-info :rounds"
        return try texts.enumerated().map { i, text in
            try Spec.parse(text.replacingOccurrences(of: "(set-info :rounds", with: attributes), file: "spec\(i).smt2")
        }
    }

    /// What a checker answered: a verdict's kind, or a gap.
    typealias Answer = SymbolicAgainstBruteForce.Answer

    @Test(arguments: cases)
    func symbolicEqualsBruteForce(_ c: Case) throws {
        let clock = Date()
        var rng = SplitMix64(seed: 0xFA17 &+ UInt64(c.setting.faults.name.count * 10_000 + c.setting.processes * 1000
                                                    + c.setting.crashes * 100 + c.setting.losses * 10 + c.setting.rounds))
        let specs = try Self.specs(c.setting)
        #expect(specs.allSatisfy { $0.setting == c.setting })
        let evaluators = try specs.map { try SpecEvaluator(spec: $0) }
        var answers: [Answer: Int] = [:]
        for index in 0..<c.count {
            var table = RandomTables.make(c.setting, stateCount: c.states, roundAware: index % 3 == 2, using: &rng)
            if index % 4 == 3 {
                for e in table.next.indices where Double.random(in: 0..<1, using: &rng) < 0.1 {
                    table.next[e] = TransitionTable.undefined
                }
            }
            let which = index % specs.count
            let spec = specs[which], evaluator = evaluators[which]
            let label = "\(c) #\(index) \(spec.file)"
            let (brute, symbolic, _) = try SymbolicAgainstBruteForce.compare(table, spec, evaluator, label)
            #expect(symbolic == brute, "\(label): symbolic \(symbolic), brute force \(brute)")
            try SymbolicAgainstBruteForce.checkSkippingGaps(table, spec, evaluator, brute: brute, label)
            answers[symbolic, default: 0] += 1
        }
        // The sample must exercise both verdicts (or, beyond the space, gaps), or the comparison
        // proves little.
        #expect((answers[.verdict(.verified)] ?? 0) > 0 && (answers[.verdict(.violated)] ?? 0) > 0, "\(c): \(answers)")
    }
}

import Foundation
import Game
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Checking

/// The symbolic checker with message alphabets (`send`, Byzantine messages over the alphabet)
/// and early decision (decisions and decision rounds as `DecisionRecord` makes them) against
/// the brute-force reference on seeded random tables, under crash faults, the three omission
/// models and Byzantine faults, some with lossy links: the same verdict, a gap from both or from
/// neither, every symbolic counterexample replays through the simulator into an outcome that
/// fails the spec, and with gaps skipped the symbolic checker agrees wherever no gap is
/// reachable and otherwise never verifies.
@Suite(.serialized, .timeLimit(.minutes(5))) struct SymbolicAlphabetEarlyDecisionTests {
    static func setting(_ faults: FaultKind, n: Int, f: Int, rounds: Int, losses: Int = 0, early: Bool) -> Setting {
        Setting(processes: n, crashes: f, rounds: rounds, inputs: 2, decisions: 2, faults: faults, losses: losses,
                earlyDecision: early)
    }

    /// `GGMS_DIFFERENTIAL_SCALE` (default 1) multiplies every count.
    static let scale = Int(ProcessInfo.processInfo.environment["GGMS_DIFFERENTIAL_SCALE"] ?? "") ?? 1

    /// 1,180 tables at scale 1: 400 under crash faults, 610 under the omission models, 170
    /// Byzantine; 1,030 with early decision (each state decides with probability 1/2), 1,020
    /// with an alphabet (a random `send` into `M` messages, `M < K` or `M = K`), 180 with
    /// lossy links. Every third table is round-aware and every fourth has about a tenth of its
    /// `next` entries undefined. Each table is checked against one of the case's specs in turn
    /// (`DifferentialCase.specs`: with early decision, two that read `decided` and
    /// `decision-round` as well).
    static let cases: [DifferentialCase] = [
        DifferentialCase(setting: setting(.crash, n: 3, f: 1, rounds: 2, early: true), states: 3, roundAware: false,
                         count: 100 * scale, messages: 2),
        DifferentialCase(setting: setting(.crash, n: 3, f: 1, rounds: 2, early: true), states: 4, roundAware: false,
                         count: 40 * scale, messages: 3),
        DifferentialCase(setting: setting(.crash, n: 3, f: 2, rounds: 2, early: true), states: 2, roundAware: false,
                         count: 80 * scale),
        DifferentialCase(setting: setting(.crash, n: 3, f: 1, rounds: 2, early: false), states: 3, roundAware: false,
                         count: 40 * scale, messages: 2),
        DifferentialCase(setting: setting(.crash, n: 4, f: 2, rounds: 1, early: true), states: 3, roundAware: false,
                         count: 30 * scale, messages: 2),
        DifferentialCase(setting: setting(.crash, n: 3, f: 2, rounds: 1, losses: 1, early: true), states: 4,
                         roundAware: false, count: 40 * scale, messages: 2),
        DifferentialCase(setting: setting(.crash, n: 2, f: 1, rounds: 3, early: true), states: 3, roundAware: false,
                         count: 70 * scale, messages: 2),
        DifferentialCase(setting: setting(.sendOmission, n: 3, f: 1, rounds: 2, early: true), states: 3,
                         roundAware: false, count: 90 * scale, messages: 2),
        DifferentialCase(setting: setting(.sendOmission, n: 3, f: 2, rounds: 1, losses: 1, early: true), states: 2,
                         roundAware: false, count: 40 * scale),
        DifferentialCase(setting: setting(.sendOmission, n: 3, f: 1, rounds: 2, early: false), states: 3,
                         roundAware: false, count: 40 * scale, messages: 2),
        DifferentialCase(setting: setting(.receiveOmission, n: 3, f: 2, rounds: 1, early: true), states: 3,
                         roundAware: false, count: 60 * scale, messages: 2),
        DifferentialCase(setting: setting(.receiveOmission, n: 2, f: 1, rounds: 2, early: true), states: 3,
                         roundAware: false, count: 80 * scale, messages: 2),
        DifferentialCase(setting: setting(.receiveOmission, n: 3, f: 1, rounds: 1, early: true), states: 4,
                         roundAware: false, count: 40 * scale, messages: 3),
        DifferentialCase(setting: setting(.receiveOmission, n: 3, f: 1, rounds: 2, early: true), states: 2,
                         roundAware: false, count: 40 * scale),
        DifferentialCase(setting: setting(.generalOmission, n: 3, f: 2, rounds: 1, early: true), states: 3,
                         roundAware: false, count: 80 * scale, messages: 2),
        DifferentialCase(setting: setting(.generalOmission, n: 2, f: 1, rounds: 2, losses: 1, early: true), states: 4,
                         roundAware: false, count: 40 * scale, messages: 2),
        DifferentialCase(setting: setting(.generalOmission, n: 3, f: 1, rounds: 2, early: true), states: 3,
                         roundAware: false, count: 40 * scale, messages: 2),
        DifferentialCase(setting: setting(.generalOmission, n: 2, f: 1, rounds: 2, early: false), states: 3,
                         roundAware: false, count: 30 * scale, messages: 2),
        DifferentialCase(setting: setting(.sendOmission, n: 2, f: 1, rounds: 3, losses: 1, early: true), states: 3,
                         roundAware: false, count: 30 * scale, messages: 2),
        DifferentialCase(setting: setting(.byzantine, n: 3, f: 1, rounds: 2, early: true), states: 3, roundAware: false,
                         count: 80 * scale, messages: 2),
        DifferentialCase(setting: setting(.byzantine, n: 4, f: 1, rounds: 1, early: true), states: 3, roundAware: false,
                         count: 20 * scale, messages: 2),
        DifferentialCase(setting: setting(.byzantine, n: 3, f: 1, rounds: 2, early: false), states: 2,
                         roundAware: false, count: 40 * scale, messages: 2),
        DifferentialCase(setting: setting(.byzantine, n: 3, f: 1, rounds: 1, losses: 1, early: true), states: 3,
                         roundAware: false, count: 30 * scale, messages: 3),
    ]

    /// What a checker answered: a verdict's kind, or a gap.
    typealias Answer = SymbolicAgainstBruteForce.Answer

    /// A seed that depends on the case only (FNV-1a of its description).
    static func seed(_ c: DifferentialCase) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in c.description.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    @Test(arguments: cases)
    func symbolicEqualsBruteForce(_ c: DifferentialCase) throws {
        var rng = SplitMix64(seed: Self.seed(c))
        let specs = try c.specs
        #expect(specs.allSatisfy { $0.setting == c.setting })
        let evaluators = try specs.map { try SpecEvaluator(spec: $0) }
        var answers: [Answer: Int] = [:]
        var earlyDeciders = 0, crashedDeciders = 0
        for index in 0..<c.count {
            var table = RandomTables.make(c.setting, stateCount: c.states, roundAware: c.roundAware || index % 3 == 2,
                                          messageCount: c.messages, using: &rng)
            if index % 4 == 3 {
                for e in table.next.indices where Double.random(in: 0..<1, using: &rng) < 0.1 {
                    table.next[e] = TransitionTable.undefined
                }
            }
            let which = index % specs.count
            let spec = specs[which], evaluator = evaluators[which]
            let label = "\(c) #\(index) \(spec.file)"
            let (brute, symbolic, symbolicReport) = try SymbolicAgainstBruteForce.compare(table, spec, evaluator, label)
            if let report = symbolicReport, case .violated(let cex) = report.verdict {
                let processes = cex.outcome.processes
                if processes.contains(where: { (0..<c.setting.rounds).contains($0.decisionRound) }) {
                    earlyDeciders += 1
                }
                if processes.contains(where: { !$0.correct && $0.decision != ProcessOutcome.noDecision }) {
                    crashedDeciders += 1
                }
            }
            #expect(symbolic == brute, "\(label): symbolic \(symbolic), brute force \(brute)")
            // Gaps skipped (tables with undefined entries only; on the others it is the query
            // above): a violation among the executions that reach no gap, else `unknown` when a
            // gap is reachable.
            if table.next.contains(TransitionTable.undefined) {
                try SymbolicAgainstBruteForce.checkSkippingGaps(table, spec, evaluator, brute: brute, label)
            }
            answers[symbolic, default: 0] += 1
        }
        // The sample must exercise both verdicts, and under early decision counterexamples
        // where someone decides before the last round and (faulty processes decide under crash
        // and omission faults) a faulty process that decided, or the comparison proves little.
        #expect((answers[.verdict(.verified)] ?? 0) > 0 && (answers[.verdict(.violated)] ?? 0) > 0, "\(c): \(answers)")
        if c.setting.earlyDecision {
            #expect(earlyDeciders > 0, "\(c): no counterexample decides before round \(c.setting.rounds)")
            if c.setting.faults != .byzantine {
                #expect(crashedDeciders > 0, "\(c): no counterexample has a faulty process that decided")
            }
        }
    }
}

import Foundation
import Game
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Checking

/// The symbolic checker with identities (`:identities true`) against the brute-force reference
/// on seeded random tables: tables by sender (`next` reads `id` and who sent what; the encoding
/// observes each sender, `SymbolicChecker+Senders.swift`) under crash faults, the three omission
/// models and Byzantine faults (a Byzantine sender's free message arrives as its own), some with
/// lossy links, with and without message alphabets, early decision and round-aware tables; and
/// a few counted tables under identities (today's heard-count encoding). The same verdict, a
/// gap from both or from neither (a symbolic gap names the process that reached it), every
/// symbolic counterexample replays through the simulator into an outcome that fails the spec,
/// and with gaps skipped the symbolic checker agrees wherever no gap is reachable and otherwise
/// never verifies.
@Suite(.serialized, .timeLimit(.minutes(5))) struct SymbolicIdentityTests {
    static func setting(_ faults: FaultKind, n: Int, f: Int, rounds: Int, losses: Int = 0, early: Bool = false) -> Setting {
        Setting(processes: n, crashes: f, rounds: rounds, inputs: 2, decisions: 2, faults: faults, losses: losses,
                earlyDecision: early, identities: true)
    }

    /// `GGMS_DIFFERENTIAL_SCALE` (default 1) multiplies every count.
    static let scale = Int(ProcessInfo.processInfo.environment["GGMS_DIFFERENTIAL_SCALE"] ?? "") ?? 1

    static func bySender(_ setting: Setting, states: Int, count: Int, messages: Int? = nil) -> DifferentialCase {
        DifferentialCase(setting: setting, states: states, roundAware: false, count: count * scale, messages: messages,
                         bySender: true)
    }

    /// 1,020 tables by sender at scale 1: 300 under crash faults, 440 under the omission
    /// models, 280 Byzantine; 260 at n = 4, 40 at n = 2, the rest at n = 3; 290 with lossy
    /// links, 420 with early decision, 290 with an alphabet. Every third table is round-aware and every fourth has
    /// about a tenth of its `next` entries undefined; one in three tables without an alphabet
    /// leans towards "adopt what p0 sent" (`RandomTables`). Each table is checked against one
    /// of the case's specs in turn (`DifferentialCase.specs`, with `designated`, which names
    /// p0). Then 90 counted tables under identities.
    static let cases: [DifferentialCase] = [
        bySender(setting(.crash, n: 3, f: 1, rounds: 2), states: 2, count: 100),
        bySender(setting(.crash, n: 3, f: 1, rounds: 2, early: true), states: 3, count: 60, messages: 2),
        bySender(setting(.crash, n: 3, f: 2, rounds: 1, losses: 1), states: 3, count: 40),
        bySender(setting(.crash, n: 4, f: 1, rounds: 1), states: 2, count: 30),
        bySender(setting(.crash, n: 2, f: 1, rounds: 3, early: true), states: 3, count: 40),
        bySender(setting(.sendOmission, n: 3, f: 1, rounds: 2), states: 2, count: 80),
        bySender(setting(.sendOmission, n: 3, f: 2, rounds: 1, losses: 1, early: true), states: 3, count: 60,
                 messages: 2),
        bySender(setting(.receiveOmission, n: 3, f: 2, rounds: 1), states: 3, count: 60),
        bySender(setting(.receiveOmission, n: 3, f: 1, rounds: 2, early: true), states: 2, count: 60),
        bySender(setting(.generalOmission, n: 3, f: 1, rounds: 2), states: 3, count: 60, messages: 2),
        bySender(setting(.generalOmission, n: 3, f: 2, rounds: 1, losses: 1, early: true), states: 2, count: 60),
        bySender(setting(.generalOmission, n: 4, f: 1, rounds: 1), states: 2, count: 20),
        bySender(setting(.sendOmission, n: 4, f: 1, rounds: 1, losses: 1), states: 2, count: 20),
        bySender(setting(.byzantine, n: 3, f: 1, rounds: 2), states: 2, count: 80),
        bySender(setting(.byzantine, n: 3, f: 1, rounds: 1, losses: 1, early: true), states: 3, count: 60, messages: 2),
        bySender(setting(.byzantine, n: 4, f: 1, rounds: 1), states: 2, count: 60),
        bySender(setting(.byzantine, n: 4, f: 1, rounds: 1, losses: 1), states: 3, count: 30, messages: 2),
        bySender(setting(.byzantine, n: 4, f: 1, rounds: 1, early: true), states: 3, count: 40, messages: 2),
        bySender(setting(.byzantine, n: 4, f: 1, rounds: 2, early: true), states: 2, count: 10, messages: 2),
        bySender(setting(.receiveOmission, n: 4, f: 1, rounds: 1, losses: 1), states: 2, count: 20),
        bySender(setting(.crash, n: 4, f: 2, rounds: 1, early: true), states: 3, count: 30, messages: 2),
        // Counted tables under identities: the heard-count encoding, unchanged.
        DifferentialCase(setting: setting(.crash, n: 3, f: 1, rounds: 2), states: 2, roundAware: false,
                         count: 30 * scale),
        DifferentialCase(setting: setting(.generalOmission, n: 3, f: 1, rounds: 2, early: true), states: 3,
                         roundAware: false, count: 30 * scale, messages: 2),
        DifferentialCase(setting: setting(.byzantine, n: 3, f: 1, rounds: 1, losses: 1), states: 2, roundAware: false,
                         count: 30 * scale),
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
        #expect(specs.contains { $0.file == "designated.smt2" })
        let evaluators = try specs.map { try SpecEvaluator(spec: $0) }
        var answers: [Answer: Int] = [:]
        var earlyDeciders = 0, gaps = 0
        for index in 0..<c.count {
            var table = RandomTables.make(c.setting, stateCount: c.states, roundAware: c.roundAware || index % 3 == 2,
                                          messageCount: c.messages, bySender: c.bySender, using: &rng)
            #expect(table.bySender == c.bySender)
            if index % 4 == 3 {
                for e in table.next.indices where Double.random(in: 0..<1, using: &rng) < 0.1 {
                    table.next[e] = TransitionTable.undefined
                }
            }
            let which = index % specs.count
            let spec = specs[which], evaluator = evaluators[which]
            let label = "\(c) #\(index) \(spec.file)"
            let (brute, symbolic, symbolicReport) = try SymbolicAgainstBruteForce.compare(table, spec, evaluator, label)
            if let report = symbolicReport, case .violated(let cex) = report.verdict,
               cex.outcome.processes.contains(where: { (0..<c.setting.rounds).contains($0.decisionRound) }) {
                earlyDeciders += 1
            }
            #expect(symbolic == brute, "\(label): symbolic \(symbolic), brute force \(brute)")
            if table.next.contains(TransitionTable.undefined) {
                try SymbolicAgainstBruteForce.checkSkippingGaps(table, spec, evaluator, brute: brute, label)
            }
            if symbolic == .gap { gaps += 1 }
            answers[symbolic, default: 0] += 1
        }
        // The sample must exercise both verdicts and reachable gaps, and under early decision
        // counterexamples where someone decides before the last round.
        #expect((answers[.verdict(.verified)] ?? 0) > 0 && (answers[.verdict(.violated)] ?? 0) > 0, "\(c): \(answers)")
        #expect(gaps > 0, "\(c): no reachable gap in \(answers)")
        if c.setting.earlyDecision {
            #expect(earlyDeciders > 0, "\(c): no counterexample decides before round \(c.setting.rounds)")
        }
    }

    // MARK: Directed

    /// "Adopt what the relay sent, else keep your state": the relay is p0 in round 1 and p1 in
    /// round 2 (round-aware when `rounds == 2`); the relay keeps its own state.
    static func relay(_ setting: Setting) -> TransitionTable {
        var table = TransitionTable(setting: setting, stateCount: 2, roundAware: setting.rounds > 1, bySender: true)
        table.initial = [0, 1]
        table.decision = [0, 1]
        for e in table.next.indices {
            let info = table.informationSet(ofEntry: e)
            let relay = (info.round ?? 1) - 1
            let heard = info.id == relay ? nil : info.observation.senders?.from(relay)
            table.next[e] = UInt8(heard ?? info.state)
        }
        return table
    }

    static func designated(_ setting: Setting) throws -> (Spec, SpecEvaluator) {
        let s = setting
        let text = TestSpecs.under(s, TestSpecs.designated(n: s.processes, f: s.crashes, rounds: s.rounds, inputs: 2))
        let spec = try Spec.parse(text, file: "designated.smt2")
        return (spec, try SpecEvaluator(spec: spec))
    }

    /// Two relays in turn under one crash: the second relays what the first sent to it, so
    /// everyone agrees on p0's input when p0 is correct — verified, also by the brute force.
    @Test func twoRelaysVerifyUnderOneCrash() throws {
        let setting = Self.setting(.crash, n: 3, f: 1, rounds: 2)
        let table = Self.relay(setting)
        let (spec, evaluator) = try Self.designated(setting)
        let (brute, symbolic, _) = try SymbolicAgainstBruteForce.compare(table, spec, evaluator, "relay")
        #expect(symbolic == .verdict(.verified) && brute == symbolic)
    }

    /// One relay, p0, Byzantine: it tells correct processes different things (or nothing), so
    /// they disagree. The counterexample names p0 as the only faulty process and its messages
    /// arrive as from p0.
    @Test func byzantineRelayIsCaught() throws {
        let setting = Self.setting(.byzantine, n: 4, f: 1, rounds: 1)
        let table = Self.relay(setting)
        let (spec, evaluator) = try Self.designated(setting)
        let report = try SymbolicChecker(table: table, spec: spec, evaluator: evaluator, timeoutMilliseconds: 60_000).check()
        guard case .violated(let cex) = report.verdict else {
            Issue.record("expected a violation, got \(report.verdict.kind)")
            return
        }
        try SymbolicAgainstBruteForce.confirm(report, table, spec, evaluator, "byzantine relay")
        #expect(cex.execution.faulty == [0])
        #expect(cex.execution.rounds[0].forged.allSatisfy { $0.sender == 0 })
        let decisions = Set(cex.outcome.processes.filter(\.correct).map(\.decision))
        #expect(decisions.count == 2)
    }

    /// The second relay's followers have no rule for p2: the gap is reported with p2's index,
    /// in round 2, and the entry is really unset.
    @Test func gapNamesTheProcess() throws {
        let setting = Self.setting(.crash, n: 3, f: 1, rounds: 2)
        var table = Self.relay(setting)
        for e in table.next.indices {
            let info = table.informationSet(ofEntry: e)
            if info.id == 2 && info.round == 2 { table.next[e] = TransitionTable.undefined }
        }
        let (spec, evaluator) = try Self.designated(setting)
        do {
            _ = try SymbolicChecker(table: table, spec: spec, evaluator: evaluator, timeoutMilliseconds: 60_000).check()
            Issue.record("expected a gap")
        } catch {
            guard case .gap(let gap) = error else { throw error }
            #expect(gap.id == 2 && gap.round == 2)
            #expect(table.nextState(round: 2, id: 2, state: gap.state, observation: gap.observation) == nil)
        }
    }
}

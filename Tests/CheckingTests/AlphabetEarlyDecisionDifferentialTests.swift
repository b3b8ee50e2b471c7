import Foundation
import Game
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Checking

/// The fast checker against the brute-force reference on seeded random protocols with a message
/// alphabet (`send` into `M <= K` messages, `M = 1` included) and/or early decision, under crash
/// faults, the three omission models, Byzantine faults and lossy links: the same verdict, the
/// same raw-execution count (the adversary's closed form's, too), the same number of failing
/// raw executions, merged and unmerged; and every counterexample is one the adversary may
/// choose and replays through the simulator to a violation.
@Suite(.serialized, .timeLimit(.minutes(3))) struct AlphabetEarlyDecisionDifferentialTests {
    typealias Case = DifferentialCase

    static func setting(_ faults: FaultKind, n: Int, f: Int, rounds: Int, losses: Int = 0, early: Bool) -> Setting {
        Setting(processes: n, crashes: f, rounds: rounds, inputs: 2, decisions: 2, faults: faults, losses: losses,
                earlyDecision: early)
    }

    static var scale: Int { Int(ProcessInfo.processInfo.environment["GGMS_DIFFERENTIAL_SCALE"] ?? "") ?? 1 }

    /// 1,110 tables at scale 1 (`GGMS_DIFFERENTIAL_SCALE` multiplies every count).
    static let cases: [Case] = {
        let omissions: [FaultKind] = [.sendOmission, .receiveOmission, .generalOmission]
        var cases: [Case] = [
            Case(setting: setting(.crash, n: 3, f: 1, rounds: 2, early: true), states: 3, roundAware: false, count: 90, messages: 2),
            Case(setting: setting(.crash, n: 3, f: 2, rounds: 3, early: true), states: 2, roundAware: false, count: 60),
            Case(setting: setting(.crash, n: 4, f: 1, rounds: 1, early: true), states: 4, roundAware: false, count: 60, messages: 2),
            Case(setting: setting(.crash, n: 3, f: 1, rounds: 2, early: false), states: 4, roundAware: true, count: 80, messages: 3),
            Case(setting: setting(.crash, n: 3, f: 1, rounds: 2, early: true), states: 3, roundAware: false, count: 40, messages: 1),
            Case(setting: setting(.crash, n: 3, f: 1, rounds: 1, losses: 1, early: true), states: 3, roundAware: false,
                 count: 40, messages: 2),
        ]
        for model in omissions {
            // General omission has the most raw executions (every link of a faulty process).
            let general = model == .generalOmission
            cases += [
                Case(setting: setting(model, n: 3, f: 1, rounds: 2, early: true), states: 3, roundAware: false,
                     count: general ? 40 : 80, messages: 2),
                Case(setting: setting(model, n: 3, f: 1, rounds: 1, early: false), states: 4, roundAware: false, count: 80, messages: 3),
                Case(setting: setting(model, n: 4, f: 1, rounds: 1, early: true), states: 3, roundAware: true, count: 40),
                Case(setting: setting(model, n: 3, f: 1, rounds: 1, losses: 1, early: true), states: 2, roundAware: false,
                     count: 30, messages: 1),
            ]
        }
        cases += [
            Case(setting: setting(.byzantine, n: 3, f: 1, rounds: 2, early: true), states: 3, roundAware: false, count: 40, messages: 2),
            Case(setting: setting(.byzantine, n: 4, f: 1, rounds: 1, early: false), states: 3, roundAware: false, count: 30, messages: 2),
            Case(setting: setting(.byzantine, n: 3, f: 1, rounds: 1, losses: 1, early: true), states: 3, roundAware: false,
                 count: 20, messages: 3),
        ]
        return cases.map { c in
            var c = c
            c.count *= scale
            return c
        }
    }()

    /// A seed fixed by the case (FNV-1a over its description).
    static func seed(_ c: Case) -> UInt64 {
        c.description.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    @Test func casesCoverAtLeastAThousandTables() {
        #expect(Self.cases.reduce(0) { $0 + $1.count } >= 1_000 * Self.scale)
        #expect(Set(Self.cases.map(\.setting.faults)) == Set(FaultKind.allCases))
    }

    @Test(arguments: cases)
    func fastEqualsBruteForce(_ c: Case) throws {
        let s = c.setting
        var rng = SplitMix64(seed: Self.seed(c))
        let specs = try c.specs
        let evaluators = try specs.map { try SpecEvaluator(spec: $0) }
        let messageCount = c.messages ?? c.states
        let closedForm = Adversary(s, messageCount: messageCount).rawExecutions
        var verdicts: [Verdict.Kind: Int] = [:]
        for index in 0..<c.count {
            let table = RandomTables.make(s, stateCount: c.states, roundAware: c.roundAware, messageCount: c.messages, using: &rng)
            let which = index % specs.count
            let spec = specs[which], evaluator = evaluators[which]
            let counting = CheckOptions(mode: .count)
            let brute = try BruteForceChecker(table: table, spec: spec, evaluator: evaluator, options: counting).check()
            let fast = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: counting).check()
            let label = "\(c) #\(index) \(spec.file)"
            #expect(brute.rawExecutionsCovered == closedForm, "\(label)")
            #expect(fast.rawExecutionsCovered == brute.rawExecutionsCovered, "\(label)")
            #expect(fast.rawExecutionsTotal == closedForm, "\(label)")
            #expect(fast.rawExecutionsFailing == brute.rawExecutionsFailing, "\(label)")
            #expect(fast.verdict.kind == brute.verdict.kind, "\(label)")
            #expect(fast.mergedSymmetric == spec.isSymmetric, "\(label)")

            let first = try FastChecker(table: table, spec: spec, evaluator: evaluator).check()
            #expect(first.verdict.kind == brute.verdict.kind, "\(label)")
            if case .violated(let cex) = first.verdict {
                // Built by the replay; checked again here: an execution this adversary may
                // choose, on which the simulator's outcome violates the spec.
                #expect(throws: Never.self) { try Simulator.validate(cex.execution, for: s, messageCount: messageCount) }
                let replayed = try Counterexample.replay(cex.execution, table: table, spec: spec, evaluator: evaluator)
                #expect(replayed.outcome == cex.outcome, "\(label)")
                #expect(cex.failedPropertyName == spec.properties[cex.failedProperty].name)
            }
            if spec.isSymmetric && index % 4 == 0 {
                let unmerged = try FastChecker(table: table, spec: spec, evaluator: evaluator,
                                               options: CheckOptions(mode: .count, useSymmetry: false)).check()
                #expect(!unmerged.mergedSymmetric)
                #expect(unmerged.rawExecutionsCovered == brute.rawExecutionsCovered, "\(label) unmerged")
                #expect(unmerged.rawExecutionsFailing == brute.rawExecutionsFailing, "\(label) unmerged")
            }
            verdicts[first.verdict.kind, default: 0] += 1
        }
        // The sample must exercise both verdicts, or the comparison proves little.
        #expect((verdicts[.verified] ?? 0) > 0 && (verdicts[.violated] ?? 0) > 0, "\(c): \(verdicts)")
    }
}

import Game
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Checking

/// The fast checker against the brute-force reference on seeded random protocols: same verdict,
/// and in counting mode the same number of raw executions and of failing ones.
@Suite(.serialized, .timeLimit(.minutes(5))) struct DifferentialTests {
    typealias Case = DifferentialCase

    static let cases: [Case] = [
        Case(setting: Setting(processes: 3, crashes: 1, rounds: 2, inputs: 2, decisions: 2), states: 2, roundAware: false, count: 80),
        Case(setting: Setting(processes: 3, crashes: 1, rounds: 2, inputs: 2, decisions: 2), states: 2, roundAware: true, count: 70),
        Case(setting: Setting(processes: 3, crashes: 1, rounds: 1, inputs: 3, decisions: 3), states: 3, roundAware: false, count: 100),
        Case(setting: Setting(processes: 3, crashes: 2, rounds: 2, inputs: 2, decisions: 2), states: 3, roundAware: false, count: 90),
        Case(setting: Setting(processes: 2, crashes: 1, rounds: 2, inputs: 3, decisions: 3), states: 2, roundAware: true, count: 90),
        Case(setting: Setting(processes: 4, crashes: 1, rounds: 2, inputs: 2, decisions: 2), states: 3, roundAware: true, count: 50),
        Case(setting: Setting(processes: 4, crashes: 2, rounds: 2, inputs: 2, decisions: 2), states: 2, roundAware: false, count: 20),
    ]

    @Test(arguments: cases)
    func fastEqualsBruteForce(_ c: Case) throws {
        var rng = SplitMix64(seed: UInt64(c.setting.processes * 1000 + c.setting.crashes * 100 + c.states * 10 + (c.roundAware ? 1 : 0)))
        let specs = try c.specs
        #expect(specs.map(\.isSymmetric) == [true, true, false, true, false])
        let evaluators = try specs.map { try SpecEvaluator(spec: $0) }
        var verdicts: [Verdict.Kind: Int] = [:]
        for index in 0..<c.count {
            let table = RandomTables.make(c.setting, stateCount: c.states, roundAware: c.roundAware, using: &rng)
            let which = index % specs.count
            let spec = specs[which], evaluator = evaluators[which]
            let counting = CheckOptions(mode: .count)
            let brute = try BruteForceChecker(table: table, spec: spec, evaluator: evaluator, options: counting).check()
            let fast = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: counting).check()
            #expect(fast.rawExecutionsCovered == brute.rawExecutionsCovered, "\(c) #\(index)")
            #expect(fast.rawExecutionsTotal == brute.rawExecutionsCovered, "\(c) #\(index)")
            #expect(fast.rawExecutionsFailing == brute.rawExecutionsFailing, "\(c) #\(index) spec \(spec.file)")
            #expect(fast.verdict.kind == brute.verdict.kind, "\(c) #\(index)")
            #expect(fast.mergedSymmetric == spec.isSymmetric)

            let firstFast = try FastChecker(table: table, spec: spec, evaluator: evaluator).check()
            let firstBrute = try BruteForceChecker(table: table, spec: spec, evaluator: evaluator).check()
            #expect(firstFast.verdict.kind == firstBrute.verdict.kind, "\(c) #\(index)")
            if case .violated(let cex) = firstFast.verdict {
                #expect(cex.failedPropertyName == spec.properties[cex.failedProperty].name)
            }
            if spec.isSymmetric && index % 5 == 0 {
                let unmerged = try FastChecker(table: table, spec: spec, evaluator: evaluator,
                                               options: CheckOptions(mode: .count, useSymmetry: false)).check()
                #expect(!unmerged.mergedSymmetric)
                #expect(unmerged.rawExecutionsFailing == brute.rawExecutionsFailing, "\(c) #\(index) unmerged")
            }
            verdicts[firstFast.verdict.kind, default: 0] += 1
        }
        // The sample must exercise both verdicts, or the comparison proves little.
        #expect((verdicts[.verified] ?? 0) > 0 && (verdicts[.violated] ?? 0) > 0, "\(c): \(verdicts)")
    }
}

import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
@testable import Checking

/// The classical facts the model must reproduce (docs/semantics.md).
@Suite(.serialized, .timeLimit(.minutes(5))) struct TextbookTests {
    static let floodset = TestProtocols.floodset

    func check(n: Int, f: Int, rounds: Int, checker: CheckerKind = .fast) throws -> CheckReport {
        let spec = try Spec.parse(TestSpecs.consensus(n: n, f: f, rounds: rounds), file: "c.smt2")
        let table = try TransitionTable.compile(Self.floodset, for: spec.setting, file: "floodset.protocol")
        let evaluator = try SpecEvaluator(spec: spec)
        return try checker.checker(table: table, spec: spec, evaluator: evaluator).check()
    }

    @Test func floodsetNeedsFPlusOneRoundsWhenNAtLeastFPlus2() throws {
        for n in 3...7 {
            for f in 1...(n - 2) where f <= 4 {
                let enough = try check(n: n, f: f, rounds: f + 1)
                #expect(enough.verdict.kind == .verified, "n=\(n) f=\(f) R=f+1")
                #expect(enough.rawExecutionsCovered == enough.rawExecutionsTotal)
                let short = try check(n: n, f: f, rounds: f)
                #expect(short.verdict.kind == .violated, "n=\(n) f=\(f) R=f")
                if case .violated(let cex) = short.verdict {
                    #expect(cex.failedPropertyName == "agreement")
                    let crashes = cex.execution.rounds.map(\.crashes.count).reduce(0, +)
                    #expect(crashes <= f)
                }
            }
        }
    }

    @Test func floodsetNeedsOnlyFRoundsWhenNIsFPlus1() throws {
        for n in 2...5 {
            let report = try check(n: n, f: n - 1, rounds: n - 1)
            #expect(report.verdict.kind == .verified, "n=\(n) f=\(n - 1) R=f")
        }
    }

    @Test func bruteForceAgreesOnSmallTextbookCases() throws {
        #expect(try check(n: 3, f: 1, rounds: 2, checker: .brute).verdict.kind == .verified)
        #expect(try check(n: 3, f: 1, rounds: 1, checker: .brute).verdict.kind == .violated)
        #expect(try check(n: 4, f: 2, rounds: 2, checker: .brute).verdict.kind == .violated)
    }

    @Test func symmetricMergingExploresFewerStates() throws {
        let spec = try Spec.parse(TestSpecs.consensus(n: 5, f: 2, rounds: 3), file: "c.smt2")
        let table = try TransitionTable.compile(Self.floodset, for: spec.setting, file: "f")
        let evaluator = try SpecEvaluator(spec: spec)
        let merged = try FastChecker(table: table, spec: spec, evaluator: evaluator).check()
        let plain = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: CheckOptions(useSymmetry: false)).check()
        #expect(merged.mergedSymmetric && !plain.mergedSymmetric)
        #expect(merged.verdict.kind == .verified && plain.verdict.kind == .verified)
        #expect(merged.statesExplored * 4 < plain.statesExplored)
        #expect(merged.rawExecutionsCovered == plain.rawExecutionsCovered)
    }
}

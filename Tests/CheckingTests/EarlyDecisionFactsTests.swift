import Foundation
import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
@testable import Checking

/// The early-decision facts of `Results/early-decision.md`, on the shipped specs
/// (`Specs/early/`) and protocols (`Protocols/early-*.protocol`), crash faults: who decides by
/// when, and the classic executions that separate consensus from uniform consensus.
@Suite(.serialized, .timeLimit(.minutes(5))) struct EarlyDecisionFactsTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func proto(_ name: String) throws -> ProtocolDefinition {
        let url = root.appendingPathComponent("Protocols/\(name).protocol")
        return try ProtocolDefinition.parse(try String(contentsOf: url, encoding: .utf8), file: name)
    }

    /// The family spec `Specs/early/NAME.smt2`, at `n` processes when given.
    static func spec(_ name: String, processes n: Int? = nil) throws -> Spec {
        let spec = try Spec.load(path: root.appendingPathComponent("Specs/early/\(name).smt2").path)
        return try n.map { try spec.withProcesses($0) } ?? spec
    }

    func check(_ specName: String, _ protocolName: String, processes n: Int? = nil,
               checker: CheckerKind = .fast) throws -> CheckReport {
        let spec = try Self.spec(specName, processes: n)
        let table = try TransitionTable.compile(try Self.proto(protocolName), for: spec.setting, file: protocolName)
        return try checker.checker(table: table, spec: spec, evaluator: try SpecEvaluator(spec: spec)).check()
    }

    /// Consensus decides by round faults+1 (early-floodset), uniform consensus by
    /// min(faults+2, F+1) (early-uniform): verified up to n = 8 by the fast checker, and by the
    /// brute force where it is small.
    @Test(arguments: [("consensus-early", "early-floodset"), ("uniform-early", "early-uniform")])
    func handwrittenProtocolsMeetTheirBound(_ family: String, _ protocolName: String) throws {
        for (n, f) in [(3, 1), (4, 1), (4, 2), (5, 2), (5, 3)] {
            let report = try check("\(family)-n\(n)-f\(f)", protocolName)
            #expect(report.verdict.kind == .verified, "\(family) n=\(n) F=\(f)")
            if n <= 4 {
                let brute = try check("\(family)-n\(n)-f\(f)", protocolName, checker: .brute)
                #expect(brute.verdict.kind == .verified && brute.rawExecutionsCovered == report.rawExecutionsCovered)
            }
        }
        for n in 6...8 {
            let report = try check("\(family)-n5-f2", protocolName, processes: n)
            #expect(report.verdict.kind == .verified, "\(family) F=2 at n=\(n)")
        }
    }

    /// Deciding one round after a round with fewer missing messages than rounds is not uniform
    /// at F = 2: a process that heard a 0 only from a crasher decides 0 and crashes before it can
    /// relay it. The counterexample shows a crashed process that kept its decision.
    @Test func earlyFloodsetIsNotUniformFromTwoFaults() throws {
        let report = try check("uniform-early-n4-f2", "early-floodset")
        guard case .violated(let cex) = report.verdict else {
            Issue.record("expected a violation, got \(report.verdict)")
            return
        }
        #expect(cex.failedPropertyName == "uniform-agreement")
        #expect(cex.outcome.processes.contains { !$0.correct && $0.decision != ProcessOutcome.noDecision })
        #expect(cex.execution.rounds.map(\.crashes.count).reduce(0, +) == 2)
    }

    /// The textbook bound min(faults+2, F+1) needs faults <= F-2: at F = 1 a uniform protocol
    /// decides in round 1 of every failure-free run (a decider's value can be hidden only by a
    /// second crash). At F = 2 the same protocol fails.
    @Test func uniformRoundOneIsPossibleAtOneFaultOnly() throws {
        for n in [3, 4, 5] {
            let spec = n == 3 ? "uniform-round1-n3-f1" : "uniform-round1-n4-f1"
            #expect(try check(spec, "early-floodset", processes: n).verdict.kind == .verified, "F=1 n=\(n)")
        }
        #expect(try check("uniform-round1-n3-f1", "early-floodset", checker: .brute).verdict.kind == .verified)
        #expect(try check("uniform-round1-n4-f2", "early-floodset").verdict.kind == .violated)
        #expect(try check("uniform-round1-n4-f2", "early-floodset", checker: .brute).verdict.kind == .violated)
    }

    /// early-uniform waits one round more than consensus needs: it fails "by faults+1" in a
    /// failure-free run, where everyone decides in round 2.
    @Test func earlyUniformDecidesOneRoundLaterThanConsensusNeeds() throws {
        let report = try check("consensus-early-n4-f2", "early-uniform")
        guard case .violated(let cex) = report.verdict else {
            Issue.record("expected a violation, got \(report.verdict)")
            return
        }
        #expect(cex.failedPropertyName == "early")
        #expect(cex.outcome.faults == 0)
        #expect(cex.outcome.processes.allSatisfy { $0.decisionRound == 2 })
    }

    /// The symbolic checker agrees on the shipped early-decision specs at n = 3.
    @Test func symbolicAgreesOnTheSmallFamilies() throws {
        for spec in ["consensus-early-n3-f1", "uniform-early-n3-f1", "uniform-round1-n3-f1", "simultaneous-early-n3-f1"] {
            for proto in ["early-floodset", "early-uniform"] {
                let fast = try check(spec, proto)
                let symbolic = try check(spec, proto, checker: .symbolic)
                #expect(fast.verdict.kind == symbolic.verdict.kind, "\(spec) × \(proto)")
            }
        }
    }
}

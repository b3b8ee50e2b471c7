import Foundation
import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
@testable import Checking

/// The identity facts of `Results/identities.md`, on the shipped specs (`Specs/identities/`) and
/// protocols: reliable broadcast, the rotating coordinator, OM(1), leader election among
/// volunteers — each verified (or refuted) by all three checkers, which must agree.
@Suite(.serialized, .timeLimit(.minutes(5))) struct IdentityFactsTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func proto(_ name: String) throws -> ProtocolDefinition {
        let url = root.appendingPathComponent("Protocols/\(name).protocol")
        return try ProtocolDefinition.parse(try String(contentsOf: url, encoding: .utf8), file: name)
    }

    static func spec(_ name: String, processes n: Int? = nil) throws -> Spec {
        let spec = try Spec.load(path: root.appendingPathComponent("Specs/identities/\(name).smt2").path)
        return try n.map { try spec.withProcesses($0) } ?? spec
    }

    /// The verdict of every checker (brute force only when `brute`), after checking they agree.
    func verdict(_ specName: String, _ protocolName: String, processes n: Int? = nil, brute: Bool = true) throws -> Verdict.Kind {
        let spec = try Self.spec(specName, processes: n)
        let table = try TransitionTable.compile(try Self.proto(protocolName), for: spec.setting, file: protocolName)
        #expect(table.bySender, "\(protocolName) reads id or from")
        var kinds: [CheckerKind: Verdict.Kind] = [:]
        for kind in brute ? [CheckerKind.fast, .brute, .symbolic] : [.fast, .symbolic] {
            let report = try kind.checker(table: table, spec: spec, evaluator: try SpecEvaluator(spec: spec)).check()
            #expect(!report.mergedSymmetric, "a table by sender is never merged")
            kinds[kind] = report.verdict.kind
        }
        #expect(Set(kinds.values).count == 1, "\(specName) / \(protocolName): checkers disagree: \(kinds)")
        return kinds[.fast]!
    }

    @Test func reliableBroadcastRelaysUnderCrashAndSendOmission() throws {
        for spec in ["broadcast-crash-n3-f1", "broadcast-crash-n4-f1", "broadcast-sendomission-n3-f1", "broadcast-sendomission-n4-f1"] {
            #expect(try verdict(spec, "reliable-broadcast") == .verified, "\(spec)")
        }
        #expect(try verdict("broadcast-crash-n3-f1-r1", "reliable-broadcast") == .violated)
        #expect(try verdict("broadcast-crash-n4-f1", "reliable-broadcast", processes: 5, brute: false) == .verified)
    }

    @Test func rotatingCoordinatorNeedsFPlusOneRounds() throws {
        for spec in ["coordinator-crash-n3-f1", "coordinator-crash-n4-f2", "coordinator-sendomission-n3-f1"] {
            #expect(try verdict(spec, "rotating-coordinator") == .verified, "\(spec)")
        }
        #expect(try verdict("coordinator-crash-n3-f1-r1", "rotating-coordinator") == .violated)
    }

    /// OM(1) solves the Byzantine generals at n = 4, F = 1 in two rounds, and fails at n = 3.
    @Test func om1AtFourButNotThree() throws {
        #expect(try verdict("generals-n4-f1", "om1") == .verified)
        #expect(try verdict("generals-n3-f1", "om1") == .violated)
    }

    @Test func leaderElectionAmongVolunteers() throws {
        #expect(try verdict("leader-volunteer-n3-f1", "leader-volunteer") == .verified)
    }
}

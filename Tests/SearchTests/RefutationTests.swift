import Foundation
import GameCore
import SpecLanguage
import Testing
@testable import Search

/// Refutation certificates (`Refutation`): built after a search proved "no protocol", under
/// every fault model, early decision and identities; each is refuting when checked again from
/// scratch and minimal (without any one of its executions some table survives); a
/// certificate cannot be built for a realizable spec, and one stripped of an execution fails.
@Suite(.serialized, .timeLimit(.minutes(6))) struct RefutationTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let unrealizable = [
        "Specs/consensus3-short.smt2",
        "Specs/faults/sendomission-n3-f1-r1-k2.smt2",
        "Specs/faults/twogenerals-n2-f0-r2-k2.smt2",
        "Specs/faults/uniformreceive-n3-f1-r1.smt2",
        "Specs/faults/byzantine-n4-f1-r1-k2.smt2",
        "Specs/early/simultaneous-early-n3-f1.smt2",
        "Specs/identities/generals-n3-f1.smt2",
        "Specs/identities/coordinator-crash-n3-f1-r1.smt2",
    ]

    static func spec(_ path: String) throws -> Spec { try Spec.load(path: root.appendingPathComponent(path).path) }

    @Test(arguments: unrealizable, [SynthesisOptions.Strategy.ggms, .cegis])
    func everyRefutationHasAMinimalCertificate(_ path: String, _ strategy: SynthesisOptions.Strategy) throws {
        let spec = try Self.spec(path)
        var options = SynthesisOptions()
        options.strategy = strategy
        options.timeLimit = 120
        options.certificateSeconds = 60
        let result = try Synthesis.run(spec: spec, options: options)
        guard case .unrealizable = result.outcome else { Issue.record("\(path): \(result.outcome.name)"); return }
        let refutation = try #require(result.refutation, "\(path) with \(strategy.rawValue): no certificate")
        #expect(refutation.setting == spec.setting && !refutation.schedules.isEmpty)
        #expect(try refutation.check(spec: spec) == .refutes, "\(path)")
        for i in refutation.schedules.indices {
            var fewer = refutation
            fewer.schedules.remove(at: i)
            #expect(try fewer.check(spec: spec) == .doesNotRefute, "\(path): execution \(i + 1) is not needed")
        }
        // The certificate round-trips through JSON.
        let data = try JSONEncoder().encode(refutation)
        #expect(try JSONDecoder().decode(Refutation.self, from: data) == refutation)
    }

    @Test func aRealizableSpecHasNoCertificate() throws {
        let spec = try Self.spec("Specs/consensus3.smt2")
        #expect(throws: RefutationFailure.self) { _ = try Refutation.certify(spec: spec, learned: []) }
        #expect(try Refutation(setting: spec.setting, roundAware: spec.setting.roundAware, schedules: []).check(spec: spec) == .doesNotRefute)
    }

    @Test func aCertificateForAnotherSettingOrWithImpossibleSchedulesIsRejected() throws {
        let spec = try Self.spec("Specs/consensus3-short.smt2")
        var options = SynthesisOptions()
        options.certificateSeconds = 60
        let refutation = try #require(try Synthesis.run(spec: spec, options: options).refutation)
        var flipped = refutation
        flipped.roundAware.toggle()
        #expect(throws: RefutationFailure.self) { _ = try flipped.check(spec: spec) }
        #expect(throws: RefutationFailure.self) { _ = try refutation.check(spec: try Self.spec("Specs/consensus3.smt2")) }
        var longer = refutation
        longer.schedules[0].rounds.append(longer.schedules[0].rounds[0])
        #expect(throws: RefutationFailure.self) { _ = try longer.check(spec: spec) }
        var twice = refutation
        twice.schedules[0].rounds[0] = RoundSchedule(crashes: [Crash(process: 0, receivers: [1, 1])])
        #expect(throws: RefutationFailure.self) { _ = try twice.check(spec: spec) }
    }
}


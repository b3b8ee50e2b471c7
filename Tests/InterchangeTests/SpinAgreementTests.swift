import Checking
import Foundation
import Game
import Interchange
import ProtocolLanguage
import SpecLanguage
import Testing

/// SPIN, run on the exported model, agrees with `ggms verify` on shipped spec/protocol pairs of
/// every fault model (crash, send, receive and general omission, Byzantine, lossy links), with
/// early decision, message alphabets and identities; and every error trail SPIN writes,
/// replayed (`spin -t`), prints a schedule that the engine's simulator runs to a violation.
@Suite(.enabled(if: SpinRunner.available, SpinRunner.missing), .timeLimit(.minutes(10)))
struct SpinAgreementTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var spec: String
        var proto: String
        /// What `ggms verify` answers (checked again below, with the fast checker).
        var violated: Bool
        var testDescription: String { "\(spec) \(proto)" }
    }

    static let cases: [Case] = [
        // The pairs the issue names: FloodSet and commit hold, majority and commit-naive fail.
        Case(spec: "Specs/consensus3.smt2", proto: "Protocols/floodset.protocol", violated: false),
        Case(spec: "Specs/consensus4.smt2", proto: "Protocols/floodset.protocol", violated: false),
        Case(spec: "Specs/commit3.smt2", proto: "Protocols/commit.protocol", violated: false),
        Case(spec: "Specs/consensus3.smt2", proto: "Protocols/majority.protocol", violated: true),
        Case(spec: "Specs/commit3.smt2", proto: "Protocols/commit-naive.protocol", violated: true),
        Case(spec: "Specs/commit4.smt2", proto: "Protocols/commit.protocol", violated: false),
        Case(spec: "Specs/consensus3-short.smt2", proto: "Protocols/floodset.protocol", violated: true),
        // Omission faults.
        Case(spec: "Specs/faults/sendomission-n3-f1-r2-k2.smt2", proto: "Protocols/floodset.protocol", violated: true),
        Case(spec: "Specs/faults/sendomission-n3-f1-r2-k2.smt2", proto: "Protocols/flip-send-omission.protocol", violated: false),
        Case(spec: "Specs/faults/receiveomission-n3-f1-r2.smt2", proto: "Protocols/floodset.protocol", violated: false),
        Case(spec: "Specs/faults/uniformreceive-n3-f1-r2.smt2", proto: "Protocols/floodset.protocol", violated: true),
        Case(spec: "Specs/faults/uniformgeneral-n3-f1-r2.smt2", proto: "Protocols/floodset.protocol", violated: true),
        // Byzantine faults (OM(1) with identities holds at n = 4).
        Case(spec: "Specs/faults/byzantine-n4-f1-r2-k2.smt2", proto: "Protocols/floodset.protocol", violated: true),
        Case(spec: "Specs/identities/generals-n4-f1.smt2", proto: "Protocols/om1.protocol", violated: false),
        Case(spec: "Specs/identities/generals-n3-f1.smt2", proto: "Protocols/om1.protocol", violated: true),
        // Lossy links: the Two Generals.
        Case(spec: "Specs/faults/twogenerals-n2-f0-r4-k2.smt2", proto: "Protocols/floodset.protocol", violated: true),
        // Early decision with a message alphabet.
        Case(spec: "Specs/early/consensus-early-n3-f1.smt2", proto: "Protocols/early-floodset.protocol", violated: false),
        Case(spec: "Specs/early/uniform-early-n4-f2.smt2", proto: "Protocols/early-floodset.protocol", violated: true),
        Case(spec: "Specs/early/uniform-early-n4-f2.smt2", proto: "Protocols/early-uniform.protocol", violated: false),
        // Identities: rules that read id and from(j).
        Case(spec: "Specs/identities/coordinator-crash-n3-f1.smt2", proto: "Protocols/rotating-coordinator.protocol", violated: false),
        Case(spec: "Specs/identities/coordinator-sendomission-n3-f1.smt2", proto: "Protocols/floodset.protocol", violated: true),
        Case(spec: "Specs/identities/broadcast-sendomission-n3-f1.smt2", proto: "Protocols/reliable-broadcast.protocol", violated: false),
        Case(spec: "Specs/identities/broadcast-crash-n3-f1-r1.smt2", proto: "Protocols/reliable-broadcast.protocol", violated: true),
        Case(spec: "Specs/identities/leader-volunteer-n3-f1.smt2", proto: "Protocols/leader-volunteer.protocol", violated: false),
    ]

    static func load(_ c: Case) throws -> (Spec, ProtocolDefinition, TransitionTable) {
        let spec = try Spec.load(path: SpinRunner.root.appendingPathComponent(c.spec).path)
        let text = try String(contentsOf: SpinRunner.root.appendingPathComponent(c.proto), encoding: .utf8)
        let proto = try ProtocolDefinition.parse(text, file: c.proto)
        return (spec, proto, try TransitionTable.compile(proto, for: spec.setting, file: c.proto))
    }

    @Test(arguments: cases) func spinAgreesWithVerifyAndItsTrailReplaysToAViolation(_ c: Case) throws {
        let (spec, proto, table) = try Self.load(c)
        let evaluator = try SpecEvaluator(spec: spec)
        let ggms = try FastChecker(table: table, spec: spec, evaluator: evaluator).check()
        #expect(ggms.verdict.kind == (c.violated ? .violated : .verified), "ggms verify")

        let model = try PromelaModel.generate(spec: spec, proto: proto, protocolFile: c.proto)
        #expect(model.unstated.isEmpty, "every shipped property is stated: \(model.unstated)")
        let spin = try SpinRunner.check(model)
        #expect((spin.errors > 0) == c.violated, "SPIN: \(spin.panOutput)")
        guard c.violated else { return }

        // The trail, replayed, names a schedule; the engine runs it to a violation.
        let line = try #require(spin.schedule, "the trail replay printed no schedule")
        let execution = try ScheduleFile.read(line, file: "trail", setting: spec.setting, messageNames: proto.messageLabels)
        let cex = try Counterexample.replay(execution, table: table, spec: spec, evaluator: evaluator)
        #expect(!cex.failedPropertyName.isEmpty)
    }

    /// The model asserts the property itself, not something weaker: with the properties left
    /// out, SPIN finds nothing in a protocol that violates them.
    @Test func theViolationComesFromTheAssertedProperty() throws {
        let c = Case(spec: "Specs/consensus3.smt2", proto: "Protocols/majority.protocol", violated: true)
        let (spec, proto, _) = try Self.load(c)
        var model = try PromelaModel.generate(spec: spec, proto: proto, protocolFile: c.proto)
        let asserted = model.text.split(separator: "\n").filter { $0.contains("assert(") && !$0.contains("assert(!gap)") }
        #expect(asserted.count == 2)
        model.text = model.text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !($0.contains("assert(") && !$0.contains("assert(!gap)")) }.joined(separator: "\n")
        #expect(try SpinRunner.check(model).errors == 0)
    }
}

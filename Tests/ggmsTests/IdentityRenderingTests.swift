import Checking
import Foundation
import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
@testable import ggms

/// `verify`'s rendering under `:identities`, for a protocol whose rules read `id` and `from`
/// (built in code): the checker line says why nothing is merged, a counterexample's steps say
/// who sent what (text and JSON); a gap's notes evaluate guards with the gap's index and
/// senders (`from(id)` is the process's own message) and name the index.
@Suite(.timeLimit(.minutes(5))) struct IdentityRenderingTests {
    /// Adopt what p0 sent (when it arrived); p0 keeps its value.
    static let relay = ProtocolDefinition(
        name: "relay", states: ["a", "b"], initial: [InitEntry(input: 0, state: 0), InitEntry(input: 1, state: 1)],
        decisions: [DecideEntry(state: 0, decision: 0), DecideEntry(state: 1, decision: 1)],
        rules: [
            Rule(guard: .comparison(.id, .eq, .literal(0)), target: .stay),
            Rule(guard: .from(.literal(0), .eq, 0), target: .state(0)),
            Rule(guard: .from(.literal(0), .eq, 1), target: .state(1)),
            Rule(guard: nil, target: .stay),
        ])

    @Test func counterexampleBySender() throws {
        let spec = try Spec.parse(TestSpecs.consensus(n: 3, f: 1, rounds: 1)
            .replacingOccurrences(of: "(set-info :decisions 2)", with: "(set-info :decisions 2)\n(set-info :identities true)"),
                                  file: "c.smt2")
        let table = try TransitionTable.compile(Self.relay, for: spec.setting, file: "relay.protocol")
        #expect(table.bySender)
        let report = try FastChecker(table: table, spec: spec, evaluator: try SpecEvaluator(spec: spec)).check()
        #expect(report.verdict.kind == .violated && !report.mergedSymmetric)
        let result = VerifyResult(spec: spec, specFile: "c.smt2", protocolFile: "relay.protocol", proto: Self.relay,
                                  report: report, readsIdentities: table.bySender)
        let text = VerifyText.render(result)
        #expect(text.contains("identities, inputs 0..1"), "\(text)")
        #expect(text.contains("checker   fast: no merging (the protocol reads id or from), states memoized"), "\(text)")
        #expect(text.contains("received") && text.contains("from(0)="), "\(text)")
        let json = try JSONText.encoded(AnyEncodable(result))
        #expect(json.contains("\"from\" : {") && json.contains("\"identities\" : true"), "\(json)")
        #expect(!json.contains("readsIdentities") && !json.contains("received"), "\(json)")
    }

    @Test func notesReadIdAndSenders() {
        let proto = ProtocolDefinition(
            states: ["a", "b"], initial: [InitEntry(input: 0, state: 0), InitEntry(input: 1, state: 1)],
            decisions: [DecideEntry(state: 0, decision: 0), DecideEntry(state: 1, decision: 1)],
            rules: [
                Rule(guard: .from(.literal(0), .eq, 1), target: .state(1)),    // false: p0 sent a
                Rule(guard: .from(.id, .eq, 0), target: .state(0)),            // true: its own message is a
                Rule(guard: .comparison(.id, .eq, .literal(1)), target: .stay), // true: it is p1
                Rule(guard: .from(.literal(2), .ne, nil), target: .stay),      // false: nothing from p2
            ])
        let observation = SenderObservation(from: [0, nil, nil], receiver: 1).counted(messageCount: 2)
        let gap = ProtocolGap(round: 1, id: 1, state: 0, observation: observation, stateNames: proto.states)
        let notes = CheckFailure.notes(for: gap, proto: proto, protocolFile: "p.protocol", processes: 3, crashes: 1).map(\.message)
        #expect(notes.filter { $0.hasPrefix("this rule's guard is false there") }.count == 2, "\(notes)")
        #expect(notes.contains { $0.contains("from(0) == b") }, "\(notes)")
        #expect(notes.contains { $0.contains("from(2) != none") }, "\(notes)")
        #expect(notes.last?.contains("round = 1, id = 1, self == a, ") == true, "\(notes)")
        #expect(notes.last?.contains("from(0)=a from(2)=none") == true, "\(notes)")
    }
}

import Checking
import Diagnostics
import Game
import ProtocolLanguage
import Testing
@testable import ggms

/// The notes of a gap under identities: guards read the process's `id` and `from` (its own
/// slot holding its own message), and the observation names them.
@Suite(.timeLimit(.minutes(5))) struct GapNotesTests {
    static let proto = """
        protocol p
        states a b
        messages x y
        init   0 -> a, 1 -> b
        send   a -> x, b -> y
        decide a -> 0, b -> 1
        next
          from(id) == y -> b
          id == 1 and from(0) == x -> a
          heard(x) >= 2 -> a

        """

    @Test func aGapBySenderIsExplainedAtItsIdAndSenders() throws {
        let proto = try ProtocolDefinition.parse(Self.proto, file: "p.protocol")
        // Process 1 in state a (it sends x) heard nothing from 0 and y from 2.
        let senders = SenderObservation(from: [nil, nil, 1], receiver: 1)
        let gap = ProtocolGap(round: 1, id: 1, state: 0, observation: senders.counted(messageCount: 2),
                              stateNames: proto.states, messageNames: proto.messages)
        let notes = CheckFailure.notes(for: gap, proto: proto, protocolFile: "p.protocol", processes: 3, crashes: 1)
        #expect(notes.map(\.message) == [
            "this rule's guard is false there: from(id) == y",
            "this rule's guard is false there: id == 1 and from(0) == x",
            "this rule's guard is false there: heard(x) >= 2",
            "the observation: round = 1, id = 1, self == a, from(0)=none from(2)=y, n = 3, f = 1",
        ])
    }

    /// A gap whose observation only counts cannot be read by a guard over senders: such rules
    /// get no note (rather than a wrong one), the others do.
    @Test func aCountedGapSkipsGuardsOverSenders() throws {
        let proto = try ProtocolDefinition.parse(Self.proto, file: "p.protocol")
        let gap = ProtocolGap(round: 1, state: 0, observation: Observation(heard: [0, 1], missing: 1),
                              stateNames: proto.states, messageNames: proto.messages)
        let notes = CheckFailure.notes(for: gap, proto: proto, protocolFile: "p.protocol", processes: 3, crashes: 1)
        #expect(notes.map(\.message) == [
            "this rule's guard is false there: heard(x) >= 2",
            "the observation: round = 1, self == a, heard(x)=0 heard(y)=1 missing=1, n = 3, f = 1",
        ])
    }
}

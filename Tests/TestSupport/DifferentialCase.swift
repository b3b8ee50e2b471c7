import Game
import ProtocolLanguage
import SpecLanguage

/// One setting of a differential test over random tables: `count` tables with `states` states.
public struct DifferentialCase: CustomStringConvertible, Sendable {
    public var setting: Setting
    public var states: Int
    public var roundAware: Bool
    public var count: Int
    /// The size of a message alphabet the random tables send into; nil for messages = states.
    public var messages: Int?
    /// Whether the random tables read `id` and who sent what (needs `setting.identities`).
    public var bySender: Bool

    public init(setting: Setting, states: Int, roundAware: Bool, count: Int, messages: Int? = nil, bySender: Bool = false) {
        self.bySender = bySender
        self.setting = setting
        self.states = states
        self.roundAware = roundAware
        self.count = count
        self.messages = messages
    }

    public var description: String {
        "\(setting.faults.name)\(setting.losses > 0 ? " L=\(setting.losses)" : "") n=\(setting.processes) f=\(setting.crashes) R=\(setting.rounds) I=\(setting.inputs) K=\(states)"
            + (messages.map { " M=\($0)" } ?? "") + (setting.earlyDecision ? " early" : "") + (roundAware ? " round-aware" : "")
            + (setting.identities ? (bySender ? " identities (by sender)" : " identities (counted)") : "")
    }

    /// Consensus, validity only, and the asymmetric spec, at this setting.
    public var specs: [Spec] {
        get throws {
            let s = setting
            let n = s.processes, f = s.crashes, r = s.rounds, i = s.inputs
            return [
                try Spec.parse(TestSpecs.under(s, TestSpecs.consensus(n: n, f: f, rounds: r, inputs: i)), file: "consensus.smt2"),
                try Spec.parse(TestSpecs.under(s, TestSpecs.validityOnly(n: n, f: f, rounds: r, inputs: i)), file: "validity.smt2"),
                try Spec.parse(TestSpecs.under(s, TestSpecs.asymmetric(n: n, f: f, rounds: r, inputs: i)), file: "asymmetric.smt2"),
                try Spec.parse(TestSpecs.under(s, TestSpecs.derivedVocabulary(n: n, f: f, rounds: r, inputs: i)), file: "derived.smt2"),
                try Spec.parse(TestSpecs.under(s, TestSpecs.indexed(n: n, f: f, rounds: r, inputs: i)), file: "indexed.smt2"),
            ] + (!s.earlyDecision ? [] : [
                try Spec.parse(TestSpecs.under(s, TestSpecs.earlyUniform(n: n, f: f, rounds: r, inputs: i)), file: "early.smt2"),
                try Spec.parse(TestSpecs.under(s, TestSpecs.decisionRounds(n: n, f: f, rounds: r, inputs: i)), file: "rounds.smt2"),
            ]) + (!s.identities ? [] : [
                try Spec.parse(TestSpecs.under(s, TestSpecs.designated(n: n, f: f, rounds: r, inputs: i)), file: "designated.smt2"),
            ]) + (s.faults == .crash && s.losses == 0 ? [] : [
                try Spec.parse(TestSpecs.under(s, TestSpecs.uniformWhenNothingLost(n: n, f: f, rounds: r, inputs: i)), file: "uniform.smt2"),
            ])
        }
    }
}

/// Protocols used across tests.
public enum TestProtocols {
    /// FloodSet: adopt 0 once any 0 is heard; decide the value held.
    public static let floodset = try! ProtocolDefinition.parse("""
        states 0 1
        init 0 -> 0, 1 -> 1
        decide 0 -> 0, 1 -> 1
        next
          heard(0) >= 1 -> 0
          otherwise -> self
        """, file: "floodset.protocol")

    /// FloodSet without its `otherwise` rule: a process that hears no 0 has no rule (a gap).
    public static let floodsetWithoutOtherwise = try! ProtocolDefinition.parse("""
        states 0 1
        init 0 -> 0, 1 -> 1
        decide 0 -> 0, 1 -> 1
        next
          heard(0) >= 1 -> 0
        """, file: "gap.protocol")
}

import ArgumentParser
import Checking
import Diagnostics
import Game
import ProtocolLanguage

extension CheckFailure {
    /// How a command ends when a check of `proto` (read from `protocolFile`, compiled at `n`
    /// processes) fails: a gap is the input's fault — bad input (exit 65), pointing at the last
    /// rule, where a covering rule would go, and naming `n`; every other failure (a replay that
    /// disagrees with the checker, Z3 failing) is a bug in ggms (exit 70). Prints the one line
    /// on stderr and returns the exit to throw.
    ///
    /// A gap's diagnostic carries notes: each rule's guard that is false at the observation
    /// (up to `maxRuleNotes`, the rules a reader must look at) and the observation itself.
    func exit(protocolFile: String, proto: ProtocolDefinition, processes n: Int, crashes f: Int) -> ExitCode {
        guard isInputError else { return internalFailure(self) }
        let location = proto.rules.last?.location
        var diagnostic = Diagnostic(.badInput, file: protocolFile, line: location?.line, column: location?.column,
                                    message: "at n = \(n), \(self)")
        if case .gap(let gap) = self {
            diagnostic.notes = Self.notes(for: gap, proto: proto, protocolFile: protocolFile, processes: n, crashes: f)
        }
        return report(diagnostic)
    }

    static let maxRuleNotes = 8

    /// Notes for a gap: where each rule's guard fails at the gap's observation, then the
    /// observation as a guard would read it. Under identities (a gap with an index and senders)
    /// guards read `id` and `from`; a guard over senders is not evaluated at a gap whose
    /// observation only counts (it gets no note).
    static func notes(for gap: ProtocolGap, proto: ProtocolDefinition, protocolFile: String,
                      processes n: Int, crashes f: Int) -> [Diagnostic.Note] {
        let heard = proto.messageLabels.indices.map { gap.observation.heard($0) }
        var context = GuardContext(round: gap.round, state: gap.state, heard: heard, missing: gap.observation.missing,
                                   processes: n, crashes: f)
        if let id = gap.id, let senders = gap.observation.senders {
            // A table by sender: guards read `id` and `from(…)` (`from(id)`: its own message).
            let own = proto.hasAlphabet ? proto.sends.first { $0.state == gap.state }?.message : gap.state
            context.id = id
            context.from = (0..<n).map { $0 == id ? own : senders.from($0) }
        }
        var notes: [Diagnostic.Note] = []
        for rule in proto.rules.prefix(maxRuleNotes) {
            // A guard over senders says nothing about an observation that only counts.
            guard let condition = rule.guard, context.from != nil || !condition.readsIdentity,
                  !condition.holds(in: context) else { continue }
            let text = "this rule's guard is false there: \(condition.text(stateNames: proto.states, messageNames: proto.messages))"
            notes.append(rule.location.map { .init(at: $0, text) } ?? .init(file: protocolFile, text))
        }
        if proto.rules.count > maxRuleNotes { notes.append(.init(file: protocolFile, "and \(proto.rules.count - maxRuleNotes) more rules")) }
        let id = gap.id.map { ", id = \($0)" } ?? ""
        notes.append(.init(file: protocolFile, "the observation: round = \(gap.round)\(id), self == \(proto.states[gap.state]), \(gap.observation.describe(stateNames: proto.messageLabels)), n = \(n), f = \(f)"))
        return notes
    }
}

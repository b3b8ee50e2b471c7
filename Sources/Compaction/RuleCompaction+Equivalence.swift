import Game
import ProtocolLanguage

extension RuleCompaction {
    /// Whether `proto`, compiled for `table.setting`, is the same protocol as `table` wherever
    /// the table is defined and reachable: same number of states; the same alphabet (messages
    /// named by the protocol exactly when the table has an alphabet, as many, with a `send`
    /// entry for every state equal to the table's where it is set); an `init` entry for every
    /// input and a decision for every state, within the setting's ranges (what
    /// `TransitionTable.compile` demands; under early decision a state `decide` leaves out does
    /// not decide), equal to the table's where the table has one; and the same `next` target on
    /// every entry of `reachable` whose target is defined, with guards reading heard counts
    /// per message.
    ///
    /// Identities: for a table by sender each entry is one process's (`id`) and names each
    /// sender's message, so the rules are compared per id, with `from(id)` the process's own
    /// message under the protocol's `send`. Rules that read `id` or `from(…)` are never
    /// equivalent to a counted table (conservatively, even when the reading makes no
    /// difference), nor in a setting without identities, where `compile` rejects them.
    ///
    /// `next` is evaluated as `compile` does, with `ProtocolDefinition.nextState(in:)`. For an
    /// entry of a table that is not round-aware, the rules must give its target in every round
    /// `1...R` (the compiled table may read the round even if the given one does not).
    /// Out-of-range indices in `reachable` are ignored.
    /// - Complexity: O(|reachable| · R · size of the rules) when the table is not round-aware,
    ///   O(|reachable| · size of the rules) otherwise.
    public static func equivalent(_ proto: ProtocolDefinition, to table: TransitionTable, on reachable: [Int]) -> Bool {
        let k = table.stateCount
        let setting = table.setting
        guard proto.states.count == k else { return false }
        guard proto.hasAlphabet == table.hasAlphabet, proto.messageLabels.count == table.messageCount else { return false }
        if table.hasAlphabet {
            var send = [Int?](repeating: nil, count: k)
            for entry in proto.sends {
                guard send.indices.contains(entry.state), (0..<table.messageCount).contains(entry.message) else { return false }
                send[entry.state] = entry.message
            }
            for (state, message) in send.enumerated() {
                guard let message else { return false }
                if let expected = table.message(of: state), expected != message { return false }
            }
        }
        if proto.rules.contains(where: { $0.guard?.readsIdentity ?? false }) && !table.bySender { return false }
        // Own message per state, as `compile` gives `from(id)`.
        let own: [Int] = (0..<k).map { state in
            guard table.hasAlphabet else { return state }
            return proto.sends.last { $0.state == state }?.message ?? 0
        }
        var initial = [Int?](repeating: nil, count: setting.inputs)
        for entry in proto.initial {
            guard initial.indices.contains(entry.input), (0..<k).contains(entry.state) else { return false }
            initial[entry.input] = entry.state
        }
        for (input, state) in initial.enumerated() {
            guard let state else { return false }
            if table.initial[input] != TransitionTable.undefined && Int(table.initial[input]) != state { return false }
        }
        // What `compile` gives each state: its value, or (early decision) `notDeciding`.
        let unlisted: Int8? = setting.earlyDecision ? TransitionTable.notDeciding : nil
        var decision = [Int8?](repeating: unlisted, count: k)
        for entry in proto.decisions {
            guard decision.indices.contains(entry.state), (0..<setting.decisions).contains(entry.decision) else { return false }
            decision[entry.state] = Int8(entry.decision)
        }
        for (state, value) in decision.enumerated() {
            guard let value else { return false }
            if table.decision[state] != TransitionTable.noDecision && table.decision[state] != value { return false }
        }
        let examples = Examples(table, reachable: reachable)
        for (i, entry) in examples.entries.enumerated() {
            var context = examples.contexts[i]
            if context.from != nil { context.from![context.id] = own[context.state] }
            let rounds = table.informationSet(ofEntry: entry).round.map { $0...$0 } ?? 1...setting.rounds
            for round in rounds {
                context.round = round
                guard proto.nextState(in: context) == examples.targets[i] else { return false }
            }
        }
        return true
    }
}

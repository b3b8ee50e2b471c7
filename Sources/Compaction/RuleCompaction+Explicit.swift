import Game
import ProtocolLanguage

extension RuleCompaction {
    /// The table as explicit rules: one rule per reachable entry with a defined target, in
    /// entry order, guarded by the exact information set
    /// (`self == S and heard(A) == x and … and missing == m [and round == r]`, one `heard` per
    /// message; for a table by sender `self == S and id == i and from(j) == A and … [and
    /// round == r]`, one `from` per other process, `none` for nothing), with the table's `messages`/`send` and (early decision) partial `decide` as
    /// `definition` gives them, and targeting
    /// the state by name. For `--table`-style output that still parses. A table with no such
    /// entry gets the single rule `otherwise -> self` so the definition stays valid.
    ///
    /// Soundness: exact guards of distinct information sets are disjoint, so each reachable
    /// entry gets exactly its own rule's target.
    /// - Complexity: O(|reachable| · K).
    public static func explicit(_ table: TransitionTable, reachable: [Int], name: String?,
                                comments: [String] = []) -> ProtocolDefinition {
        let examples = Examples(table, reachable: reachable)
        var rules = zip(examples.entries, examples.targets).map { entry, target in
            Rule(guard: exactGuard(table.informationSet(ofEntry: entry), table: table), target: .state(target))
        }
        if rules.isEmpty { rules = [Rule(guard: nil, target: .stay)] }
        return definition(table, rules: rules, name: name, comments: comments)
    }

    /// The guard that holds exactly at `info` (with the round only when the table is
    /// round-aware): by counts, or by `id` and each other process's message when `info` names
    /// the process and its senders (a table by sender). - Complexity: O(M + n).
    static func exactGuard(_ info: InformationSet, table: TransitionTable) -> Guard {
        var parts: [Guard] = [.selfIs(info.state)]
        if let id = info.id, let senders = info.observation.senders {
            parts.append(.comparison(.id, .eq, .literal(id)))
            for j in senders.senders { parts.append(.from(.literal(j), .eq, senders.from(j))) }
            if let round = info.round { parts.append(.comparison(.round, .eq, .literal(round))) }
            return conjunction(parts)
        }
        for message in 0..<table.messageCount {
            parts.append(.comparison(.heard(message), .eq, .literal(info.observation.heard(message))))
        }
        parts.append(.comparison(.missing, .eq, .literal(info.observation.missing)))
        if let round = info.round { parts.append(.comparison(.round, .eq, .literal(round))) }
        return conjunction(parts)
    }

    /// A definition with the table's states, its defined `init` entries, its decisions (the
    /// states that decide: a state that does not decide under early decision, or whose decision
    /// is unset, is left out of `decide`), and `rules`. A table with an alphabet gives its
    /// `messages` and a `send` entry for every state; an unset `send` entry (which no execution
    /// reads) is given the first message, so the definition stays valid.
    static func definition(_ table: TransitionTable, rules: [Rule], name: String?, comments: [String]) -> ProtocolDefinition {
        let initial = table.initial.enumerated().compactMap { input, state in
            state == TransitionTable.undefined ? nil : InitEntry(input: input, state: Int(state))
        }
        let decisions = table.decision.enumerated().compactMap { state, decision in
            decision < 0 ? nil : DecideEntry(state: state, decision: Int(decision))
        }
        let sends = table.hasAlphabet ? table.send.indices.map { SendEntry(state: $0, message: table.message(of: $0) ?? 0) } : []
        return ProtocolDefinition(name: name, states: table.stateNames, messages: table.messageNames, initial: initial,
                                  sends: sends, decisions: decisions, rules: rules, comments: comments)
    }
}

import Game
import ProtocolLanguage

extension RuleCompaction {
    /// The table as explicit rules: one rule per reachable entry with a defined target, in
    /// entry order, guarded by the exact information set
    /// (`self == S and heard(A) == x and … and missing == m [and round == r]`) and targeting
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
    /// round-aware). - Complexity: O(K).
    static func exactGuard(_ info: InformationSet, table: TransitionTable) -> Guard {
        var parts: [Guard] = [.selfIs(info.state)]
        for s in 0..<table.stateCount {
            parts.append(.comparison(.heard(s), .eq, .literal(info.observation.heard(s))))
        }
        parts.append(.comparison(.missing, .eq, .literal(info.observation.missing)))
        if let round = info.round { parts.append(.comparison(.round, .eq, .literal(round))) }
        return conjunction(parts)
    }

    /// A definition with the table's states, its defined `init` and `decide` entries, and `rules`.
    static func definition(_ table: TransitionTable, rules: [Rule], name: String?, comments: [String]) -> ProtocolDefinition {
        let initial = table.initial.enumerated().compactMap { input, state in
            state == TransitionTable.undefined ? nil : InitEntry(input: input, state: Int(state))
        }
        let decisions = table.decision.enumerated().compactMap { state, decision in
            decision == TransitionTable.noDecision ? nil : DecideEntry(state: state, decision: Int(decision))
        }
        return ProtocolDefinition(name: name, states: table.stateNames, initial: initial, decisions: decisions,
                                  rules: rules, comments: comments)
    }
}

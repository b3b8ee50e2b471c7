import Game
import ProtocolLanguage

extension RuleCompaction {
    /// Whether `proto`, compiled for `table.setting`, is the same protocol as `table` wherever
    /// the table is defined and reachable: same number of states; an `init` entry for every
    /// input and a decision for every state, within the setting's ranges (what
    /// `TransitionTable.compile` demands), equal to the table's where the table has one; and
    /// the same `next` target on every entry of `reachable` whose target is defined.
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
        var initial = [Int?](repeating: nil, count: setting.inputs)
        for entry in proto.initial {
            guard initial.indices.contains(entry.input), (0..<k).contains(entry.state) else { return false }
            initial[entry.input] = entry.state
        }
        for (input, state) in initial.enumerated() {
            guard let state else { return false }
            if table.initial[input] != TransitionTable.undefined && Int(table.initial[input]) != state { return false }
        }
        var decision = [Int?](repeating: nil, count: k)
        for entry in proto.decisions {
            guard decision.indices.contains(entry.state), (0..<setting.decisions).contains(entry.decision) else { return false }
            decision[entry.state] = entry.decision
        }
        for (state, value) in decision.enumerated() {
            guard let value else { return false }
            if table.decision[state] != TransitionTable.noDecision && Int(table.decision[state]) != value { return false }
        }
        let examples = Examples(table, reachable: reachable)
        for (i, entry) in examples.entries.enumerated() {
            var context = examples.contexts[i]
            let rounds = table.informationSet(ofEntry: entry).round.map { $0...$0 } ?? 1...setting.rounds
            for round in rounds {
                context.round = round
                guard proto.nextState(in: context) == examples.targets[i] else { return false }
            }
        }
        return true
    }
}

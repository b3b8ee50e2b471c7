import Game
import ProtocolLanguage

/// The reachable `next` entries of a table as labelled examples for decision-list learning.
/// An example's context counts the table's messages (its states when it has no alphabet); for
/// a table by sender (identities) it also holds the process's `id` and, per process, the
/// message received from it (`from`; the process's own slot holds its own message, the first
/// message where the table's `send` is unset, as `RuleCompaction.definition` prints it).
///
/// A rule's target is numbered as a *choice*: choice 0 is `self`, choice `1 + k` is state `k`.
/// An example allows the choice `1 + target` and, when the target is its own state, also
/// choice 0 — so a `-> self` rule can cover processes in different states at once.
struct Examples {
    /// Entry indices into `table.next`: ascending, distinct, each with a defined target.
    let entries: [Int]
    /// What each example's process knows, as a guard reads it (`round` is 1 when the table
    /// is not round-aware; such a table has no round atoms; `id` is 0 and `from` nil when the
    /// table is counted).
    let contexts: [GuardContext]
    /// `targets[i]`: the state the table moves example `i` to.
    let targets: [Int]
    /// `allowed[c]`: the examples for which target choice `c` is right.
    let allowed: [[UInt64]]

    var count: Int { entries.count }
    /// Number of target choices: `self` and one per state.
    var choices: Int { allowed.count }

    /// The reachable entries of `table` that have a target; undefined entries are free choices
    /// of the search and impose nothing. Out-of-range indices are ignored.
    /// - Complexity: O(|reachable| · (log |reachable| + K + M + n)).
    init(_ table: TransitionTable, reachable: [Int]) {
        let k = table.stateCount, m = table.messageCount
        entries = Set(reachable).filter { table.next.indices.contains($0) && table.next[$0] != TransitionTable.undefined }.sorted()
        var contexts: [GuardContext] = []
        var targets: [Int] = []
        var allowed = [[UInt64]](repeating: BitRow.empty(entries.count), count: k + 1)
        for (i, entry) in entries.enumerated() {
            let info = table.informationSet(ofEntry: entry)
            let target = Int(table.next[entry])
            contexts.append(GuardContext(round: info.round ?? 1, state: info.state,
                                         heard: info.observation.heardCounts(stateCount: m),
                                         missing: info.observation.missing,
                                         processes: table.setting.processes, crashes: table.setting.crashes,
                                         id: info.id ?? 0, from: Self.from(info, own: table.message(of: info.state) ?? 0)))
            targets.append(target)
            BitRow.insert(i, into: &allowed[1 + target])
            if target == info.state { BitRow.insert(i, into: &allowed[0]) }
        }
        self.contexts = contexts
        self.targets = targets
        self.allowed = allowed
    }

    /// Per process the message `info`'s process received from it, its own slot holding `own`;
    /// nil when the observation only counts. - Complexity: O(n).
    static func from(_ info: InformationSet, own: Int) -> [Int?]? {
        guard let senders = info.observation.senders else { return nil }
        return (0..<senders.processes).map { $0 == senders.receiver ? own : senders.from($0) }
    }

    /// The rule target of choice `c`.
    static func target(ofChoice c: Int) -> Target { c == 0 ? .stay : .state(c - 1) }

    /// The examples where `guard` holds. - Complexity: O(count · size of the guard).
    func row(where guard: Guard) -> [UInt64] {
        var row = BitRow.empty(count)
        for (i, context) in contexts.enumerated() where `guard`.holds(in: context) { BitRow.insert(i, into: &row) }
        return row
    }
}

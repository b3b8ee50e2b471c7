import Game
import ProtocolLanguage

/// Prints a synthesized `TransitionTable` as readable rules in the protocol language
/// (docs/protocol-format.md): a short decision list that agrees with the table on every reachable
/// information set, or the full table as explicit rules.
public enum RuleCompaction {
    /// Compact rules equivalent to `table` on `reachable`, as a protocol definition with the
    /// table's state names, message alphabet and `send` map (when it has one), `init` and
    /// `decide` maps (under early decision `decide` lists only the deciding states), `name`, and
    /// `comments` (header lines, passed through). Guards count messages: `heard(m)` names a
    /// message of the alphabet, a state when the table has none.
    ///
    /// Learns a decision list greedily (see `DecisionListLearner`) over guards that are
    /// conjunctions of comparisons from `AtomCatalog` — thresholds with small constants,
    /// `self == S`, `round == r` (only for a round-aware table), comparisons between `heard`
    /// counts, and forms over `n`, `f` and `missing` — preferring `-> self` targets and cheap
    /// guards, so a FloodSet-like table prints as `heard(0) >= 1 -> 0` / `otherwise -> self`.
    /// A table by sender (identities) whose reachable targets depend only on what a counted
    /// table sees (round, state, counts) compacts as that counted table does, to rules that
    /// read neither `id` nor `from` (they compile to a counted table, whose checks may merge
    /// permuted executions); otherwise its guards may also read `id == c`, `from(c)`,
    /// `from(id + k)` and, when round-aware, `from(round - 1)` / `from(round + k)`
    /// (`AtomCatalog.identityAtoms`).
    /// Stage 1 tries every objective (learn the exceptions to `self`, to each state, or cover
    /// greedily) with conjunctions of up to two atoms; stage 2 reruns the winning objective
    /// with up to three. The list with the fewest rules, then the cheapest guards, wins. The
    /// whole procedure is deterministic.
    ///
    /// Soundness: the result is checked with `equivalent(_:to:on:)` before it is returned; if
    /// the check fails, `explicit(_:reachable:name:comments:)` is returned instead, so the
    /// result always compiles (with `TransitionTable.compile(_:for:file:)` at `table.setting`)
    /// to the table's target on every reachable entry. Entries outside `reachable`, and
    /// reachable entries whose target is undefined, may get any target or none.
    ///
    /// - Parameters:
    ///   - table: the protocol; its `stateNames` (and `messageNames`, when set) must be valid,
    ///     distinct names.
    ///   - reachable: indices into `table.next`; duplicates and out-of-range indices are ignored.
    ///   - name: the `protocol` line, or nil for none.
    ///   - comments: header comment lines without `#`, each without a line break.
    /// - Complexity: O(atoms · |reachable|) to set up, then each rule search is bounded by a
    ///   budget of word operations on rows of `|reachable| / 64` words (`quickWorkBudget` and
    ///   `deepWorkBudget` for the two stages, plus one pass over single atoms per rule).
    ///   Milliseconds (release) for structured tables; under half a second for adversarial
    ///   random tables at `n = 16`, `K = 4` with a few hundred reachable entries.
    public static func compact(_ table: TransitionTable, reachable: [Int], name: String?,
                               comments: [String] = []) -> ProtocolDefinition {
        if table.bySender, let counted = countedProjection(table, reachable: reachable) {
            let result = compact(counted.table, reachable: counted.reachable, name: name, comments: comments)
            if equivalent(result, to: table, on: reachable) { return result }
        }
        let examples = Examples(table, reachable: reachable)
        let (atoms, rows) = candidates(table, examples)
        let words = BitRow.words(for: examples.count), costs = atoms.map(\.cost)
        let objectives: [DecisionListLearner.Objective] =
            [.exceptions(to: 0), .coverage] + (1..<examples.choices).map { .exceptions(to: $0) }
        var best: (rules: [LearnedRule], objective: Int)?
        func consider(_ rules: [LearnedRule]?, _ objective: Int) {
            guard let rules else { return }
            if let b = best?.rules, rules.count > b.count || (rules.count == b.count && totalCost(rules) >= totalCost(b)) { return }
            best = (rules, objective)
        }
        // Stage 1: every objective with pairs of atoms; stage 2: the winner again with triples.
        let quick = DecisionListLearner(examples: examples, search: RuleSearch(
            words: words, rows: rows, costs: costs, maxDepth: 2, perSearchBudget: quickSearchBudget))
        for (i, objective) in objectives.enumerated() {
            consider(quick.learn(objective, ruleLimit: best?.rules.count ?? Int.max, budget: quickWorkBudget / objectives.count), i)
        }
        let deep = DecisionListLearner(examples: examples, search: RuleSearch(
            words: words, rows: rows, costs: costs, maxDepth: 3, perSearchBudget: deepSearchBudget))
        if let winner = best?.objective, best!.rules.count > 2 {
            consider(deep.learn(objectives[winner], ruleLimit: best!.rules.count, budget: deepWorkBudget), winner)
        }
        let rules = (best?.rules ?? []).map { rule -> Rule in
            let target = Examples.target(ofChoice: rule.choice)
            switch rule.condition {
            case .otherwise: return Rule(guard: nil, target: target)
            case .atoms(let list): return Rule(guard: conjunction(list.map { atoms[$0].guard }), target: target)
            case .exact(let example):
                return Rule(guard: exactGuard(table.informationSet(ofEntry: examples.entries[example]), table: table), target: target)
            }
        }
        let result = definition(table, rules: rules, name: name, comments: comments)
        if equivalent(result, to: table, on: examples.entries) { return result }
        return explicit(table, reachable: reachable, name: name, comments: comments)
    }

    /// Word operations one stage-1 search (pairs of atoms) may spend on conjunctions.
    static let quickSearchBudget = 500_000
    /// Word operations all of stage 1 may spend, shared evenly by the objectives.
    static let quickWorkBudget = 10_000_000
    /// Word operations one stage-2 search (triples of atoms) may spend on conjunctions.
    static let deepSearchBudget = 5_000_000
    /// Word operations all of stage 2 may spend.
    static let deepWorkBudget = 50_000_000

    /// Catalog atoms that separate some examples, cheapest first, one per distinct set of
    /// examples where they hold (the cheapest atom of each set), and their rows over the
    /// examples concatenated. - Complexity: O(atoms · |examples| · guard size).
    static func candidates(_ table: TransitionTable, _ examples: Examples) -> ([Atom], [UInt64]) {
        let catalog = AtomCatalog.atoms(stateCount: table.stateCount, messageCount: table.messageCount,
                                        processes: table.setting.processes,
                                        crashes: table.setting.crashes,
                                        maxMissing: table.space.maxMissing,
                                        rounds: table.setting.rounds,
                                        roundAware: table.roundAware)
            + (table.bySender ? AtomCatalog.identityAtoms(processes: table.setting.processes, messageCount: table.messageCount,
                                                          roundAware: table.roundAware) : [])
        let ordered = catalog.enumerated().sorted { ($0.element.cost, $0.offset) < ($1.element.cost, $1.offset) }
        var seen = Set<[UInt64]>()
        var atoms: [Atom] = []
        var rows: [UInt64] = []
        for (_, atom) in ordered {
            let row = examples.row(where: atom.guard)
            let count = BitRow.count(row)
            guard count > 0, count < examples.count, seen.insert(row).inserted else { continue }
            atoms.append(atom)
            rows += row
        }
        return (atoms, rows)
    }

    /// The counted table that a table by sender amounts to on `reachable`, with the entries it
    /// reaches: the same setting, states, alphabet, `init`, `send` and `decide`, and per
    /// reachable entry with a defined target that target at the counted entry of the same
    /// round, state and counts. Nil when two such entries with the same counted information set
    /// (different ids or senders) have different targets — the table reads who sent what —
    /// or when the counted observation space does not fit the engine.
    /// - Complexity: O(|reachable| · (n + M)) plus the counted table's size.
    static func countedProjection(_ table: TransitionTable, reachable: [Int]) -> (table: TransitionTable, reachable: [Int])? {
        guard ObservationSpace.fits(processes: table.setting.processes, stateCount: table.messageCount, kind: .counted) else { return nil }
        var counted = TransitionTable(setting: table.setting, stateCount: table.stateCount, roundAware: table.roundAware,
                                      stateNames: table.stateNames, messageCount: table.hasAlphabet ? table.messageCount : nil,
                                      messageNames: table.messageNames)
        counted.send = table.send
        counted.initial = table.initial
        counted.decision = table.decision
        var entries = Set<Int>()
        for entry in reachable where table.next.indices.contains(entry) && table.next[entry] != TransitionTable.undefined {
            let info = table.informationSet(ofEntry: entry)
            let observation = Observation(heard: info.observation.heardCounts(stateCount: table.messageCount),
                                          missing: info.observation.missing)
            guard let o = counted.space.index(of: observation) else { return nil }
            let e = counted.entryIndex(round: info.round ?? 1, id: 0, state: info.state, observation: o)
            if counted.next[e] == TransitionTable.undefined {
                counted.next[e] = table.next[entry]
            } else if counted.next[e] != table.next[entry] {
                return nil
            }
            entries.insert(e)
        }
        return (counted, entries.sorted())
    }

    static func totalCost(_ rules: [LearnedRule]) -> Int { rules.reduce(0) { $0 + $1.cost } }

    /// `g1 and g2 and …`, left-nested as the parser builds it. - Precondition: non-empty.
    static func conjunction(_ guards: [Guard]) -> Guard {
        guards.dropFirst().reduce(guards[0]) { .and($0, $1) }
    }
}

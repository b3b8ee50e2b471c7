/// One rule of a learned decision list, before it becomes protocol text.
struct LearnedRule {
    enum Condition {
        /// A conjunction of catalog atoms (indices into the learner's atoms).
        case atoms([Int])
        /// The exact information set of one example: the fallback when no atom conjunction fits.
        case exact(example: Int)
        /// `otherwise`.
        case otherwise
    }

    var condition: Condition
    /// Target choice: 0 is `self`, `1 + k` is state `k` (see `Examples`).
    var choice: Int
    /// Reading cost of the guard (0 for `otherwise`).
    var cost: Int
}

/// Greedy decision-list learning over the examples of one table.
///
/// Each step appends the best rule that `RuleSearch` finds for the objective (the better of
/// its bounded exhaustive search and its greedy specialization), removes the
/// remaining examples it covers, and stops with `otherwise -> C` once every remaining example
/// allows one choice `C` (`self` first). Earlier rules shadow later ones, so only remaining
/// examples constrain a new rule.
///
/// Soundness: every rule is right on each remaining example it covers and the final
/// `otherwise` is right on all that remain, so the list agrees with the table on every example.
/// Termination: each step covers at least one example (falling back to an exact rule for one
/// example), so a list has at most `examples.count + 1` rules.
struct DecisionListLearner {
    let examples: Examples
    let search: RuleSearch

    /// What a step tries to cover.
    enum Objective {
        /// As many remaining examples as possible.
        case coverage
        /// As many remaining examples as possible that the final `otherwise -> choice` would get
        /// wrong (learning the exceptions to a default).
        case exceptions(to: Int)
    }

    /// Cost given to an exact rule (higher than any conjunction of catalog atoms).
    static let exactCost = 100

    /// The learned list, or nil once it would have more than `ruleLimit` rules.
    /// - Parameter budget: word operations the searches may spend on conjunctions, in total.
    /// - Complexity: at most `examples.count` searches; see `RuleSearch.best`.
    func learn(_ objective: Objective, ruleLimit: Int, budget: Int) -> [LearnedRule]? {
        var budget = budget
        var remaining = BitRow.full(examples.count)
        var rules: [LearnedRule] = []
        while true {
            if let choice = examples.allowed.firstIndex(where: { BitRow.isSubset(remaining, of: $0) }) {
                rules.append(LearnedRule(condition: .otherwise, choice: choice, cost: 0))
                return rules
            }
            if rules.count + 2 > ruleLimit { return nil }
            let scoring: [UInt64]
            switch objective {
            case .coverage: scoring = remaining
            case .exceptions(let choice): scoring = BitRow.subtracting(remaining, examples.allowed[choice])
            }
            var found = search.best(remaining: remaining, scoring: scoring, allowed: examples.allowed, budget: &budget)
            if let greedy = search.specialize(remaining: remaining, scoring: scoring, allowed: examples.allowed),
               found?.isBeaten(score: greedy.score, total: greedy.total, cost: greedy.cost, choice: greedy.choice) ?? true {
                found = greedy
            }
            if let found {
                rules.append(LearnedRule(condition: .atoms(found.atoms), choice: found.choice, cost: found.cost))
                remaining = BitRow.subtracting(remaining, found.cover)
            } else {
                // scoring is non-empty: remaining is not uniform for the objective's choice.
                let example = BitRow.first(scoring)!
                let choice = examples.allowed.firstIndex { BitRow.contains(example, in: $0) }!
                rules.append(LearnedRule(condition: .exact(example: example), choice: choice, cost: Self.exactCost))
                var cover = BitRow.empty(examples.count)
                BitRow.insert(example, into: &cover)
                remaining = BitRow.subtracting(remaining, cover)
            }
        }
    }
}

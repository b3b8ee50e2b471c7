/// Search for the single best next rule of a decision list: a conjunction of up to
/// `maxDepth` atoms and a target choice that is right on every remaining example it covers.
///
/// Rules are ranked by (score desc, coverage desc, cost asc, choice asc) where score counts
/// covered examples of `scoring`, coverage counts covered remaining examples, cost is the sum
/// of the atoms' costs plus one per `and`, and choice 0 (`self`) comes first. Conjunctions are
/// enumerated with increasing atom indices, depth first, so the result is deterministic.
///
/// Soundness: a returned rule covers only remaining examples that allow its choice, so
/// appending it to a decision list keeps the list right on everything it has covered so far.
/// Cost: pruned by the ranking's upper bound (a conjunction's extensions cover no more) and by
/// consistency (extending a consistent rule cannot rank higher); at most `budget` word
/// operations per search, after which only single atoms and already-open branches are tried.
struct RuleSearch {
    /// Words per example row.
    let words: Int
    /// Atom rows, `rows[a * words + w]`.
    let rows: [UInt64]
    let costs: [Int]
    let maxDepth: Int
    let budget: Int

    var atomCount: Int { costs.count }

    /// A rule found by `best`.
    struct Found {
        var atoms: [Int]
        var choice: Int
        var score: Int
        var total: Int
        var cost: Int
        /// Remaining examples the rule covers.
        var cover: [UInt64]

        /// Whether a rule with these figures ranks strictly above this one.
        func isBeaten(score s: Int, total t: Int, cost c: Int, choice h: Int) -> Bool {
            if s != score { return s > score }
            if t != total { return t > total }
            if c != cost { return c < cost }
            return h < choice
        }
    }

    /// The best rule covering at least one example of `scoring`, or nil when no conjunction
    /// within the limits is consistent on a scoring example.
    /// - Parameters:
    ///   - remaining: examples not yet covered by earlier rules.
    ///   - scoring: the examples that count towards a rule's score (a subset of `remaining`).
    ///   - allowed: per target choice, the examples it is right for.
    /// - Complexity: O(atoms^maxDepth · words · choices) in the worst case, bounded by `budget`.
    func best(remaining: [UInt64], scoring: [UInt64], allowed: [[UInt64]]) -> Found? {
        var state = DFS(search: self, scoring: scoring, allowed: allowed, remaining: remaining)
        state.visit(depth: 0, from: 0, cost: 0)
        return state.best
    }

    private struct DFS {
        let search: RuleSearch
        let scoring: [UInt64]
        let allowed: [[UInt64]]
        /// `levels[d * words ..< (d + 1) * words]`: remaining examples covered by the first
        /// `d` atoms of `path`.
        var levels: [UInt64]
        var path: [Int] = []
        var best: Found?
        var spent = 0

        init(search: RuleSearch, scoring: [UInt64], allowed: [[UInt64]], remaining: [UInt64]) {
            self.search = search
            self.scoring = scoring
            self.allowed = allowed
            levels = remaining + [UInt64](repeating: 0, count: search.words * search.maxDepth)
        }

        mutating func visit(depth: Int, from: Int, cost: Int) {
            let words = search.words
            let here = depth * words, there = here + words
            for a in from..<search.atomCount {
                spent += words
                var score = 0, total = 0
                for w in 0..<words {
                    let x = levels[here + w] & search.rows[a * words + w]
                    levels[there + w] = x
                    total += x.nonzeroBitCount
                    score += (x & scoring[w]).nonzeroBitCount
                }
                if score == 0 { continue }
                let c = cost + search.costs[a] + (depth > 0 ? 1 : 0)
                // Neither this rule (even with choice 0) nor any extension (no more covered,
                // higher cost) can rank above the best so far.
                if let b = best, !b.isBeaten(score: score, total: total, cost: c, choice: 0) { continue }
                if let choice = consistentChoice(at: there) {
                    if best?.isBeaten(score: score, total: total, cost: c, choice: choice) ?? true {
                        best = Found(atoms: path + [a], choice: choice, score: score, total: total, cost: c,
                                     cover: Array(levels[there..<there + words]))
                    }
                    continue
                }
                if depth + 1 < search.maxDepth && spent < search.budget {
                    path.append(a)
                    visit(depth: depth + 1, from: a + 1, cost: c)
                    path.removeLast()
                }
            }
        }

        /// The first target choice right for every example in `levels[at..<at + words]`.
        func consistentChoice(at offset: Int) -> Int? {
            choices: for (choice, row) in allowed.enumerated() {
                for w in 0..<search.words where levels[offset + w] & ~row[w] != 0 { continue choices }
                return choice
            }
            return nil
        }
    }
}

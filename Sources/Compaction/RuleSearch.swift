/// Search for the single best next rule of a decision list: a conjunction of up to
/// `maxDepth` atoms and a target choice that is right on every remaining example it covers.
///
/// Rules are ranked by (score desc, coverage desc, cost asc, choice asc) where score counts
/// covered examples of `scoring`, coverage counts covered remaining examples, cost is the sum
/// of the atoms' costs plus one per `and`, and choice 0 (`self`) comes first. The enumeration
/// order is fixed (see `Enumeration`) and ties keep the first rule found, so the result is
/// deterministic.
///
/// Soundness: a returned rule covers only remaining examples that allow its choice, so
/// appending it to a decision list keeps the list right on everything it has covered so far.
/// Cost: pruned by upper bounds (an extension covers no more than the examples of its prefix
/// that allow one choice) and by consistency (extending a consistent rule cannot rank higher).
/// Single atoms are always tried; conjunctions only while the search has spent less than
/// `perSearchBudget` and the caller's budget lasts (both in word operations on rows of
/// `words` 64-bit words).
struct RuleSearch {
    /// Words per example row.
    let words: Int
    /// Atom rows, `rows[a * words + w]`.
    let rows: [UInt64]
    let costs: [Int]
    let maxDepth: Int
    let perSearchBudget: Int

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
    ///   - budget: word operations left for this compaction; decreased by what the search spends.
    /// - Complexity: O(atoms · words · choices) for single atoms, plus at most
    ///   `min(perSearchBudget, budget)` word operations (and the same order of consistency
    ///   checks) on conjunctions.
    func best(remaining: [UInt64], scoring: [UInt64], allowed: [[UInt64]], budget: inout Int) -> Found? {
        let w = words
        let choices = allowed.count
        // One buffer: rows | scoring | allowed rows | one level per depth (level 0 = remaining).
        let rowsBase = 0, scoringBase = rows.count, allowedBase = scoringBase + w
        let levelsBase = allowedBase + choices * w
        let buffer = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: levelsBase + (maxDepth + 1) * w)
        defer { buffer.deallocate() }
        buffer.initialize(repeating: 0)
        func copy(_ row: [UInt64], to offset: Int) { for (i, x) in row.enumerated() { buffer[offset + i] = x } }
        copy(rows, to: rowsBase)
        copy(scoring, to: scoringBase)
        for (c, row) in allowed.enumerated() { copy(row, to: allowedBase + c * w) }
        copy(remaining, to: levelsBase)

        var search = Enumeration(base: buffer.baseAddress!, words: w, choices: choices, costs: costs, maxDepth: maxDepth,
                                 rows: rowsBase, scoring: scoringBase, allowed: allowedBase, levels: levelsBase,
                                 limit: min(perSearchBudget, max(0, budget)))
        search.run()
        budget -= search.spent
        return search.best
    }

    /// Best-first enumeration of conjunctions over one buffer (offsets into `base`).
    ///
    /// Single atoms are all evaluated. Only atoms that are not consistent on their own are
    /// extended (a conjunction containing a consistent atom covers a subset of it at a higher
    /// cost, so it never ranks above it), in decreasing order of their bound — the most
    /// scoring and then covered examples that allow one choice — with later atoms of that
    /// order only, so each conjunction is tried once; the loops stop at the first atom whose
    /// bound cannot beat the best rule so far.
    private struct Enumeration {
        let base: UnsafeMutablePointer<UInt64>
        let words: Int
        let choices: Int
        let costs: [Int]
        let maxDepth: Int
        let rows: Int, scoring: Int, allowed: Int, levels: Int
        let limit: Int
        var best: Found?
        var spent = 0
        /// Atoms to extend, best bound first.
        var open: [(atom: Int, score: Int, total: Int)] = []
        var path: [Int] = []
        /// Per choice, the covered examples of the row last given to `consistentChoice` that
        /// allow it, as (scoring, all) counts: an extension consistent with that choice covers
        /// at most these.
        var bounds: [(score: Int, total: Int)]

        init(base: UnsafeMutablePointer<UInt64>, words: Int, choices: Int, costs: [Int], maxDepth: Int,
             rows: Int, scoring: Int, allowed: Int, levels: Int, limit: Int) {
            self.base = base
            self.words = words
            self.choices = choices
            self.costs = costs
            self.maxDepth = maxDepth
            self.rows = rows
            self.scoring = scoring
            self.allowed = allowed
            self.levels = levels
            self.limit = limit
            bounds = Array(repeating: (0, 0), count: choices)
        }

        mutating func run() {
            for a in 0..<costs.count {
                guard let (score, total) = cover(a, depth: 0), score > 0 else { continue }
                if let choice = consistentChoice(level(1), total: total) {
                    offer(atoms: [a], choice: choice, score: score, total: total, cost: costs[a])
                } else if maxDepth > 1, let bound = bounds.filter({ $0.score > 0 }).max(by: { ($0.score, $0.total) < ($1.score, $1.total) }) {
                    open.append((a, bound.score, bound.total))
                }
            }
            open.sort { ($0.score, $0.total, $1.atom) > ($1.score, $1.total, $0.atom) }
            for i in open.indices {
                if spent >= limit || cannotWin(open[i]) { return }
                let a = open[i].atom
                guard let (_, total) = cover(a, depth: 0) else { continue }
                _ = consistentChoice(level(1), total: total)
                if extensionMayWin(cost: costs[a]) {
                    path = [a]
                    extend(depth: 1, after: i, cost: costs[a])
                }
            }
        }

        /// Conjunctions of `path` (held in level `depth`) with one more atom of `open` after
        /// position `after`.
        mutating func extend(depth: Int, after: Int, cost: Int) {
            for j in (after + 1)..<open.count {
                if spent >= limit || cannotWin(open[j]) { return }
                let a = open[j].atom
                guard let (score, total) = cover(a, depth: depth), score > 0 else { continue }
                let c = cost + costs[a] + 1
                // Neither this rule (even with choice 0) nor any extension can rank above the best.
                if let b = best, !b.isBeaten(score: score, total: total, cost: c, choice: 0) { continue }
                if let choice = consistentChoice(level(depth + 1), total: total) {
                    offer(atoms: path + [a], choice: choice, score: score, total: total, cost: c)
                } else if depth + 1 < maxDepth && extensionMayWin(cost: c) {
                    path.append(a)
                    extend(depth: depth + 1, after: j, cost: c)
                    path.removeLast()
                }
            }
        }

        func level(_ depth: Int) -> UnsafeMutablePointer<UInt64> { base + levels + depth * words }

        /// Writes level `depth` ∩ atom `a` to level `depth + 1`; returns its (scoring, all)
        /// counts, or nil when it is empty.
        mutating func cover(_ a: Int, depth: Int) -> (Int, Int)? {
            spent += words
            let here = level(depth), there = here + words
            let atom = base + rows + a * words, scoringRow = base + scoring
            var score = 0, total = 0
            for w in 0..<words {
                let x = here[w] & atom[w]
                there[w] = x
                total &+= x.nonzeroBitCount
                score &+= (x & scoringRow[w]).nonzeroBitCount
            }
            return total == 0 ? nil : (score, total)
        }

        mutating func offer(atoms: [Int], choice: Int, score: Int, total: Int, cost: Int) {
            guard best?.isBeaten(score: score, total: total, cost: cost, choice: choice) ?? true else { return }
            best = Found(atoms: atoms.sorted(), choice: choice, score: score, total: total, cost: cost,
                         cover: Array(UnsafeBufferPointer(start: level(atoms.count), count: words)))
        }

        /// Whether no conjunction with this open atom can rank above the best (its bound is
        /// below the best's score and coverage; `open` is sorted, so neither can later ones).
        func cannotWin(_ entry: (atom: Int, score: Int, total: Int)) -> Bool {
            guard let b = best else { return false }
            return entry.score < b.score || (entry.score == b.score && entry.total < b.total)
        }

        /// Whether some extension (at least one more atom and `and`: cost + 2) of the row last
        /// checked by `consistentChoice` could rank above the best so far.
        func extensionMayWin(cost: Int) -> Bool {
            guard let b = best else { return true }
            for (choice, bound) in bounds.enumerated() where bound.score > 0 {
                if b.isBeaten(score: bound.score, total: bound.total, cost: cost + 2, choice: choice) { return true }
            }
            return false
        }

        /// The first target choice right for every example in `row` (which covers `total`
        /// examples); records `bounds` for the row.
        mutating func consistentChoice(_ row: UnsafeMutablePointer<UInt64>, total: Int) -> Int? {
            spent += words * choices
            let scoringRow = base + scoring
            var found: Int?
            for choice in 0..<choices {
                let allowedRow = base + allowed + choice * words
                var inScore = 0, inAll = 0
                for w in 0..<words {
                    let x = row[w] & allowedRow[w]
                    inAll &+= x.nonzeroBitCount
                    inScore &+= (x & scoringRow[w]).nonzeroBitCount
                }
                bounds[choice] = (inScore, inAll)
                if found == nil && inAll == total { found = choice }
            }
            return found
        }
    }
}

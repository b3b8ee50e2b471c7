extension RuleSearch {
    /// Most atoms a greedily specialized guard may have.
    static let greedyDepth = 6

    /// A consistent rule built one atom at a time — each step keeps the atom that makes the
    /// covered examples purest (largest share allowing one choice), then scores highest, then
    /// is cheapest — or nil when `greedyDepth` atoms do not reach a consistent rule covering a
    /// scoring example. The cheap complement to `best` once its budget is spent.
    ///
    /// Soundness: as for `best`, the returned rule is right on every remaining example it covers.
    /// - Complexity: O(greedyDepth · atoms · words · choices).
    func specialize(remaining: [UInt64], scoring: [UInt64], allowed: [[UInt64]]) -> Found? {
        var cover = remaining
        var path: [Int] = []
        var cost = 0
        var next = [UInt64](repeating: 0, count: words)
        rows.withUnsafeBufferPointer { rows in
            for _ in 0..<Self.greedyDepth {
                var pick: (atom: Int, pure: Int, total: Int, score: Int)?
                for a in 0..<atomCount where !path.contains(a) {
                    var score = 0, total = 0
                    for w in 0..<words {
                        next[w] = cover[w] & rows[a * words + w]
                        total += next[w].nonzeroBitCount
                        score += (next[w] & scoring[w]).nonzeroBitCount
                    }
                    if score == 0 { continue }
                    let pure = allowed.map { row in (0..<words).reduce(0) { $0 + (next[$1] & row[$1]).nonzeroBitCount } }.max()!
                    if let p = pick {
                        // Compare pure / total as fractions, then score; earlier (cheaper) atoms win ties.
                        let lhs = pure * p.total, rhs = p.pure * total
                        if lhs < rhs || (lhs == rhs && score <= p.score) { continue }
                    }
                    pick = (a, pure, total, score)
                }
                guard let p = pick else { return }
                for w in 0..<words { cover[w] &= rows[p.atom * words + w] }
                cost += costs[p.atom] + (path.isEmpty ? 0 : 1)
                path.append(p.atom)
                if p.pure == p.total { return }
            }
        }
        guard !path.isEmpty, let choice = allowed.firstIndex(where: { BitRow.isSubset(cover, of: $0) }) else { return nil }
        // Atoms in catalog order, as `best` would list them.
        return Found(atoms: path.sorted(), choice: choice, score: BitRow.count(BitRow.intersection(cover, scoring)),
                     total: BitRow.count(cover), cost: cost, cover: cover)
    }
}

import ProtocolLanguage

/// One candidate comparison for a rule's guard, with a cost that orders candidates: lower is
/// shorter to read and more likely to mean the same at every `n`.
struct Atom {
    var `guard`: Guard
    var cost: Int
}

/// The comparisons rules are built from (conjunctions of these are the candidate guards).
///
/// `heard(k)` counts message `k` (a state when the table has no alphabet); `self == S` names a
/// state. Forms and costs, cheapest first: `heard(k) >= 1`, `heard(k) == 0`, `missing >= 1`,
/// `missing == 0`, `self == S`, `round == 1` (1); parametric forms `heard(k) == n - 1 - missing`
/// ("everything received carried k"), `heard(a) > heard(b)`, `round == r`, `round >= r`,
/// `missing == f` (2–3); thresholds `heard(k) >= c` as a constant (cost `2 + c`) or as
/// `n - d` (cost `3 + d`), so small thresholds print as constants and thresholds near `n` as
/// offsets from `n`. Every guard here means the same thing at every `n` except through `n`
/// and `f` themselves.
enum AtomCatalog {
    /// All candidate atoms for `K` states, `M` messages, `n` processes, `f` faulty processes, `R`
    /// rounds, in a fixed order (ties in cost keep this order). `maxMissing` is the most messages a process
    /// can miss in the setting (`Setting.maxMissing`, its observation space's: `f` under crash
    /// faults, more under receive or general omission or with lossy links); nil means
    /// `min(f, n - 1)`.
    /// - Complexity: O(K + M² + M·n + R).
    static func atoms(stateCount k: Int, messageCount m: Int, processes n: Int, crashes f: Int, maxMissing: Int,
                      rounds: Int, roundAware: Bool) -> [Atom] {
        var atoms: [Atom] = []
        func add(_ lhs: Term, _ op: Comparator, _ rhs: Term, _ cost: Int) {
            atoms.append(Atom(guard: .comparison(lhs, op, rhs), cost: cost))
        }
        let one = Term.literal(1), zero = Term.literal(0)
        let maxMissing = min(maxMissing, n - 1)
        let alive = Term.sub(.sub(.processes, one), .missing)  // n - 1 - missing
        for s in 0..<k { atoms.append(Atom(guard: .selfIs(s), cost: 1)) }
        if roundAware { add(.round, .eq, one, 1) }
        for s in 0..<m {
            add(.heard(s), .ge, one, 1)
            add(.heard(s), .eq, zero, 1)
        }
        if maxMissing >= 1 {
            add(.missing, .ge, one, 1)
            add(.missing, .eq, zero, 1)
        }
        for s in 0..<k { atoms.append(Atom(guard: .selfIsNot(s), cost: 2)) }
        if roundAware {
            for r in 2...max(2, rounds) where r <= rounds {
                add(.round, .eq, .literal(r), 2)
                add(.round, .ge, .literal(r), 2)
                if r < rounds { add(.round, .le, .literal(r), 2) }
            }
        }
        for s in 0..<m {
            add(.heard(s), .eq, alive, 2)
            add(.heard(s), .lt, alive, 2)
        }
        for a in 0..<m {
            for b in 0..<m where a != b { add(.heard(a), .gt, .heard(b), 2) }
        }
        if maxMissing >= 1 { add(.missing, .eq, .crashes, 2) }
        for a in 0..<m {
            for b in 0..<m where a != b { add(.heard(a), .ge, .heard(b), 3) }
        }
        if n - 1 - f >= 2 {
            let survivors = Term.sub(.sub(.processes, one), .crashes)  // n - 1 - f
            for s in 0..<m {
                add(.heard(s), .ge, survivors, 3)
                add(.heard(s), .lt, survivors, 3)
            }
        }
        if n >= 3 {
            for c in 2...(n - 1) {
                let d = n - c
                for s in 0..<m {
                    add(.heard(s), .ge, .sub(.processes, .literal(d)), 3 + d)
                    add(.heard(s), .lt, .sub(.processes, .literal(d)), 3 + d)
                    add(.heard(s), .ge, .literal(c), 2 + c)
                    add(.heard(s), .lt, .literal(c), 2 + c)
                }
            }
        }
        if maxMissing >= 2 {
            for c in 2...maxMissing {
                add(.missing, .ge, .literal(c), 2 + c)
                add(.missing, .lt, .literal(c), 2 + c)
            }
        }
        return atoms
    }
}

extension AtomCatalog {
    /// The atoms of a table by sender (identities) beyond the counting ones, for `n` processes
    /// and `M` messages, in a fixed order. Forms and costs: `id == c`, `from(c) == m`,
    /// `from(c) == none` for each process `c` (2); when round-aware, the rotating sender
    /// `from(round - 1) == m | none` (2); `from(c) != none` and `from(round - 1) != none` (3);
    /// the relative senders `from(id + k) == m | none` for `k` in `1..<n` (3); when round-aware,
    /// `from(round + k) == m | none` for `k` in `0..<n-1` (3, the other residues of `round`).
    /// They follow the counting atoms, so a count wins a tie in cost.
    ///
    /// `from(c)` at process `c` reads its own message (`from(id)`, docs/protocol-format.md),
    /// as `GuardContext.from` holds it.
    /// - Complexity: O(n · M).
    static func identityAtoms(processes n: Int, messageCount m: Int, roundAware: Bool) -> [Atom] {
        var atoms: [Atom] = []
        let messages: [Int?] = (0..<m).map { $0 } + [nil]
        func from(_ sender: Term, _ cost: Int) {
            for message in messages { atoms.append(Atom(guard: .from(sender, .eq, message), cost: cost)) }
        }
        let one = Term.literal(1)
        let previous = Term.sub(.round, one)  // the rotating coordinator of this round, round - 1
        for c in 0..<n { atoms.append(Atom(guard: .comparison(.id, .eq, .literal(c)), cost: 2)) }
        for c in 0..<n { from(.literal(c), 2) }
        if roundAware { from(previous, 2) }
        for c in 0..<n { atoms.append(Atom(guard: .from(.literal(c), .ne, nil), cost: 3)) }
        if roundAware { atoms.append(Atom(guard: .from(previous, .ne, nil), cost: 3)) }
        for k in 1..<n { from(.add(.id, .literal(k)), 3) }
        if roundAware {
            for k in 0..<(n - 1) { from(k == 0 ? .round : .add(.round, .literal(k)), 3) }
        }
        return atoms
    }
}

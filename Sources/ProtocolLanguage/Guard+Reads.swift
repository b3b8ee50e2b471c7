extension Guard {
    /// Whether the guard mentions `round` anywhere. - Complexity: O(size of the guard).
    public var readsRound: Bool { reads { $0 == .round } }

    /// Whether the guard mentions `id` or `from(…)` anywhere: a protocol with such a guard
    /// treats processes by their index, so it needs identities and observations by sender.
    /// - Complexity: O(size of the guard).
    public var readsIdentity: Bool {
        switch self {
        case .from: return true
        case .and(let a, let b), .or(let a, let b): return a.readsIdentity || b.readsIdentity
        case .not(let g): return g.readsIdentity
        case .comparison, .selfIs, .selfIsNot: return reads { $0 == .id }
        }
    }

    /// Whether some term of the guard (a `from` sender included) contains a leaf matching `leaf`.
    func reads(_ leaf: (Term) -> Bool) -> Bool {
        switch self {
        case .comparison(let a, _, let b): return a.contains(leaf) || b.contains(leaf)
        case .and(let a, let b), .or(let a, let b): return a.reads(leaf) || b.reads(leaf)
        case .not(let g): return g.reads(leaf)
        case .selfIs, .selfIsNot: return false
        case .from(let sender, _, _): return sender.contains(leaf)
        }
    }
}

extension Term {
    /// Whether the term or one of its subterms matches `leaf`. - Complexity: O(size of the term).
    func contains(_ leaf: (Term) -> Bool) -> Bool {
        if leaf(self) { return true }
        switch self {
        case .add(let a, let b), .sub(let a, let b): return a.contains(leaf) || b.contains(leaf)
        default: return false
        }
    }
}

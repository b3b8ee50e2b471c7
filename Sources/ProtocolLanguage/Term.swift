/// An integer expression inside a guard.
public indirect enum Term: Hashable, Sendable {
    /// An integer constant (written in decimal; a negative one as `-K`).
    case literal(Int)
    /// `heard(STATE)`: messages carrying the state with this index this round.
    case heard(Int)
    /// `missing`: processes heard from not at all this round.
    case missing
    /// `round`: the round that just ended, 1-based.
    case round
    /// `n`: the number of processes.
    case processes
    /// `f`: the most crashes in a run.
    case crashes
    /// `LEFT + RIGHT`.
    case add(Term, Term)
    /// `LEFT - RIGHT`.
    case sub(Term, Term)
}

extension Term {
    /// The term's value in `context`. Arithmetic wraps on overflow rather than trapping (the
    /// values guards see are small counts).
    ///
    /// - Precondition: a `heard` index is below `context.heard.count`.
    /// - Complexity: O(size of the term).
    public func value(in context: GuardContext) -> Int {
        switch self {
        case .literal(let value): return value
        case .heard(let state):
            precondition(context.heard.indices.contains(state),
                         "heard(\(state)) read from a context with \(context.heard.count) states")
            return context.heard[state]
        case .missing: return context.missing
        case .round: return context.round
        case .processes: return context.processes
        case .crashes: return context.crashes
        case .add(let lhs, let rhs): return lhs.value(in: context) &+ rhs.value(in: context)
        case .sub(let lhs, let rhs): return lhs.value(in: context) &- rhs.value(in: context)
        }
    }
}

/// An integer expression inside a guard.
public indirect enum Term: Hashable, Sendable {
    /// An integer constant (written in decimal; a negative one as `-K`).
    case literal(Int)
    /// `heard(MESSAGE)`: how many of the messages this round were the message with this index
    /// (`ProtocolDefinition.messageLabels`; without an alphabet, the state with this index).
    case heard(Int)
    /// `missing`: processes heard from not at all this round.
    case missing
    /// `round`: the round that just ended, 1-based.
    case round
    /// `n`: the number of processes.
    case processes
    /// `f`: the most crashes in a run.
    case crashes
    /// `id`: the process's own index `0..<n` (identities).
    case id
    /// `LEFT + RIGHT`.
    case add(Term, Term)
    /// `LEFT - RIGHT`.
    case sub(Term, Term)
}

extension Term {
    /// The term's exact value in `context`.
    ///
    /// Computed in `Int128` with overflow-checked arithmetic, so it never wraps: a sum of
    /// `Int`-valued leaves overflows `Int128` only past 2^64 leaves, which a term cannot have
    /// (a parsed guard has at most `ProtocolDefinition.maxGuardTerms`). Comparisons between
    /// terms are therefore exact whatever the literals and the context hold.
    ///
    /// - Precondition: a `heard` index is below `context.heard.count`; the value fits in
    ///   `Int128` (checked; a violation traps rather than wraps).
    /// - Complexity: O(size of the term); recursion as deep as the term.
    public func value(in context: GuardContext) -> Int128 {
        switch self {
        case .literal(let value): return Int128(value)
        case .heard(let state):
            precondition(context.heard.indices.contains(state),
                         "heard(\(state)) read from a context with \(context.heard.count) states")
            return Int128(context.heard[state])
        case .missing: return Int128(context.missing)
        case .round: return Int128(context.round)
        case .processes: return Int128(context.processes)
        case .crashes: return Int128(context.crashes)
        case .id: return Int128(context.id)
        case .add(let lhs, let rhs):
            let (sum, overflow) = lhs.value(in: context).addingReportingOverflow(rhs.value(in: context))
            precondition(!overflow, "guard arithmetic overflowed Int128 (a term with more than 2^64 leaves)")
            return sum
        case .sub(let lhs, let rhs):
            let (difference, overflow) = lhs.value(in: context).subtractingReportingOverflow(rhs.value(in: context))
            precondition(!overflow, "guard arithmetic overflowed Int128 (a term with more than 2^64 leaves)")
            return difference
        }
    }
}

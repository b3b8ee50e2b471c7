/// A condition of a `next` rule over what a process observed.
///
/// State indices (`selfIs`, `selfIsNot`) refer to `ProtocolDefinition.states`; message indices
/// (`Term.heard`) to `ProtocolDefinition.messageLabels` (the states without an alphabet).
public indirect enum Guard: Hashable, Sendable {
    /// `LEFT OP RIGHT` between two integer terms.
    case comparison(Term, Comparator, Term)
    /// Both hold (`and`).
    case and(Guard, Guard)
    /// Either holds (`or`).
    case or(Guard, Guard)
    /// Does not hold (`not`).
    case not(Guard)
    /// The process's own state is this state (`self == NAME`).
    case selfIs(Int)
    /// The process's own state is not this state (`self != NAME`).
    case selfIsNot(Int)
    /// Identities: the message received this round from process `TERM mod n` is (`==`) or is
    /// not (`!=`) this message, nil for `none` (`from(TERM) == MESSAGE | none`). `from(id)` is
    /// the process's own message. The comparator is `.eq` or `.ne`.
    case from(Term, Comparator, Int?)
}

/// A comparison between two integer terms.
public enum Comparator: String, Hashable, Sendable, CaseIterable {
    /// `==`
    case eq = "=="
    /// `!=`
    case ne = "!="
    /// `<`
    case lt = "<"
    /// `<=`
    case le = "<="
    /// `>`
    case gt = ">"
    /// `>=`
    case ge = ">="

    /// Whether `lhs OP rhs` holds.
    /// - Complexity: O(1).
    @inlinable
    public func compare<Value: Comparable>(_ lhs: Value, _ rhs: Value) -> Bool {
        switch self {
        case .eq: return lhs == rhs
        case .ne: return lhs != rhs
        case .lt: return lhs < rhs
        case .le: return lhs <= rhs
        case .gt: return lhs > rhs
        case .ge: return lhs >= rhs
        }
    }
}

extension Guard {
    /// Whether the guard holds in `context`; `and` and `or` short-circuit. Exact: terms are
    /// compared by their exact values (`Term.value(in:)`), never wrapped ones.
    ///
    /// - Precondition: every message index in the guard is below `context.heard.count`.
    /// - Complexity: O(size of the guard).
    public func holds(in context: GuardContext) -> Bool {
        switch self {
        case .comparison(let lhs, let op, let rhs):
            return op.compare(lhs.value(in: context), rhs.value(in: context))
        case .and(let lhs, let rhs):
            return lhs.holds(in: context) && rhs.holds(in: context)
        case .or(let lhs, let rhs):
            return lhs.holds(in: context) || rhs.holds(in: context)
        case .not(let inner):
            return !inner.holds(in: context)
        case .selfIs(let state):
            return context.state == state
        case .selfIsNot(let state):
            return context.state != state
        case .from(let sender, let op, let message):
            guard let from = context.from else { preconditionFailure("from() read from a context without senders") }
            let n = Int128(from.count)
            let j = Int(((sender.value(in: context) % n) + n) % n)
            return op == .eq ? from[j] == message : from[j] != message
        }
    }
}

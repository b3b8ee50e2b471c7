import Diagnostics

/// One `next` rule `GUARD -> TARGET` (or `otherwise -> TARGET` when `guard` is nil).
///
/// `location` (of the rule's first token in the file, when parsed) takes no part in `==` or
/// hashing.
public struct Rule: Hashable, Sendable {
    /// The condition under which the rule fires; nil for `otherwise`, which always fires.
    public var `guard`: Guard?
    /// The state the rule moves to.
    public var target: Target
    /// Where the rule was written; nil for a definition built in code.
    public var location: SourceLocation?

    /// Creates a rule; a nil `guard` is `otherwise`. `location` defaults to none.
    public init(guard: Guard?, target: Target, location: SourceLocation? = nil) {
        self.guard = `guard`
        self.target = target
        self.location = location
    }

    /// Equal when guard and target are; the location is ignored.
    public static func == (lhs: Rule, rhs: Rule) -> Bool {
        lhs.guard == rhs.guard && lhs.target == rhs.target
    }

    /// Hashes guard and target; the location is ignored.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.guard)
        hasher.combine(target)
    }
}

/// Where a rule moves a process.
public enum Target: Hashable, Sendable {
    /// The state with this index in `ProtocolDefinition.states`.
    case state(Int)
    /// The process keeps its current state (written `self`).
    case stay
}

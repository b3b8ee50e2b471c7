import Diagnostics

/// One `decide` entry `STATE -> DECISION`: a process that ends in state `state` decides
/// `decision`.
///
/// `location` (of the state in the file, when parsed) takes no part in `==` or hashing.
public struct DecideEntry: Hashable, Sendable {
    /// Index of the final state in `ProtocolDefinition.states`.
    public var state: Int
    /// The decision value, non-negative.
    public var decision: Int
    /// Where the entry's state was written; nil for a definition built in code.
    public var location: SourceLocation?

    /// Creates an entry; `location` defaults to none (a definition built in code).
    public init(state: Int, decision: Int, location: SourceLocation? = nil) {
        self.state = state
        self.decision = decision
        self.location = location
    }

    /// Equal when state and decision are; the location is ignored.
    public static func == (lhs: DecideEntry, rhs: DecideEntry) -> Bool {
        lhs.state == rhs.state && lhs.decision == rhs.decision
    }

    /// Hashes state and decision; the location is ignored.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(state)
        hasher.combine(decision)
    }
}

import Diagnostics

/// One `init` entry `INPUT -> STATE`: a process with input `input` starts in state `state`.
///
/// `location` (of the input in the file, when parsed) takes no part in `==` or hashing.
public struct InitEntry: Hashable, Sendable {
    /// The input value, non-negative.
    public var input: Int
    /// Index of the initial state in `ProtocolDefinition.states`.
    public var state: Int
    /// Where the entry's input was written; nil for a definition built in code.
    public var location: SourceLocation?

    /// Creates an entry; `location` defaults to none (a definition built in code).
    public init(input: Int, state: Int, location: SourceLocation? = nil) {
        self.input = input
        self.state = state
        self.location = location
    }

    /// Equal when input and state are; the location is ignored.
    public static func == (lhs: InitEntry, rhs: InitEntry) -> Bool {
        lhs.input == rhs.input && lhs.state == rhs.state
    }

    /// Hashes input and state; the location is ignored.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(input)
        hasher.combine(state)
    }
}

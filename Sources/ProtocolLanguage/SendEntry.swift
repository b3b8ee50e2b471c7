import Diagnostics

/// One `send` entry `STATE -> MESSAGE`: a process in state `state` broadcasts message `message`
/// (a protocol with a message alphabet only; without one a process broadcasts its state).
///
/// `location` (of the state in the file, when parsed) takes no part in `==` or hashing.
public struct SendEntry: Hashable, Sendable {
    /// Index of the sending state in `ProtocolDefinition.states`.
    public var state: Int
    /// Index of the message in `ProtocolDefinition.messages`.
    public var message: Int
    /// Where the entry's state was written; nil for a definition built in code.
    public var location: SourceLocation?

    /// Creates an entry; `location` defaults to none (a definition built in code).
    public init(state: Int, message: Int, location: SourceLocation? = nil) {
        self.state = state
        self.message = message
        self.location = location
    }

    /// Equal when state and message are; the location is ignored.
    public static func == (lhs: SendEntry, rhs: SendEntry) -> Bool {
        lhs.state == rhs.state && lhs.message == rhs.message
    }

    /// Hashes state and message; the location is ignored.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(state)
        hasher.combine(message)
    }
}

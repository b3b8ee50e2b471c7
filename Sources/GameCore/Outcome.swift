/// What one process ends with: the vocabulary a spec's assertions talk about.
public struct ProcessOutcome: Hashable, Sendable, Codable {
    /// `(input p)`.
    public var input: Int
    /// `(correct p)`: the process never crashed.
    public var correct: Bool
    /// `(decision p)`: `decide(final state)`, or `ProcessOutcome.noDecision` for a crashed process.
    public var decision: Int

    /// The decision of a process that crashed.
    public static let noDecision = -1

    public init(input: Int, correct: Bool, decision: Int) {
        self.input = input
        self.correct = correct
        self.decision = decision
    }
}

/// The outcome of one execution: entry `i` is process `p<i>`.
public struct Outcome: Hashable, Sendable, Codable {
    public var processes: [ProcessOutcome]
    public init(_ processes: [ProcessOutcome]) { self.processes = processes }
}

/// Whether a spec holds on one outcome.
public enum OutcomeVerdict: Hashable, Sendable {
    /// Every assertion holds.
    case holds
    /// Assertion number `property` (index into `Spec.properties`) is false on the outcome.
    case fails(property: Int)
    /// Z3 could not decide (timeout or incompleteness); never to be read as a pass.
    case unknown(reason: String)
}

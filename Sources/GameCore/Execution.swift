/// One concrete execution, as the adversary chose it (docs/semantics.md): an input per process and,
/// per round, who crashes and which of that round's survivors still receive each crasher's
/// last message.
public struct Execution: Hashable, Sendable, Codable {
    /// `inputs[p]` is process `p`'s input.
    public var inputs: [Int]
    /// `rounds[r-1]` lists the crashes of round `r`; exactly `R` entries.
    public var rounds: [RoundSchedule]

    public init(inputs: [Int], rounds: [RoundSchedule]) {
        self.inputs = inputs
        self.rounds = rounds
    }
}

/// The crashes of one round.
public struct RoundSchedule: Hashable, Sendable, Codable {
    public var crashes: [Crash]
    public init(crashes: [Crash] = []) { self.crashes = crashes }
}

/// A process that crashes in a round; its message of that round still reaches `receivers`
/// (a subset of the round's survivors, sorted).
public struct Crash: Hashable, Sendable, Codable {
    public var process: Int
    public var receivers: [Int]
    public init(process: Int, receivers: [Int]) {
        self.process = process
        self.receivers = receivers
    }
}

/// What a simulation went through: every process's state and observation in every round.
public struct Trace: Hashable, Sendable {
    /// `states[r][p]`: state of `p` at the start of round `r+1` (`states[R]` = final states);
    /// nil once `p` has crashed (it crashed in a round `<= r`).
    public var states: [[Int?]]
    /// `observations[r-1][p]`: what survivor `p` observed in round `r`; nil for crashers of
    /// round `r` and earlier.
    public var observations: [[Observation?]]
    /// `crashRound[p]`: round in which `p` crashed, nil if it never did.
    public var crashRound: [Int?]

    public init(states: [[Int?]], observations: [[Observation?]], crashRound: [Int?]) {
        self.states = states
        self.observations = observations
        self.crashRound = crashRound
    }
}

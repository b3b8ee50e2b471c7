/// What one process ends with: the vocabulary a spec's assertions talk about.
public struct ProcessOutcome: Hashable, Sendable, Codable {
    /// `(input p)`.
    public var input: Int
    /// `(correct p)`: the process is not faulty (under crash faults: it never crashed).
    public var correct: Bool
    /// `(decision p)`: `decide(final state)`, or `ProcessOutcome.noDecision` for a process that
    /// never decided (it crashed, or it is Byzantine). `(decided p)` is `decision != noDecision`.
    public var decision: Int
    /// `(decision-round p)`: the round after whose step `p` decided (`0` after `init`), or
    /// `noDecision` when it never did; `R` for every decider without early decision.
    public var decisionRound: Int

    /// The decision (and decision round) of a process that never decided.
    public static let noDecision = -1

    public init(input: Int, correct: Bool, decision: Int, decisionRound: Int) {
        self.input = input
        self.correct = correct
        self.decision = decision
        self.decisionRound = decision == Self.noDecision ? Self.noDecision : decisionRound
    }

    /// A process of a game without early decision: a decider decided at round `rounds`.
    public init(input: Int, correct: Bool, decision: Int, rounds: Int) {
        self.init(input: input, correct: correct, decision: decision, decisionRound: rounds)
    }

    private enum CodingKeys: String, CodingKey { case input, correct, decision, decisionRound }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        input = try c.decode(Int.self, forKey: .input)
        correct = try c.decode(Bool.self, forKey: .correct)
        decision = try c.decode(Int.self, forKey: .decision)
        decisionRound = try c.decodeIfPresent(Int.self, forKey: .decisionRound) ?? Self.noDecision
    }
}

/// The outcome of one execution: entry `i` is process `p<i>`; `lost` is how many messages were
/// lost on links (`:losses`). `faults` is how many processes are not correct.
public struct Outcome: Hashable, Sendable, Codable {
    public var processes: [ProcessOutcome]
    /// `lost`: messages lost on links over the execution (0 without `:losses`).
    public var lost: Int

    public init(_ processes: [ProcessOutcome], lost: Int = 0) {
        self.processes = processes
        self.lost = lost
    }

    /// `faults`: how many processes are faulty (not correct).
    public var faults: Int { processes.reduce(0) { $0 + ($1.correct ? 0 : 1) } }

    private enum CodingKeys: String, CodingKey { case processes, lost }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        processes = try c.decode([ProcessOutcome].self, forKey: .processes)
        lost = try c.decodeIfPresent(Int.self, forKey: .lost) ?? 0
    }
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

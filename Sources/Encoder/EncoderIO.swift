/// One information set as the encoder sees it: the own state and the observation of a round.
///
/// Invariants (checked by ``ActionEncoder`` with preconditions): `heard.count == M` (the
/// encoder's message count; `K` when messages are states),
/// `0 <= ownState < K`, every count `>= 0`, and `round >= 1` when present.
public struct EncoderInput: Sendable, Hashable {
    /// The process's own state, in `0..<K`.
    public var ownState: Int
    /// `heard[k]`: how many of the other `n - 1` processes' messages were message `k` (state `k`
    /// when messages are states); `M` entries.
    public var heard: [Int]
    /// How many of the other `n - 1` messages did not arrive.
    public var missing: Int
    /// The 1-based round, or `nil` when the protocol is not round-aware (then no round token).
    public var round: Int?

    public init(ownState: Int, heard: [Int], missing: Int, round: Int?) {
        self.ownState = ownState
        self.heard = heard
        self.missing = missing
        self.round = round
    }
}

/// The encoder's answer for one information set.
public struct EncoderOutput: Sendable {
    /// One logit per candidate action (target state `0..<K`).
    public var logits: [Float]
    /// Estimated checker score of completing the table, in `[0, 1]`.
    public var value: Float
    /// `softmax(logits)`: the prior over the `K` actions; sums to 1.
    public var policy: [Float]

    public init(logits: [Float], value: Float, policy: [Float]) {
        self.logits = logits
        self.value = value
        self.policy = policy
    }
}

/// A training target: an MCTS visit distribution and a checker score for one information set.
public struct TrainingExample: Sendable {
    public var input: EncoderInput
    /// Target distribution over the `K` actions (non-negative, sums to 1).
    public var policy: [Float]
    /// Target value in `[0, 1]`.
    public var value: Float

    public init(input: EncoderInput, policy: [Float], value: Float) {
        self.input = input
        self.policy = policy
        self.value = value
    }
}

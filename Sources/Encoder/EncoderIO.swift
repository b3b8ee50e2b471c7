/// One information set as the encoder sees it: the own state and the observation of a round.
///
/// Two kinds (one encoder sees one kind, as one table is counted or by sender):
/// - **counted**: `heard` and `missing` (anonymous processes); `id` and `senders` are nil.
/// - **by sender** (identities): `id` is the process's own index and `senders` names, per other
///   process, what arrived from it; `heard` and `missing` are its counted view (the
///   ``init(ownState:id:senders:messageCount:round:)`` initializer derives them).
///
/// Invariants (checked by ``ActionEncoder`` with preconditions): `heard.count == M` (the
/// encoder's message count; `K` when messages are states),
/// `0 <= ownState < K`, every count `>= 0`, and `round >= 1` when present; by sender, `id` in
/// `0..<n`, `senders.count == n - 1`, every message in `0..<M`, and `heard`/`missing` count
/// `senders`.
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
    /// By sender: the process's own index in `0..<n`; nil for a counted information set.
    public var id: Int?
    /// By sender: per other process, by its index relative to `id` — element `r - 1` is what
    /// arrived from process `(id + r) mod n`, for `r` in `1..<n` — the message, or nil for
    /// nothing; nil for a counted information set.
    public var senders: [Int?]?

    /// A counted information set.
    public init(ownState: Int, heard: [Int], missing: Int, round: Int?) {
        self.ownState = ownState
        self.heard = heard
        self.missing = missing
        self.round = round
    }

    /// An information set by sender; `heard` and `missing` are derived from `senders`.
    /// - Parameters:
    ///   - senders: what arrived from process `(id + r) mod n`, at `r - 1` (see ``senders``).
    ///   - messageCount: `M` (`K` when messages are states).
    public init(ownState: Int, id: Int, senders: [Int?], messageCount: Int, round: Int?) {
        var heard = [Int](repeating: 0, count: messageCount)
        var missing = 0
        for message in senders {
            if let message, heard.indices.contains(message) { heard[message] += 1 } else if message == nil { missing += 1 }
        }
        self.init(ownState: ownState, heard: heard, missing: missing, round: round)
        self.id = id
        self.senders = senders
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

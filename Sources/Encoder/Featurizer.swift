/// Fixed-width feature vectors of tokens and candidate actions (before the embedding products).
///
/// Token feature layout (``TokenFeature/width`` = 47 columns):
///
/// | columns | meaning |
/// |---|---|
/// | 0..<4   | token type one-hot: self, message, missing, round |
/// | 4..<12  | state one-hot (`maxStates` = 8): own state for `self`, the message for a message (its state when messages are states) |
/// | 12      | count / (n − 1) (`heard[k]` for a message, `missing` for `missing`) |
/// | 13..<29 | count bucket one-hot, count clipped to 0...15 |
/// | 29      | round / R (round token) |
/// | 30..<46 | round bucket one-hot, round clipped to 0...15 |
/// | 46      | message only: 1 when the message's state equals the own state (messages are states only) |
///
/// With a message alphabet of its own (`M` messages, a protocol's `send`), there is one message
/// token per message, and the features that compare a message with a state (column 46 here,
/// and the heard features of the candidate actions) are 0: a message is not a state.
///
/// There is no positional feature: two message tokens differ only through their state and count,
/// so the token set (and the encoder's output) does not depend on the order tokens are listed.
enum TokenFeature {
    static let maxStates = 8
    static let buckets = 16
    static let type = 0, state = 4, countNorm = 12, countBucket = 13
    static let roundNorm = 29, roundBucket = 30, sameAsOwn = 46
    static let width = 47

    static let selfType = 0, messageType = 1, missingType = 2, roundType = 3
}

/// Candidate-action feature layout (``ActionFeature/width`` = 11 columns): state one-hot of the
/// target (0..<8), target == own state (8), `heard[a] / (n − 1)` (9), `heard[a] > 0` (10) — the
/// last two only when messages are states (else 0).
enum ActionFeature {
    static let state = 0, isOwn = 8, heardNorm = 9, heardAny = 10
    static let width = 11
}

/// Where each example of a batch sits in the stacked token matrix.
struct BatchLayout {
    /// `tokenStart[b]..<tokenStart[b + 1]`: the rows of example `b`; `tokenStart.last` = N.
    var tokenStart: [Int]
    /// `attentionStart[b]`: offset of example `b`'s `T_b x T_b` attention block inside one head's
    /// attention buffer; `attentionStart.last` = Σ T_b².
    var attentionStart: [Int]

    var examples: Int { tokenStart.count - 1 }
    var tokens: Int { tokenStart[examples] }
    var attentionSize: Int { attentionStart[examples] }
    func tokenCount(_ b: Int) -> Int { tokenStart[b + 1] - tokenStart[b] }
    /// Largest `T_b`.
    var maxTokens: Int { (0..<examples).map(tokenCount).max() ?? 0 }

    /// Tokens of one information set: self, `M` messages, missing, and round when round-aware.
    static func tokenCount(messageCount: Int, roundAware: Bool) -> Int { messageCount + 2 + (roundAware ? 1 : 0) }

    init(_ inputs: [EncoderInput], messageCount: Int) {
        tokenStart = [0]
        attentionStart = [0]
        tokenStart.reserveCapacity(inputs.count + 1)
        attentionStart.reserveCapacity(inputs.count + 1)
        for input in inputs {
            let t = Self.tokenCount(messageCount: messageCount, roundAware: input.round != nil)
            tokenStart.append(tokenStart.last! + t)
            attentionStart.append(attentionStart.last! + t * t)
        }
    }
}

/// Writes the feature rows of a batch.
struct Featurizer {
    let stateCount: Int
    /// `M`: message kinds an observation counts (`K` when messages are states).
    let messageCount: Int
    /// Whether the messages are the states (no alphabet of their own): only then is a message
    /// compared with the own state or a candidate target.
    let messagesAreStates: Bool
    /// `n − 1`, at least 1: the count normaliser.
    let others: Float
    /// `R`, at least 1: the round normaliser.
    let rounds: Float

    /// Checks the invariants of ``EncoderInput`` against `K` and `M`.
    func validate(_ input: EncoderInput) {
        precondition(input.heard.count == messageCount, "EncoderInput: heard has \(input.heard.count) entries, expected M = \(messageCount)")
        precondition((0..<stateCount).contains(input.ownState), "EncoderInput: ownState \(input.ownState) outside 0..<\(stateCount)")
        precondition(input.missing >= 0 && input.heard.allSatisfy { $0 >= 0 }, "EncoderInput: negative count")
        precondition(input.round.map { $0 >= 1 } ?? true, "EncoderInput: round is 1-based")
    }

    /// Fills `features` (`N x TokenFeature.width`, zeroed by the caller) for the batch.
    ///
    /// Logical token `j` of an example is `self` (j = 0), message `j − 1` (1...M), `missing`
    /// (M + 1) and `round` (M + 2). It is written to row
    /// `tokenStart[b] + i` where `order(T_b)[i] == j`; `order` is a test hook (the identity by
    /// default) that shows the encoder does not depend on row order.
    func writeTokens(_ inputs: [EncoderInput], layout: BatchLayout, into features: Floats,
                     order: ((Int) -> [Int])? = nil) {
        let w = TokenFeature.width
        for (b, input) in inputs.enumerated() {
            let t = layout.tokenCount(b)
            let permutation = order?(t)
            precondition(permutation.map { $0.count == t && Set($0) == Set(0..<t) } ?? true,
                         "token order hook must return a permutation of 0..<T")
            for i in 0..<t {
                let j = permutation?[i] ?? i
                let row = (layout.tokenStart[b] + i) * w
                switch j {
                case 0:
                    features[row + TokenFeature.type + TokenFeature.selfType] = 1
                    features[row + TokenFeature.state + input.ownState] = 1
                case 1...messageCount:
                    let k = j - 1
                    features[row + TokenFeature.type + TokenFeature.messageType] = 1
                    features[row + TokenFeature.state + k] = 1
                    writeCount(input.heard[k], row: row, into: features)
                    if messagesAreStates && k == input.ownState { features[row + TokenFeature.sameAsOwn] = 1 }
                case messageCount + 1:
                    features[row + TokenFeature.type + TokenFeature.missingType] = 1
                    writeCount(input.missing, row: row, into: features)
                default:
                    let round = input.round!
                    features[row + TokenFeature.type + TokenFeature.roundType] = 1
                    features[row + TokenFeature.roundNorm] = Float(round) / rounds
                    features[row + TokenFeature.roundBucket + min(round, TokenFeature.buckets - 1)] = 1
                }
            }
        }
    }

    private func writeCount(_ count: Int, row: Int, into features: Floats) {
        features[row + TokenFeature.countNorm] = Float(count) / others
        features[row + TokenFeature.countBucket + min(count, TokenFeature.buckets - 1)] = 1
    }

    /// Fills `features` (`B·K x ActionFeature.width`, zeroed by the caller): row `b·K + a`
    /// describes action `a` (target state `a`) of example `b`.
    func writeActions(_ inputs: [EncoderInput], into features: Floats) {
        let w = ActionFeature.width
        for (b, input) in inputs.enumerated() {
            for a in 0..<stateCount {
                let row = (b * stateCount + a) * w
                features[row + ActionFeature.state + a] = 1
                if a == input.ownState { features[row + ActionFeature.isOwn] = 1 }
                guard messagesAreStates else { continue }
                features[row + ActionFeature.heardNorm] = Float(input.heard[a]) / others
                if input.heard[a] > 0 { features[row + ActionFeature.heardAny] = 1 }
            }
        }
    }
}

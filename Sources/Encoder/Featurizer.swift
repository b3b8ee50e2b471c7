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
///
/// By sender (identities, ``EncoderInput/senders``): the tokens are `self`, one *sender* token
/// per other process, and `round` when round-aware — `T = n (+1)`. A process's index is written
/// in two places: relative to the receiver (`r = (j − id) mod n`, 0 for `self`) in the count
/// columns, and absolute (`j`, the receiver's `id` for `self`) in the round columns, so the
/// encoder can learn rotating roles (relative) and designated ones (absolute):
///
/// | columns | `self` | sender `j` |
/// |---|---|---|
/// | 0..<4   | type self | type message when something arrived from `j`, missing when nothing |
/// | 4..<12  | own state | the message received, none when nothing |
/// | 12..<29 | relative index 0 | relative index `r`: `r / (n − 1)` and its bucket |
/// | 29..<46 | `id`: `id / (n − 1)` and its bucket | `j`: `j / (n − 1)` and its bucket |
/// | 46      | 0 | as for a message token: the message is the own state (messages are states only) |
///
/// The columns are those of the counted layout, read differently: an encoder sees one kind of
/// information set only (one table is counted or by sender), so the counted layout, its
/// parameter count and its initialisation stay exactly as they were. Sender tokens are a set
/// too (each carries its indices; no order beyond that).
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

    /// Tokens of one counted information set: self, `M` messages, missing, and round when
    /// round-aware.
    static func tokenCount(messageCount: Int, roundAware: Bool) -> Int { messageCount + 2 + (roundAware ? 1 : 0) }

    /// Tokens of one information set by sender among `n` processes: self, `n − 1` senders, and
    /// round when round-aware.
    static func tokenCount(processes: Int, roundAware: Bool) -> Int { processes + (roundAware ? 1 : 0) }

    /// Tokens of `input`, by its kind.
    static func tokenCount(_ input: EncoderInput, messageCount: Int) -> Int {
        if let senders = input.senders { return tokenCount(processes: senders.count + 1, roundAware: input.round != nil) }
        return tokenCount(messageCount: messageCount, roundAware: input.round != nil)
    }

    init(_ inputs: [EncoderInput], messageCount: Int) {
        tokenStart = [0]
        attentionStart = [0]
        tokenStart.reserveCapacity(inputs.count + 1)
        attentionStart.reserveCapacity(inputs.count + 1)
        for input in inputs {
            let t = Self.tokenCount(input, messageCount: messageCount)
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
    /// `n`: the processes (an input by sender has `n − 1` senders).
    let processes: Int
    /// `n − 1`, at least 1: the count (and process index) normaliser.
    let others: Float
    /// `R`, at least 1: the round normaliser.
    let rounds: Float

    /// Checks the invariants of ``EncoderInput`` against `K`, `M` and `n`.
    func validate(_ input: EncoderInput) {
        precondition(input.heard.count == messageCount, "EncoderInput: heard has \(input.heard.count) entries, expected M = \(messageCount)")
        precondition((0..<stateCount).contains(input.ownState), "EncoderInput: ownState \(input.ownState) outside 0..<\(stateCount)")
        precondition(input.missing >= 0 && input.heard.allSatisfy { $0 >= 0 }, "EncoderInput: negative count")
        precondition(input.round.map { $0 >= 1 } ?? true, "EncoderInput: round is 1-based")
        precondition((input.id == nil) == (input.senders == nil), "EncoderInput: id and senders go together (by sender)")
        guard let senders = input.senders, let id = input.id else { return }
        precondition((0..<processes).contains(id), "EncoderInput: id \(id) outside 0..<\(processes)")
        precondition(senders.count == processes - 1, "EncoderInput: \(senders.count) senders, expected n - 1 = \(processes - 1)")
        precondition(senders.allSatisfy { $0.map { (0..<messageCount).contains($0) } ?? true }, "EncoderInput: a sender's message outside 0..<\(messageCount)")
        precondition(input.missing == senders.filter { $0 == nil }.count
                     && (0..<messageCount).allSatisfy { m in input.heard[m] == senders.filter { $0 == m }.count },
                     "EncoderInput: heard and missing must count the senders")
    }

    /// Fills `features` (`N x TokenFeature.width`, zeroed by the caller) for the batch.
    ///
    /// Logical token `j` of a counted example is `self` (j = 0), message `j − 1` (1...M),
    /// `missing` (M + 1) and `round` (M + 2); of an example by sender, `self` (j = 0), the
    /// sender with relative index `j` (1..<n) and `round` (n). It is written to row
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
                if input.senders != nil {
                    writeSenderToken(j, of: input, row: row, into: features)
                    continue
                }
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

    /// Logical token `j` of an input by sender (see ``writeTokens(_:layout:into:order:)``).
    private func writeSenderToken(_ j: Int, of input: EncoderInput, row: Int, into features: Floats) {
        let senders = input.senders!, id = input.id!
        let n = senders.count + 1
        switch j {
        case 0:
            features[row + TokenFeature.type + TokenFeature.selfType] = 1
            features[row + TokenFeature.state + input.ownState] = 1
            writeCount(0, row: row, into: features)
            writeIndex(id, row: row, into: features)
        case 1..<n:
            if let message = senders[j - 1] {
                features[row + TokenFeature.type + TokenFeature.messageType] = 1
                features[row + TokenFeature.state + message] = 1
                if messagesAreStates && message == input.ownState { features[row + TokenFeature.sameAsOwn] = 1 }
            } else {
                features[row + TokenFeature.type + TokenFeature.missingType] = 1
            }
            writeCount(j, row: row, into: features)
            writeIndex((id + j) % n, row: row, into: features)
        default:
            let round = input.round!
            features[row + TokenFeature.type + TokenFeature.roundType] = 1
            features[row + TokenFeature.roundNorm] = Float(round) / rounds
            features[row + TokenFeature.roundBucket + min(round, TokenFeature.buckets - 1)] = 1
        }
    }

    /// An absolute process index, in the round columns (by sender only).
    private func writeIndex(_ index: Int, row: Int, into features: Floats) {
        features[row + TokenFeature.roundNorm] = Float(index) / others
        features[row + TokenFeature.roundBucket + min(index, TokenFeature.buckets - 1)] = 1
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

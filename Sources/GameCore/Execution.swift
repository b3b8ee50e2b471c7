/// One concrete execution, as the adversary chose it (docs/semantics.md): an input per process,
/// the faulty set when the fault model picks it before round 1, and per round what the
/// adversary did (crashes, dropped and lost messages, Byzantine messages).
public struct Execution: Hashable, Sendable, Codable {
    /// `inputs[p]` is process `p`'s input.
    public var inputs: [Int]
    /// The faulty processes, sorted, under a model that picks them before round 1 (omission,
    /// Byzantine); empty under crash faults, where the crashers are the faulty ones.
    public var faulty: [Int]
    /// `rounds[r-1]` is what the adversary did in round `r`; exactly `R` entries.
    public var rounds: [RoundSchedule]

    public init(inputs: [Int], faulty: [Int] = [], rounds: [RoundSchedule]) {
        self.inputs = inputs
        self.faulty = faulty
        self.rounds = rounds
    }

    private enum CodingKeys: String, CodingKey { case inputs, faulty, rounds }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        inputs = try c.decode([Int].self, forKey: .inputs)
        faulty = try c.decodeIfPresent([Int].self, forKey: .faulty) ?? []
        rounds = try c.decode([RoundSchedule].self, forKey: .rounds)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(inputs, forKey: .inputs)
        if !faulty.isEmpty { try c.encode(faulty, forKey: .faulty) }
        try c.encode(rounds, forKey: .rounds)
    }

    /// Messages lost on links (`:losses`) over the whole execution: the outcome's `lost`.
    public var lost: Int { rounds.reduce(0) { $0 + $1.losses.count } }
}

/// What the adversary did in one round. Each list is sorted; a model uses only its own lists
/// (crash: `crashes`; omission: `drops`; Byzantine: `forged`), and `losses` goes with any.
public struct RoundSchedule: Hashable, Sendable, Codable {
    /// Crash faults: who crashes in this round, and who still receives each crasher's message.
    public var crashes: [Crash]
    /// Omission faults: messages dropped because their sender or receiver is faulty.
    public var drops: [Link]
    /// Lossy links (`:losses`): messages lost although the fault model delivered them; at most
    /// `L` per round.
    public var losses: [Link]
    /// Byzantine faults: what each Byzantine process sent to each other process; a
    /// (sender, receiver) pair that is absent got nothing.
    public var forged: [Forgery]

    public init(crashes: [Crash] = [], drops: [Link] = [], losses: [Link] = [], forged: [Forgery] = []) {
        self.crashes = crashes
        self.drops = drops
        self.losses = losses
        self.forged = forged
    }

    private enum CodingKeys: String, CodingKey { case crashes, drops, losses, forged }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        crashes = try c.decodeIfPresent([Crash].self, forKey: .crashes) ?? []
        drops = try c.decodeIfPresent([Link].self, forKey: .drops) ?? []
        losses = try c.decodeIfPresent([Link].self, forKey: .losses) ?? []
        forged = try c.decodeIfPresent([Forgery].self, forKey: .forged) ?? []
    }

    /// Encodes `crashes` always (as every record before fault models did), the others when
    /// non-empty.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(crashes, forKey: .crashes)
        if !drops.isEmpty { try c.encode(drops, forKey: .drops) }
        if !losses.isEmpty { try c.encode(losses, forKey: .losses) }
        if !forged.isEmpty { try c.encode(forged, forKey: .forged) }
    }
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

/// One message's link: from `sender` to `receiver` (distinct processes). Ordered by sender,
/// then receiver.
public struct Link: Hashable, Sendable, Codable, Comparable {
    public var sender: Int
    public var receiver: Int
    public init(_ sender: Int, _ receiver: Int) {
        self.sender = sender
        self.receiver = receiver
    }
    public static func < (a: Link, b: Link) -> Bool { (a.sender, a.receiver) < (b.sender, b.receiver) }
}

/// A Byzantine process's message to one receiver in one round: any message of the alphabet.
public struct Forgery: Hashable, Sendable, Codable, Comparable {
    public var sender: Int
    public var receiver: Int
    public var message: Int
    public init(sender: Int, receiver: Int, message: Int) {
        self.sender = sender
        self.receiver = receiver
        self.message = message
    }
    public static func < (a: Forgery, b: Forgery) -> Bool {
        (a.sender, a.receiver, a.message) < (b.sender, b.receiver, b.message)
    }
}

/// What a simulation went through: every process's state and observation in every round.
public struct Trace: Hashable, Sendable {
    /// `states[r][p]`: state of `p` at the start of round `r+1` (`states[R]` = final states);
    /// nil once `p` no longer runs (it crashed in a round `<= r`, or it is Byzantine).
    public var states: [[Int?]]
    /// `observations[r-1][p]`: what `p` observed in round `r`; nil for processes that took no
    /// step in round `r` (crashers of round `r` and earlier, Byzantine processes).
    public var observations: [[Observation?]]
    /// `crashRound[p]`: round in which `p` crashed, nil if it never did.
    public var crashRound: [Int?]
    /// `decisions[p]`: what `p` decided, `-1` if it never did.
    public var decisions: [Int]
    /// `decisionRounds[p]`: the round `p` decided in (0 after `init`), `-1` if it never did.
    public var decisionRounds: [Int]

    public init(states: [[Int?]], observations: [[Observation?]], crashRound: [Int?], decisions: [Int], decisionRounds: [Int]) {
        self.states = states
        self.observations = observations
        self.crashRound = crashRound
        self.decisions = decisions
        self.decisionRounds = decisionRounds
    }
}

/// The parameters of a bounded game (docs/semantics.md): `n` processes, at most `F` faulty ones
/// under a fault model, up to `L` messages lost per round on any links, `R` rounds, inputs
/// `0..<I`, decisions `0..<D`, and for synthesis `K` local states.
public struct Setting: Hashable, Sendable, Codable {
    /// `n`: number of processes, `2...Setting.maxProcesses`.
    public var processes: Int
    /// `F`: most faulty processes over a whole run, `0..<processes` (`:faulty`, or its older
    /// name `:crashes`; under crash faults, the most crashes).
    public var crashes: Int
    /// The fault model (`:faults`; `.crash` by default).
    public var faults: FaultKind
    /// `L`: messages the adversary may also lose per round on any links (`:losses`; 0 by default).
    public var losses: Int
    /// `R`: synchronous rounds, `1...Setting.maxRounds`.
    public var rounds: Int
    /// `I`: input values `0..<inputs`.
    public var inputs: Int
    /// `D`: decision values `0..<decisions`.
    public var decisions: Int
    /// `K`: local states a synthesized protocol may use.
    public var states: Int
    /// Whether a synthesized `next` may depend on the round.
    public var roundAware: Bool
    /// `M`: for synthesis, the size of the message alphabet the search chooses `send` into
    /// (`:messages`, at most `states`); nil when messages are the states (`send` the identity).
    public var messages: Int?
    /// Whether processes decide the first time they are in a deciding state (`:early-decision`)
    /// rather than all at round `R`.
    public var earlyDecision: Bool
    /// Whether processes have indices `0..<n` and know their own (`:identities`): `next` may
    /// read `id` and, per sender, the message received from it (`SenderObservation`).
    public var identities: Bool

    public init(processes: Int, crashes: Int, rounds: Int, inputs: Int = 2, decisions: Int = 2,
                states: Int = 2, roundAware: Bool = false, faults: FaultKind = .crash, losses: Int = 0,
                messages: Int? = nil, earlyDecision: Bool = false, identities: Bool = false) {
        self.messages = messages
        self.identities = identities
        self.earlyDecision = earlyDecision
        self.processes = processes
        self.crashes = crashes
        self.faults = faults
        self.losses = losses
        self.rounds = rounds
        self.inputs = inputs
        self.decisions = decisions
        self.states = states
        self.roundAware = roundAware
    }

    private enum CodingKeys: String, CodingKey {
        case processes, crashes, faults, losses, rounds, inputs, decisions, states, roundAware, messages, earlyDecision, identities
    }

    /// Decodes a setting; `faults`, `losses`, `messages`, `earlyDecision` and `identities` may be
    /// absent (records written before them mean crash faults, no losses, messages = states,
    /// decision at `R`, anonymous processes).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        processes = try c.decode(Int.self, forKey: .processes)
        crashes = try c.decode(Int.self, forKey: .crashes)
        faults = try c.decodeIfPresent(FaultKind.self, forKey: .faults) ?? .crash
        losses = try c.decodeIfPresent(Int.self, forKey: .losses) ?? 0
        rounds = try c.decode(Int.self, forKey: .rounds)
        inputs = try c.decode(Int.self, forKey: .inputs)
        decisions = try c.decode(Int.self, forKey: .decisions)
        states = try c.decode(Int.self, forKey: .states)
        roundAware = try c.decode(Bool.self, forKey: .roundAware)
        messages = try c.decodeIfPresent(Int.self, forKey: .messages)
        earlyDecision = try c.decodeIfPresent(Bool.self, forKey: .earlyDecision) ?? false
        identities = try c.decodeIfPresent(Bool.self, forKey: .identities) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(processes, forKey: .processes)
        try c.encode(crashes, forKey: .crashes)
        try c.encode(faults, forKey: .faults)
        try c.encode(losses, forKey: .losses)
        try c.encode(rounds, forKey: .rounds)
        try c.encode(inputs, forKey: .inputs)
        try c.encode(decisions, forKey: .decisions)
        try c.encode(states, forKey: .states)
        try c.encode(roundAware, forKey: .roundAware)
        try c.encodeIfPresent(messages, forKey: .messages)
        try c.encode(earlyDecision, forKey: .earlyDecision)
        try c.encode(identities, forKey: .identities)
    }

    /// Largest `n` the engine holds: counts are packed in 6 bits.
    public static let maxProcesses = 63
    /// Largest number of local states (of a spec or of a protocol).
    public static let maxStates = 8
    /// Largest number of rounds.
    public static let maxRounds = 64
    /// Largest number of input values and of decision values.
    public static let maxValues = 16
}

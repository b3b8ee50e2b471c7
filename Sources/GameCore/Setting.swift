/// The parameters of a bounded game (docs/semantics.md): `n` processes, at most `f` crashes,
/// `R` rounds, inputs `0..<I`, decisions `0..<D`, and for synthesis `K` local states.
public struct Setting: Hashable, Sendable, Codable {
    /// `n`: number of processes, `2...Setting.maxProcesses`.
    public var processes: Int
    /// `f`: most crashes over a whole run, `0..<processes`.
    public var crashes: Int
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

    public init(processes: Int, crashes: Int, rounds: Int, inputs: Int = 2, decisions: Int = 2,
                states: Int = 2, roundAware: Bool = false) {
        self.processes = processes
        self.crashes = crashes
        self.rounds = rounds
        self.inputs = inputs
        self.decisions = decisions
        self.states = states
        self.roundAware = roundAware
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

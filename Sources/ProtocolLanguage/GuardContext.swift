/// Everything a guard may read: what one process sees at the end of one round.
public struct GuardContext: Sendable {
    /// The round that just ended, 1-based.
    public var round: Int
    /// The process's own state index.
    public var state: Int
    /// `heard[m]`: how many of the other `n - 1` processes' messages that arrived this round
    /// were message `m`. One entry per message of the protocol (per state without an alphabet).
    public var heard: [Int]
    /// How many of the other `n - 1` processes' messages did not arrive this round.
    public var missing: Int
    /// `n`: the number of processes.
    public var processes: Int
    /// `f`: the most processes that may crash over a run.
    public var crashes: Int
    /// `id`: the process's own index (identities; 0 when processes are anonymous).
    public var id: Int
    /// Identities: `from[j]` = the message received from process `j` this round, nil for none;
    /// `from[id]` is the process's own message. Nil when observations only count.
    public var from: [Int?]?

    /// Creates a context; nothing is checked (guards read the fields as given).
    public init(round: Int, state: Int, heard: [Int], missing: Int, processes: Int, crashes: Int,
                id: Int = 0, from: [Int?]? = nil) {
        self.id = id
        self.from = from
        self.round = round
        self.state = state
        self.heard = heard
        self.missing = missing
        self.processes = processes
        self.crashes = crashes
    }
}

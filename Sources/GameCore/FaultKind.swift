/// Which fault model a setting plays under (`:faults`, docs/semantics.md): what a faulty process
/// may do. The adversary itself (`FaultModel`, in the `Game` layer) is chosen from this value.
public enum FaultKind: String, CaseIterable, Hashable, Sendable, Codable {
    /// A faulty process stops at a round the adversary picks; its message of that round reaches
    /// any subset of the survivors. The default, and the model every older spec means.
    case crash
    /// Faulty processes run to the end; each round any of their outgoing messages may be dropped.
    case sendOmission = "send-omission"
    /// Faulty processes run to the end; each round any of their incoming messages may be dropped.
    case receiveOmission = "receive-omission"
    /// Faulty processes run to the end; each round any message they send or receive may be dropped.
    case generalOmission = "general-omission"
    /// Faulty processes have no protocol: each round they send any one message of the alphabet,
    /// or nothing, to each other process; they never decide.
    case byzantine

    /// The name a spec writes after `:faults`.
    public var name: String { rawValue }

    /// Whether the adversary picks the faulty set before round 1 (every model but `crash`, where
    /// a process becomes faulty by crashing).
    public var choosesFaultySetFirst: Bool { self != .crash }

    /// Whether faulty processes run the protocol to the end and decide (the omission models).
    public var faultyProcessesRun: Bool {
        switch self {
        case .sendOmission, .receiveOmission, .generalOmission: return true
        case .crash, .byzantine: return false
        }
    }

    /// Under an omission model, whether a message from `senderFaulty` to `receiverFaulty` may be
    /// dropped by the fault model (a message between two correct processes never may).
    public func mayDrop(senderFaulty: Bool, receiverFaulty: Bool) -> Bool {
        switch self {
        case .sendOmission: return senderFaulty
        case .receiveOmission: return receiverFaulty
        case .generalOmission: return senderFaulty || receiverFaulty
        case .crash, .byzantine: return false
        }
    }
}

import SpecLanguage

/// A protocol compiled for one setting (docs/semantics.md): `init`, `send`, `decide`, and one
/// `next` entry per information set (round slot, own index when observations are by sender,
/// own state, observation over messages). An
/// entry may be `TransitionTable.undefined` — a gap; reaching one is an error for a handwritten
/// protocol and a free choice for the search.
///
/// Messages: a process in state `k` broadcasts `send[k]`, one of `messageCount` messages.
/// Without a message alphabet the messages are the states and `send` is the identity.
///
/// Identities: a table whose `space` is by sender (`ObservationSpace.Kind.bySender`) has one
/// `next` row per process index (`ids` = `n`), and its observations name each sender; a counted
/// table (`ids` = 1) treats every process alike, also in a setting with identities.
///
/// Decisions: without early decision every process still running after round `R` decides
/// `decision[state]` there. With early decision (`setting.earlyDecision`) a process decides
/// the first time it is in a state whose `decision` is a value (`0..<D`), after `init` or after
/// a step; `notDeciding` marks a state that does not decide.
public struct TransitionTable: Hashable, Sendable {
    /// The setting the table is for (`states` there is ignored; `stateCount` rules).
    public let setting: Setting
    /// Local states of this protocol, `K`.
    public let stateCount: Int
    /// When true, `next` has one slot per round `1...R`; otherwise one slot for all rounds.
    public let roundAware: Bool
    /// Observations of the setting, numbered (counted, or by sender).
    public let space: ObservationSpace
    /// Rows of `next` per (slot, state): `n` when observations are by sender (`next` reads
    /// `id`), else 1.
    public let ids: Int
    /// State names (defaults to `0…K-1`).
    public var stateNames: [String]
    /// Messages of the protocol, `M` (`stateCount` when the messages are the states).
    public let messageCount: Int
    /// Message names when the protocol names an alphabet; nil when the messages are the states.
    public var messageNames: [String]?
    /// `send[k]` = the message a process broadcasts in state `k`; `undefined` when unset. The
    /// identity when the messages are the states.
    public var send: [UInt8]

    /// `initial[v]` = initial state for input `v`; `undefined` when unset.
    public var initial: [UInt8]
    /// `decision[k]` = decision of state `k`; `noDecision` when unset, `notDeciding` for a state
    /// that does not decide (early decision only).
    public var decision: [Int8]
    /// `next[(slot * K + state) * space.count + observationIndex]`; `undefined` when unset.
    public var next: [UInt8]

    /// Sentinel of an entry with no target.
    public static let undefined: UInt8 = .max
    /// Sentinel of a state whose decision is unset.
    public static let noDecision: Int8 = -1
    /// Sentinel of a state that does not decide (early decision).
    public static let notDeciding: Int8 = -2

    /// An empty table: every entry undefined (`send` the identity when `messageCount` is nil).
    /// - Parameters:
    ///   - messageCount: the alphabet's size `M` when the protocol has one (its `send` starts
    ///     unset); nil when the messages are the states.
    ///   - bySender: whether `next` reads `id` and who sent what (only under
    ///     `setting.identities`).
    /// - Precondition: `ObservationSpace.fits(processes: setting.processes, stateCount: M, kind:)`.
    /// - Complexity: O(slots · ids · K · |observations|) memory, one byte per entry.
    public init(setting: Setting, stateCount: Int, roundAware: Bool, stateNames: [String]? = nil,
                messageCount: Int? = nil, messageNames: [String]? = nil, bySender: Bool = false) {
        precondition(!bySender || setting.identities, "observations by sender need a setting with identities")
        self.setting = setting
        self.stateCount = stateCount
        self.roundAware = roundAware
        let m = messageCount ?? stateCount
        self.messageCount = m
        self.messageNames = messageCount == nil ? nil : (messageNames ?? (0..<m).map(String.init))
        send = messageCount == nil ? (0..<stateCount).map(UInt8.init) : [UInt8](repeating: Self.undefined, count: stateCount)
        self.space = ObservationSpace(setting: setting, stateCount: m, kind: bySender ? .bySender : .counted)
        ids = bySender ? setting.processes : 1
        self.stateNames = stateNames ?? (0..<stateCount).map(String.init)
        initial = [UInt8](repeating: Self.undefined, count: setting.inputs)
        decision = [Int8](repeating: Self.noDecision, count: stateCount)
        let slots = roundAware ? setting.rounds : 1
        next = [UInt8](repeating: Self.undefined, count: slots * ids * stateCount * space.count)
    }

    /// Number of round slots of `next`.
    public var slots: Int { roundAware ? setting.rounds : 1 }

    /// Whether the protocol has a message alphabet of its own (`send` is a map to be read).
    public var hasAlphabet: Bool { messageNames != nil }

    /// Names of the messages: `messageNames`, or the state names when messages are states.
    public var messageLabels: [String] { messageNames ?? stateNames }

    /// The message a process in `state` sends, or nil when `send` is unset there.
    @inline(__always)
    public func message(of state: Int) -> Int? {
        let m = send[state]
        return m == Self.undefined ? nil : Int(m)
    }

    /// The decision a process takes on being in `state`, under early decision: a value, or nil
    /// when the state does not decide (or its decision is unset).
    @inline(__always)
    public func decides(_ state: Int) -> Int? {
        let d = decision[state]
        return d >= 0 ? Int(d) : nil
    }

    /// Whether `next` reads the process's index and who sent what (`space.bySender`).
    public var bySender: Bool { space.bySender }

    /// Position of an entry in `next`; `id` (the process's index) is ignored by a counted
    /// table. - Precondition: indices in range.
    @inline(__always)
    public func entryIndex(round: Int, id: Int, state: Int, observation index: Int) -> Int {
        let slot = roundAware ? round - 1 : 0
        let row = ids == 1 ? 0 : id
        return ((slot * ids + row) * stateCount + state) * space.count + index
    }

    /// The next state of process `id`, or nil for a gap or an observation that cannot occur in
    /// this setting (a table by sender needs an observation with senders).
    public func nextState(round: Int, id: Int, state: Int, observation: Observation) -> Int? {
        guard let o = space.index(of: observation) else { return nil }
        let t = next[entryIndex(round: round, id: id, state: state, observation: o)]
        return t == Self.undefined ? nil : Int(t)
    }

    /// The information set stored at `next[entry]`: its round (nil when not round-aware), the
    /// process index (nil for a counted table), state and observation.
    public func informationSet(ofEntry entry: Int) -> InformationSet {
        let o = entry % space.count
        var rest = entry / space.count
        let state = rest % stateCount
        rest /= stateCount
        let row = rest % ids
        let slot = rest / ids
        return InformationSet(round: roundAware ? slot + 1 : nil, id: bySender ? row : nil, state: state,
                              observation: space.observation(at: o, id: row))
    }
}

/// What a process knows when it moves: the round (when the table is round-aware), its index
/// (when the table reads it), its own state, and its observation.
public struct InformationSet: Hashable, Sendable {
    /// 1-based round, or nil when `next` does not depend on the round.
    public var round: Int?
    /// The process's index, or nil when `next` does not depend on it (a counted table).
    public var id: Int?
    public var state: Int
    public var observation: Observation

    public init(round: Int?, id: Int? = nil, state: Int, observation: Observation) {
        self.round = round
        self.id = id
        self.state = state
        self.observation = observation
    }

    /// `round 2, id 1, state A, heard(A)=1 heard(B)=1 missing=0` (messages named by
    /// `messageNames`, the state names when nil).
    public func describe(stateNames: [String], messageNames: [String]? = nil) -> String {
        let r = round.map { "round \($0), " } ?? ""
        let i = id.map { "id \($0), " } ?? ""
        return "\(r)\(i)state \(stateNames[state]), \(observation.describe(stateNames: messageNames ?? stateNames))"
    }
}

/// A reachable information set where the protocol has no rule.
public struct ProtocolGap: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based round in which the gap was reached.
    public var round: Int
    /// The index of the process that reached it, when the table reads indices.
    public var id: Int?
    public var state: Int
    public var observation: Observation
    public var stateNames: [String]
    /// Names of the messages the observation counts (the state names without an alphabet).
    public var messageNames: [String]

    public init(round: Int, id: Int? = nil, state: Int, observation: Observation, stateNames: [String], messageNames: [String]? = nil) {
        self.round = round
        self.id = id
        self.state = state
        self.observation = observation
        self.stateNames = stateNames
        self.messageNames = messageNames ?? stateNames
    }

    public var description: String {
        "no rule applies in round \(round) to \(id.map { "process \($0) in " } ?? "")state \(stateNames[state]) with \(observation.describe(stateNames: messageNames)); expected a rule for every reachable observation (add an `otherwise` rule)"
    }
}

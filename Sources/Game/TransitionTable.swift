import SpecLanguage

/// A protocol compiled for one setting (docs/semantics.md): `init`, `decide`, and one `next` entry
/// per information set (round slot, own state, observation). An entry may be
/// `TransitionTable.undefined` — a gap; reaching one is an error for a handwritten protocol and
/// a free choice for the search.
public struct TransitionTable: Hashable, Sendable {
    /// The setting the table is for (`states` there is ignored; `stateCount` rules).
    public let setting: Setting
    /// Local states of this protocol, `K`.
    public let stateCount: Int
    /// When true, `next` has one slot per round `1...R`; otherwise one slot for all rounds.
    public let roundAware: Bool
    /// Observations of the setting, numbered.
    public let space: ObservationSpace
    /// State names for messages (defaults to `0…K-1`).
    public var stateNames: [String]

    /// `initial[v]` = initial state for input `v`; `undefined` when unset.
    public var initial: [UInt8]
    /// `decision[k]` = decision of final state `k`; `-1` when unset.
    public var decision: [Int8]
    /// `next[(slot * K + state) * space.count + observationIndex]`; `undefined` when unset.
    public var next: [UInt8]

    /// Sentinel of an entry with no target.
    public static let undefined: UInt8 = .max
    /// Sentinel of a state with no decision.
    public static let noDecision: Int8 = -1

    /// An empty table: every entry undefined.
    /// - Precondition: `ObservationSpace.fits(processes: setting.processes, stateCount:)`.
    /// - Complexity: O(slots · K · |observations|) memory, one byte per entry.
    public init(setting: Setting, stateCount: Int, roundAware: Bool, stateNames: [String]? = nil) {
        self.setting = setting
        self.stateCount = stateCount
        self.roundAware = roundAware
        self.space = ObservationSpace(setting: setting, stateCount: stateCount)
        self.stateNames = stateNames ?? (0..<stateCount).map(String.init)
        initial = [UInt8](repeating: Self.undefined, count: setting.inputs)
        decision = [Int8](repeating: Self.noDecision, count: stateCount)
        let slots = roundAware ? setting.rounds : 1
        next = [UInt8](repeating: Self.undefined, count: slots * stateCount * space.count)
    }

    /// Number of round slots of `next`.
    public var slots: Int { roundAware ? setting.rounds : 1 }

    /// Position of an entry in `next`. - Precondition: indices in range.
    @inline(__always)
    public func entryIndex(round: Int, state: Int, observation index: Int) -> Int {
        let slot = roundAware ? round - 1 : 0
        return (slot * stateCount + state) * space.count + index
    }

    /// The next state, or nil for a gap or an observation that cannot occur in this setting.
    public func nextState(round: Int, state: Int, observation: Observation) -> Int? {
        guard let o = space.index(of: observation) else { return nil }
        let t = next[entryIndex(round: round, state: state, observation: o)]
        return t == Self.undefined ? nil : Int(t)
    }

    /// The information set stored at `next[entry]`: its round (nil when not round-aware),
    /// state and observation.
    public func informationSet(ofEntry entry: Int) -> InformationSet {
        let o = entry % space.count
        let rest = entry / space.count
        let state = rest % stateCount
        let slot = rest / stateCount
        return InformationSet(round: roundAware ? slot + 1 : nil, state: state, observation: space.observations[o])
    }
}

/// What a process knows when it moves: the round (when the table is round-aware), its own
/// state, and its observation.
public struct InformationSet: Hashable, Sendable {
    /// 1-based round, or nil when `next` does not depend on the round.
    public var round: Int?
    public var state: Int
    public var observation: Observation

    public init(round: Int?, state: Int, observation: Observation) {
        self.round = round
        self.state = state
        self.observation = observation
    }

    /// `round 2, state A, heard(A)=1 heard(B)=1 missing=0`.
    public func describe(stateNames: [String]) -> String {
        let r = round.map { "round \($0), " } ?? ""
        return "\(r)state \(stateNames[state]), \(observation.describe(stateNames: stateNames))"
    }
}

/// A reachable information set where the protocol has no rule.
public struct ProtocolGap: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based round in which the gap was reached.
    public var round: Int
    public var state: Int
    public var observation: Observation
    public var stateNames: [String]

    public init(round: Int, state: Int, observation: Observation, stateNames: [String]) {
        self.round = round
        self.state = state
        self.observation = observation
        self.stateNames = stateNames
    }

    public var description: String {
        "no rule applies in round \(round) to state \(stateNames[state]) with \(observation.describe(stateNames: stateNames)); expected a rule for every reachable observation (add an `otherwise` rule)"
    }
}

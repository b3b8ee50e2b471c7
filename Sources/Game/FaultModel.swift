/// The adversary as one concept: everything the engine needs to know about a fault model —
/// what the adversary may choose in a round, what then arrives where, who counts as correct
/// and who decides, how many raw executions there are, how a round is validated and shown.
/// Every layer asks `setting.faultModel` (or the `Adversary` over it, which adds inputs, the
/// faulty set and lossy links, common to every model) rather than writing a model out itself;
/// a new model is one conformance.
///
/// Conformances: `CrashFaults`, `OmissionFaults` (send, receive and general omission),
/// `ByzantineFaults` (docs/semantics.md).
public protocol FaultModel: Sendable {
    /// Which model this is; its `name` is what a spec writes after `:faults`.
    var kind: FaultKind { get }

    /// Throws unless `schedule` holds choices this adversary may make in round `round`, where
    /// `running[p]` says who starts the round with a state, `faulty[p]` who is faulty so far,
    /// and `budget` how many more processes may still become faulty. `schedule.losses` is
    /// checked by `Adversary`, not here.
    /// - Returns: the budget left after the round.
    /// - Complexity: O(n²).
    func validate(round: Int, _ schedule: RoundSchedule, running: [Bool], faulty: [Bool], budget: Int,
                  messageCount: Int) throws(Simulator.ScheduleError) -> Int

    /// What arrives where in a round with `schedule` (before lossy links take their share): who
    /// takes a step, what each of them receives, and who still runs after the round.
    /// - Precondition: `schedule` passed `validate` for this round.
    /// - Complexity: O(n²).
    func arrivals(_ schedule: RoundSchedule, running: [Bool], faulty: [Bool]) -> RoundArrivals

    /// Calls `body` once per choice the adversary has in a round (lossy links aside, which
    /// `Adversary` adds) with the budget left after it — every raw choice, in a fixed order
    /// (the brute force's enumeration).
    func forEachRoundSchedule<E: Error>(running: [Bool], faulty: [Bool], budget: Int, messageCount: Int,
                                        _ body: (RoundSchedule, Int) throws(E) -> Void) throws(E)

    /// Raw continuations of the game from the start of each round (inputs and the faulty set
    /// chosen), lossy links included: see `Continuations`.
    /// - Complexity: O(R · n · F²) for crash faults, O(n² · F) otherwise (plus `O(n^2)` per
    ///   round choice count with losses).
    func continuations(_ setting: Setting, messageCount: Int) -> Continuations

    /// The model in one line for `ggms show` (who may be faulty and what they may do).
    func summary(_ setting: Setting) -> String

    /// What one raw execution chooses, for `ggms show` (`inputs x …`).
    var choices: String { get }

    /// What the adversary did to or through `process` in `schedule` (lossy links aside), for a
    /// counterexample table (nil when nothing); `name` spells a process, `message` a message.
    func event(of process: Int, in schedule: RoundSchedule, name: (Int) -> String,
               message: (Int) -> String) -> String?
}

/// One message that arrived: the sender's own message of the round (its state, or `send` of
/// it), or a message a Byzantine sender chose.
public enum Arrival: Hashable, Sendable {
    case message(from: Int)
    case forged(from: Int, message: Int)

    /// The process it came from.
    public var sender: Int {
        switch self {
        case .message(let p), .forged(let p, _): return p
        }
    }
}

/// A round's deliveries: `steps[q]` says whether `q` takes a step (and so receives),
/// `received[q]` what arrived at `q` (empty for processes that take no step), and
/// `runningAfter[p]` whether `p` still runs after the round.
public struct RoundArrivals: Sendable {
    public var steps: [Bool]
    public var received: [[Arrival]]
    public var runningAfter: [Bool]

    public init(steps: [Bool], received: [[Arrival]], runningAfter: [Bool]) {
        self.steps = steps
        self.received = received
        self.runningAfter = runningAfter
    }

    /// The messages that arrived, as links (what lossy links may lose), sorted.
    public var links: [Link] {
        var result: [Link] = []
        for (q, arrivals) in received.enumerated() { for a in arrivals { result.append(Link(a.sender, q)) } }
        return result.sorted()
    }

    /// The same deliveries with the messages on `lost` links removed.
    public func losing(_ lost: [Link]) -> RoundArrivals {
        guard !lost.isEmpty else { return self }
        var copy = self
        for link in lost { copy.received[link.receiver].removeAll { $0.sender == link.sender } }
        return copy
    }
}

/// Raw continuations: `values[r][a][s]` is how many raw executions continue from the start of
/// round `r` (1-based; `R+1` is 1) when `a` processes run and `s` are faulty so far. Exact
/// below 2^53, approximate above, `inf` past about 1e308.
public struct Continuations: Sendable {
    public let values: [[[Double]]]
    public init(values: [[[Double]]]) { self.values = values }

    @inline(__always)
    public func callAsFunction(round: Int, running: Int, faulty: Int) -> Double { values[round][running][faulty] }
}

extension Setting {
    /// The most messages a process that takes a step can miss in one round: the fault model's
    /// share (crashers, faulty senders, Byzantine silence: `F`; every message of a faulty
    /// receiver under receive and general omission: `n-1`), plus `L` lost, at most `n-1`.
    public var maxMissing: Int {
        let byFaults: Int
        switch faults {
        case .crash, .sendOmission, .byzantine: byFaults = crashes
        case .receiveOmission, .generalOmission: byFaults = crashes > 0 ? processes - 1 : 0
        }
        return min(byFaults + losses, processes - 1)
    }

    /// The adversary of this setting's fault model (`faults`).
    public var faultModel: any FaultModel {
        switch faults {
        case .crash: return CrashFaults()
        case .sendOmission, .receiveOmission, .generalOmission: return OmissionFaults(kind: faults)
        case .byzantine: return ByzantineFaults()
        }
    }
}

/// The whole adversary of a setting: inputs, the faulty set (chosen before round 1 by every
/// model but crash), each round's choices under the fault model (`FaultModel`), and the
/// messages lost on links (`:losses`, at most `L` per round, among the messages the fault
/// model delivered; common to every model). The simulator, the brute force and the counts use
/// it, so these rules are written once.
public struct Adversary: Sendable {
    public let setting: Setting
    public let model: any FaultModel
    /// Size of the message alphabet (the protocol's states): what a Byzantine process may send.
    public let messageCount: Int

    public init(_ setting: Setting, messageCount: Int) {
        self.setting = setting
        model = setting.faultModel
        self.messageCount = messageCount
    }

    /// Whether each process is faulty from the start (the execution's faulty set; under crash
    /// faults nobody is, until they crash).
    public func initiallyFaulty(_ execution: Execution) -> [Bool] {
        var faulty = [Bool](repeating: false, count: setting.processes)
        for p in execution.faulty where faulty.indices.contains(p) { faulty[p] = true }
        return faulty
    }

    /// Whether each process has a state at the start of round 1 (Byzantine ones have none).
    public func initiallyRunning(faulty: [Bool]) -> [Bool] {
        setting.faults == .byzantine ? faulty.map { !$0 } : [Bool](repeating: true, count: faulty.count)
    }

    /// Throws unless `execution` is one this adversary can choose.
    /// - Complexity: O(R · n² log n).
    public func validate(_ execution: Execution) throws(Simulator.ScheduleError) {
        let n = setting.processes
        guard execution.inputs.count == n, execution.inputs.allSatisfy({ (0..<setting.inputs).contains($0) }) else { throw .wrongInputs }
        guard execution.rounds.count == setting.rounds else { throw .wrongRoundCount }
        if setting.faults.choosesFaultySetFirst {
            guard execution.faulty == execution.faulty.sorted(), Set(execution.faulty).count == execution.faulty.count,
                  execution.faulty.allSatisfy({ (0..<n).contains($0) }) else {
                throw .faultySet("the faulty set must list distinct processes in order")
            }
            guard execution.faulty.count <= setting.crashes else { throw .tooManyCrashes }
        } else if !execution.faulty.isEmpty {
            throw .faultySet("under crash faults the faulty processes are the ones that crash; no faulty set is chosen first")
        }
        var faulty = initiallyFaulty(execution)
        var running = initiallyRunning(faulty: faulty)
        var budget = setting.crashes - execution.faulty.count
        for (i, schedule) in execution.rounds.enumerated() {
            budget = try model.validate(round: i + 1, schedule, running: running, faulty: faulty, budget: budget,
                                        messageCount: messageCount)
            let arrivals = model.arrivals(schedule, running: running, faulty: faulty)
            guard schedule.losses.count <= setting.losses else {
                throw .roundChoice(round: i + 1, "\(schedule.losses.count) message\(schedule.losses.count == 1 ? "" : "s") lost; at most \(setting.losses) per round (:losses)")
            }
            guard schedule.losses == schedule.losses.sorted(), Set(schedule.losses).count == schedule.losses.count else {
                throw .roundChoice(round: i + 1, "lost messages must be listed once each, in order")
            }
            let delivered = Set(arrivals.links)
            for link in schedule.losses where !delivered.contains(link) {
                throw .roundChoice(round: i + 1, "the message p\(link.sender) -> p\(link.receiver) is lost but was not delivered")
            }
            for p in 0..<n where running[p] && !arrivals.runningAfter[p] { faulty[p] = true }
            running = arrivals.runningAfter
        }
    }

    /// One round's deliveries, lossy links included.
    public func arrivals(_ schedule: RoundSchedule, running: [Bool], faulty: [Bool]) -> RoundArrivals {
        model.arrivals(schedule, running: running, faulty: faulty).losing(schedule.losses)
    }

    /// Calls `body` once per faulty set the adversary may pick before round 1 (crash faults:
    /// only the empty one), every subset of at most `F` processes in a fixed order.
    public func forEachFaultySet<E: Error>(_ body: ([Int]) throws(E) -> Void) throws(E) {
        guard setting.faults.choosesFaultySetFirst else { return try body([]) }
        // Subsets of at most F processes, enumerated directly (no 2^n mask: n may be 63).
        try Self.subsets(of: Array(0..<setting.processes), atMost: setting.crashes, from: 0, chosen: [], body)
    }

    /// Calls `body` once per raw choice of one round — the model's choices, then every set of at
    /// most `L` delivered messages that are lost — with the budget left after it.
    public func forEachRoundSchedule<E: Error>(running: [Bool], faulty: [Bool], budget: Int,
                                               _ body: (RoundSchedule, Int) throws(E) -> Void) throws(E) {
        try model.forEachRoundSchedule(running: running, faulty: faulty, budget: budget, messageCount: messageCount) {
            (schedule: RoundSchedule, left: Int) throws(E) in
            guard setting.losses > 0 else { return try body(schedule, left) }
            let links = model.arrivals(schedule, running: running, faulty: faulty).links
            try Self.subsets(of: links, atMost: setting.losses, from: 0, chosen: []) { (lost: [Link]) throws(E) in
                var withLosses = schedule
                withLosses.losses = lost
                try body(withLosses, left)
            }
        }
    }

    /// Calls `body` once per subset of `items` with at most `limit` members (each in the order
    /// of `items`), the empty one first.
    static func subsets<T, E: Error>(of items: [T], atMost limit: Int, from start: Int, chosen: [T],
                                     _ body: ([T]) throws(E) -> Void) throws(E) {
        try body(chosen)
        guard chosen.count < limit else { return }
        for i in start..<items.count {
            try subsets(of: items, atMost: limit, from: i + 1, chosen: chosen + [items[i]], body)
        }
    }

    /// The raw continuations from the start of each round (`FaultModel.continuations`).
    public var continuations: Continuations { model.continuations(setting, messageCount: messageCount) }

    /// Raw executions: inputs, faulty sets and every round's choices. Exact below 2^53,
    /// approximate above, `inf` past about 1e308.
    public var rawExecutions: Double { rawExecutions(continuations) }

    /// `rawExecutions` from `continuations` computed before.
    public func rawExecutions(_ continuations: Continuations) -> Double {
        let n = setting.processes
        let inputs = ExecutionCount.power(Double(setting.inputs), n)
        guard setting.faults.choosesFaultySetFirst else { return inputs * continuations(round: 1, running: n, faulty: 0) }
        var sum = 0.0
        for s in 0...setting.crashes {
            let running = setting.faults == .byzantine ? n - s : n
            sum += ExecutionCount.binomial(n, s) * continuations(round: 1, running: running, faulty: s)
        }
        return inputs * sum
    }
}

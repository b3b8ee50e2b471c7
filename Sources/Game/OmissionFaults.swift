/// Send, receive and general omission (docs/semantics.md): the adversary picks the faulty set
/// (at most `F` processes) before round 1; faulty processes run the protocol to the end and
/// decide; in every round the adversary may drop any message whose sender (send omission),
/// receiver (receive omission) or either end (general omission) is faulty. A message between
/// two correct processes always arrives.
public struct OmissionFaults: FaultModel {
    public let kind: FaultKind

    /// - Precondition: `kind` is one of the omission models.
    public init(kind: FaultKind) {
        precondition(kind.faultyProcessesRun, "OmissionFaults: \(kind.name) is not an omission model")
        self.kind = kind
    }

    private var whose: String {
        switch kind {
        case .sendOmission: return "messages they send"
        case .receiveOmission: return "messages sent to them"
        default: return "messages they send or receive"
        }
    }

    public func summary(_ setting: Setting) -> String {
        "\(kind.name): at most \(setting.crashes) faulty process\(setting.crashes == 1 ? "" : "es"), chosen before round 1; they run to the end and decide, and any of the \(whose) may be dropped in every round"
    }

    public var choices: String { "inputs x faulty sets x dropped messages per round" }

    /// The links the adversary may drop this round, sorted.
    func droppable(faulty: [Bool]) -> [Link] {
        let n = faulty.count
        var links: [Link] = []
        for p in 0..<n {
            for q in 0..<n where q != p && kind.mayDrop(senderFaulty: faulty[p], receiverFaulty: faulty[q]) {
                links.append(Link(p, q))
            }
        }
        return links
    }

    public func validate(round: Int, _ schedule: RoundSchedule, running: [Bool], faulty: [Bool], budget: Int,
                         messageCount: Int) throws(Simulator.ScheduleError) -> Int {
        guard schedule.crashes.isEmpty, schedule.forged.isEmpty else {
            throw .roundChoice(round: round, "\(kind.name) neither crashes processes nor forges messages")
        }
        guard schedule.drops == schedule.drops.sorted(), Set(schedule.drops).count == schedule.drops.count else {
            throw .roundChoice(round: round, "dropped messages must be listed once each, in order")
        }
        let allowed = Set(droppable(faulty: faulty))
        for link in schedule.drops where !allowed.contains(link) {
            throw .roundChoice(round: round, "the message p\(link.sender) -> p\(link.receiver) cannot be dropped under \(kind.name) (neither end it names is faulty)")
        }
        return budget
    }

    public func arrivals(_ schedule: RoundSchedule, running: [Bool], faulty: [Bool]) -> RoundArrivals {
        let n = running.count
        let dropped = Set(schedule.drops)
        var received = [[Arrival]](repeating: [], count: n)
        for q in 0..<n where running[q] {
            for p in 0..<n where p != q && running[p] && !dropped.contains(Link(p, q)) {
                received[q].append(.message(from: p))
            }
        }
        return RoundArrivals(steps: running, received: received, runningAfter: running)
    }

    public func forEachRoundSchedule<E: Error>(running: [Bool], faulty: [Bool], budget: Int, messageCount: Int,
                                               _ body: (RoundSchedule, Int) throws(E) -> Void) throws(E) {
        let links = droppable(faulty: faulty)
        try Adversary.subsets(of: links, atMost: links.count, from: 0, chosen: []) { (drops: [Link]) throws(E) in
            try body(RoundSchedule(drops: drops), budget)
        }
    }

    /// Links the adversary may drop when `s` of `n` processes are faulty.
    static func droppableCount(kind: FaultKind, processes n: Int, faulty s: Int) -> Int {
        switch kind {
        case .sendOmission, .receiveOmission: return s * (n - 1)
        default: return n * (n - 1) - (n - s) * (n - s - 1)
        }
    }

    public func continuations(_ setting: Setting, messageCount: Int) -> Continuations {
        let n = setting.processes
        let table = setting.losses > 0 ? ExecutionCount.LossTable(maxLinks: n * (n - 1), losses: setting.losses) : nil
        return ExecutionCount.fixedFaultyContinuations(setting) { s in
            let m = Self.droppableCount(kind: kind, processes: n, faulty: s)
            guard let table else { return (n, ExecutionCount.pow2(Double(m))) }
            let row = ExecutionCount.binomialRow(m)
            var sum = 0.0
            for d in 0...m { sum += row[d] * table[n * (n - 1) - d] }
            return (n, sum)
        }
    }

    public func event(of process: Int, in schedule: RoundSchedule, name: (Int) -> String,
                      message: (Int) -> String) -> String? {
        // Shown on the row of the process whose fault drops the message: the sender under send
        // omission, the receiver under receive omission, both ends under general omission.
        let to = kind == .receiveOmission ? [] : schedule.drops.filter { $0.sender == process }.map { name($0.receiver) }
        let from = kind == .sendOmission ? [] : schedule.drops.filter { $0.receiver == process }.map { name($0.sender) }
        var parts: [String] = []
        if !to.isEmpty { parts.append("its messages to \(to.joined(separator: " ")) are dropped") }
        if !from.isEmpty { parts.append("the messages from \(from.joined(separator: " ")) to it are dropped") }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}

/// Byzantine faults (docs/semantics.md): the adversary picks the faulty set (at most `F`
/// processes) before round 1. A Byzantine process has no protocol — no state, no decision —
/// and in every round sends each other process any one message of the alphabet (a state's
/// message, one no state sends included) or nothing. What is sent to it is irrelevant.
public struct ByzantineFaults: FaultModel {
    public init() {}

    public var kind: FaultKind { .byzantine }

    public func summary(_ setting: Setting) -> String {
        "byzantine: at most \(setting.crashes) faulty process\(setting.crashes == 1 ? "" : "es"), chosen before round 1; they never decide and send each correct process any message, or nothing, in every round"
    }

    public var choices: String { "inputs x faulty sets x (messages + 1)^(links from faulty processes) per round" }

    public func validate(round: Int, _ schedule: RoundSchedule, running: [Bool], faulty: [Bool], budget: Int,
                         messageCount: Int) throws(Simulator.ScheduleError) -> Int {
        guard schedule.crashes.isEmpty, schedule.drops.isEmpty else {
            throw .roundChoice(round: round, "Byzantine faults neither crash processes nor drop messages (a Byzantine process sends nothing instead)")
        }
        guard schedule.forged == schedule.forged.sorted() else {
            throw .roundChoice(round: round, "Byzantine messages must be listed in order")
        }
        var seen = Set<Link>()
        for f in schedule.forged {
            let n = faulty.count
            guard (0..<n).contains(f.sender), faulty[f.sender] else {
                throw .roundChoice(round: round, "p\(f.sender) is not Byzantine and cannot send a chosen message")
            }
            guard (0..<n).contains(f.receiver), running[f.receiver], f.receiver != f.sender else {
                throw .roundChoice(round: round, "a Byzantine message goes to a correct process other than its sender")
            }
            guard (0..<messageCount).contains(f.message) else {
                throw .roundChoice(round: round, "message \(f.message) is outside the alphabet 0..<\(messageCount)")
            }
            guard seen.insert(Link(f.sender, f.receiver)).inserted else {
                throw .roundChoice(round: round, "p\(f.sender) sends p\(f.receiver) two messages in one round")
            }
        }
        return budget
    }

    public func arrivals(_ schedule: RoundSchedule, running: [Bool], faulty: [Bool]) -> RoundArrivals {
        let n = running.count
        var received = [[Arrival]](repeating: [], count: n)
        for q in 0..<n where running[q] {
            for p in 0..<n where p != q && running[p] { received[q].append(.message(from: p)) }
        }
        for f in schedule.forged { received[f.receiver].append(.forged(from: f.sender, message: f.message)) }
        return RoundArrivals(steps: running, received: received, runningAfter: running)
    }

    public func forEachRoundSchedule<E: Error>(running: [Bool], faulty: [Bool], budget: Int, messageCount: Int,
                                               _ body: (RoundSchedule, Int) throws(E) -> Void) throws(E) {
        var links: [Link] = []
        for p in faulty.indices where faulty[p] {
            for q in running.indices where running[q] && q != p { links.append(Link(p, q)) }
        }
        // Each link carries one of the messages or nothing (`messageCount`): an odometer.
        var choice = [Int](repeating: 0, count: links.count)
        while true {
            var forged: [Forgery] = []
            for (i, link) in links.enumerated() where choice[i] < messageCount {
                forged.append(Forgery(sender: link.sender, receiver: link.receiver, message: choice[i]))
            }
            try body(RoundSchedule(forged: forged), budget)
            var i = 0
            while i < links.count {
                choice[i] += 1
                if choice[i] <= messageCount { break }
                choice[i] = 0
                i += 1
            }
            if i == links.count { return }
        }
    }

    public func continuations(_ setting: Setting, messageCount k: Int) -> Continuations {
        let n = setting.processes
        let table = setting.losses > 0 ? ExecutionCount.LossTable(maxLinks: n * (n - 1), losses: setting.losses) : nil
        return ExecutionCount.fixedFaultyContinuations(setting) { b in
            let x = b * (n - b), correctLinks = (n - b) * (n - b - 1)
            guard let table else { return (n - b, ExecutionCount.power(Double(k + 1), x)) }
            let row = ExecutionCount.binomialRow(x)
            var sum = 0.0, messages = 1.0
            for t in 0...x {
                sum += row[t] * messages * table[correctLinks + t]
                messages *= Double(k)
            }
            return (n - b, sum)
        }
    }

    /// Byzantine messages (`schedule.forged`) belong to a process that has no state row; a
    /// renderer draws them on the sender's own row (the CLI's counterexample table does), so no
    /// process's step row carries an event.
    public func event(of process: Int, in schedule: RoundSchedule, name: (Int) -> String,
                      message: (Int) -> String) -> String? {
        nil
    }

}

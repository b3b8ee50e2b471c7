/// Crash faults (docs/semantics.md): in each round the adversary picks, among the processes
/// still running, a set that crashes (at most `F` over the run), and for each crasher the
/// subset of that round's survivors that still receive its round message. A crasher takes no
/// step in its crash round or later; a process is correct iff it never crashes.
public struct CrashFaults: FaultModel {
    public init() {}

    public var kind: FaultKind { .crash }

    public func summary(_ setting: Setting) -> String {
        "crash: at most \(setting.crashes) faulty process\(setting.crashes == 1 ? "" : "es"), each stops at a round the adversary picks"
    }

    public var choices: String { "inputs x crash schedules x receiver subsets" }

    public func validate(round: Int, _ schedule: RoundSchedule, running: [Bool], faulty: [Bool], budget: Int,
                         messageCount: Int) throws(Simulator.ScheduleError) -> Int {
        let n = running.count
        guard schedule.drops.isEmpty, schedule.forged.isEmpty else {
            throw .roundChoice(round: round, "crash faults neither drop nor forge messages")
        }
        let crashers = Set(schedule.crashes.map(\.process))
        guard crashers.count == schedule.crashes.count else { throw .roundChoice(round: round, "a process crashes twice") }
        for c in schedule.crashes {
            guard (0..<n).contains(c.process), running[c.process] else { throw .crashOfDeadProcess(round: round, process: c.process) }
        }
        for c in schedule.crashes {
            for r in c.receivers where !(0..<n).contains(r) || !running[r] || crashers.contains(r) {
                throw .receiverNotSurvivor(round: round, process: r)
            }
            guard Set(c.receivers).count == c.receivers.count else {
                throw .roundChoice(round: round, "a receiver of p\(c.process)'s last message is named twice")
            }
        }
        guard schedule.crashes.count <= budget else { throw .tooManyCrashes }
        return budget - schedule.crashes.count
    }

    public func arrivals(_ schedule: RoundSchedule, running: [Bool], faulty: [Bool]) -> RoundArrivals {
        let n = running.count
        var after = running
        for c in schedule.crashes { after[c.process] = false }
        var received = [[Arrival]](repeating: [], count: n)
        for q in 0..<n where after[q] {
            for p in 0..<n where p != q && after[p] { received[q].append(.message(from: p)) }
        }
        for c in schedule.crashes {
            for q in c.receivers { received[q].append(.message(from: c.process)) }
        }
        return RoundArrivals(steps: after, received: received, runningAfter: after)
    }

    public func continuations(_ setting: Setting, messageCount: Int) -> Continuations {
        Continuations(values: ExecutionCount.crashContinuations(setting))
    }

    public func forEachRoundSchedule<E: Error>(running: [Bool], faulty: [Bool], budget: Int, messageCount: Int,
                                               _ body: (RoundSchedule, Int) throws(E) -> Void) throws(E) {
        let alive = running.indices.filter { running[$0] }
        // Every subset of running processes with at most `budget` members crashes...
        for mask in 0..<(1 << alive.count) where mask.nonzeroBitCount <= budget {
            let crashers = alive.indices.filter { mask & (1 << $0) != 0 }.map { alive[$0] }
            let survivors = alive.filter { !crashers.contains($0) }
            // ...and each crasher's message reaches any subset of the survivors.
            try receivers(crashers, survivors, index: 0, chosen: []) { (crashes: [Crash]) throws(E) in
                try body(RoundSchedule(crashes: crashes), budget - crashers.count)
            }
        }
    }

    private func receivers<E: Error>(_ crashers: [Int], _ survivors: [Int], index: Int, chosen: [Crash],
                                     _ body: ([Crash]) throws(E) -> Void) throws(E) {
        if index == crashers.count { return try body(chosen) }
        for mask in 0..<(1 << survivors.count) {
            let heard = survivors.indices.filter { mask & (1 << $0) != 0 }.map { survivors[$0] }
            try receivers(crashers, survivors, index: index + 1,
                          chosen: chosen + [Crash(process: crashers[index], receivers: heard)], body)
        }
    }

    public func event(of process: Int, in schedule: RoundSchedule, name: (Int) -> String,
                      message: (Int) -> String) -> String? {
        guard let crash = schedule.crashes.first(where: { $0.process == process }) else { return nil }
        let to = crash.receivers.isEmpty ? "no one" : crash.receivers.map(name).joined(separator: " ")
        return "crashes; its message reaches \(to)"
    }
}

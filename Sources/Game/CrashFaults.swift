/// Crash faults (docs/semantics.md): in each round the adversary picks, among the processes
/// still running, a set that crashes (at most `f` over the run), and for each crasher the
/// subset of that round's survivors that still receive its round message. A crasher takes no
/// step in its crash round or later; a process is correct iff it never crashes.
public struct CrashFaults: FaultModel {
    public init() {}

    public var name: String { "crash" }

    public func summary(_ setting: Setting) -> String {
        "crash: at most \(setting.crashes) faulty process\(setting.crashes == 1 ? "" : "es"), each stops at a round the adversary picks; no lossy links"
    }

    public var choices: String { "inputs x crash schedules x receiver subsets" }

    public func validate(_ execution: Execution, for setting: Setting) throws(Simulator.ScheduleError) {
        let n = setting.processes
        guard execution.inputs.count == n, execution.inputs.allSatisfy({ (0..<setting.inputs).contains($0) }) else { throw .wrongInputs }
        guard execution.rounds.count == setting.rounds else { throw .wrongRoundCount }
        var alive = [Bool](repeating: true, count: n)
        var total = 0
        for (i, round) in execution.rounds.enumerated() {
            let crashers = Set(round.crashes.map(\.process))
            for c in round.crashes {
                guard (0..<n).contains(c.process), alive[c.process] else { throw .crashOfDeadProcess(round: i + 1, process: c.process) }
            }
            for c in round.crashes {
                for r in c.receivers where !(0..<n).contains(r) || !alive[r] || crashers.contains(r) {
                    throw .receiverNotSurvivor(round: i + 1, process: r)
                }
            }
            for c in round.crashes { alive[c.process] = false }
            total += round.crashes.count
        }
        guard total <= setting.crashes else { throw .tooManyCrashes }
    }

    public func deliver(messages: [Int?], schedule: RoundSchedule, messageCount k: Int)
        -> (observations: [Observation?], running: [Bool])
    {
        let n = messages.count
        var running = messages.map { $0 != nil }
        for c in schedule.crashes { running[c.process] = false }
        var survivorHeard = [Int](repeating: 0, count: k)
        for p in 0..<n where running[p] {
            if let m = messages[p] { survivorHeard[m] += 1 }
        }
        var observations = [Observation?](repeating: nil, count: n)
        var heard = [Int](repeating: 0, count: k)
        for q in 0..<n where running[q] {
            guard let own = messages[q] else { continue }
            heard = survivorHeard
            heard[own] -= 1
            for c in schedule.crashes where c.receivers.contains(q) {
                if let m = messages[c.process] { heard[m] += 1 }
            }
            observations[q] = Observation(heard: heard, missing: n - 1 - heard.reduce(0, +))
        }
        return (observations, running)
    }

    public func isCorrect(_ p: Int, running: [Bool], in execution: Execution) -> Bool { running[p] }

    public func rawExecutions(_ setting: Setting) -> Double { ExecutionCount.raw(setting) }

    public func forEachRoundSchedule<E: Error>(running: [Bool], budget: Int,
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

    public func event(of process: Int, in schedule: RoundSchedule, name: (Int) -> String) -> String? {
        guard let crash = schedule.crashes.first(where: { $0.process == process }) else { return nil }
        let to = crash.receivers.isEmpty ? "no one" : crash.receivers.map(name).joined(separator: " ")
        return "crashes; its message reaches \(to)"
    }
}

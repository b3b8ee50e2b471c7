import Game
import Z3Kit

/// The values of a counter system's variables in one Z3 model: how many processes are where.
struct CounterModel: Sendable {
    var n: Int
    /// `[v]`.
    var inputs: [Int]
    /// `[r-1][v][s]`.
    var crashes: [[[Int]]]
    /// `[r-1][v][s][i]`, `i` indexing the system's hearing vectors.
    var groups: [[[[Int]]]]
    /// `[r][v][s]`, `r = 0…R`.
    var alive: [[[Int]]]

    /// Reads every variable of `system` in `model`; nil if one has no integer value.
    init?(_ system: CounterSystem, _ model: Z3Model) {
        func value(_ term: Z3AST) -> Int? { model.intValue(of: term) }
        guard let n = value(system.n) else { return nil }
        self.n = n
        var inputs: [Int] = []
        for term in system.inputs { guard let v = value(term) else { return nil }; inputs.append(v) }
        self.inputs = inputs
        func grid(_ terms: [[Z3AST]]) -> [[Int]]? {
            var out: [[Int]] = []
            for row in terms {
                var values: [Int] = []
                for term in row { guard let v = value(term) else { return nil }; values.append(v) }
                out.append(values)
            }
            return out
        }
        var crashes: [[[Int]]] = [], alive: [[[Int]]] = [], groups: [[[[Int]]]] = []
        for round in system.crashes { guard let g = grid(round) else { return nil }; crashes.append(g) }
        for round in system.alive { guard let g = grid(round) else { return nil }; alive.append(g) }
        for round in system.groups {
            var byInput: [[[Int]]] = []
            for row in round { guard let g = grid(row) else { return nil }; byInput.append(g) }
            groups.append(byInput)
        }
        self.crashes = crashes
        self.alive = alive
        self.groups = groups
    }
}

/// Builds one concrete execution at `model.n` whose counts are the model's
/// (`CounterSystem`'s exactness argument, made constructive).
///
/// Processes are numbered by input (the first `inputs[0]` have input 0, …). Each round, the
/// processes still running are bucketed by (input, state) as the simulator has them; the
/// model's crashers of a bucket are its first processes, the rest of the bucket is dealt into
/// hearing groups in order, and a survivor of hearing vector `h` receives, of the crashers
/// sending `m`, the first `h[m]`. The simulator then steps the round (`Simulator.step`), so the
/// next buckets come from the table, not from the model: a model whose counts the table does
/// not reproduce is reported, never papered over.
enum EveryNConcretization {
    /// Why a model did not give an execution (an engine bug when it happens).
    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }

    /// - Parameters:
    ///   - table: the protocol compiled at `model.n`.
    ///   - hearing: the counter system's hearing vectors.
    ///   - message: the message a state sends.
    /// - Returns: the execution, or the first round where a process reaches a gap stops the
    ///   construction (the remaining rounds have no crashes; replaying it reaches the gap).
    /// - Throws: `Mismatch` when the model's counts differ from the simulator's.
    /// - Complexity: O(R · n · (n + M)).
    static func execution(_ model: CounterModel, table: TransitionTable, hearing: [[Int]],
                          message: (Int) -> Int) throws(Mismatch) -> Execution {
        let n = model.n
        var inputs: [Int] = []
        for (v, count) in model.inputs.enumerated() { inputs.append(contentsOf: repeatElement(v, count: count)) }
        guard inputs.count == n else { throw Mismatch(description: "the model's inputs count \(inputs.count) processes, n = \(n)") }
        let rounds = model.crashes.count
        var states: [Int?] = inputs.map { Int(table.initial[$0]) }
        var faulty = [Bool](repeating: false, count: n)
        var schedules: [RoundSchedule] = []
        for r in 0..<rounds {
            let stateCount = model.alive[r].first?.count ?? 0
            var buckets = [[[Int]]](repeating: [[Int]](repeating: [], count: stateCount), count: model.inputs.count)
            for p in 0..<n { if let s = states[p] { buckets[inputs[p]][s].append(p) } }
            var crashers: [Int] = [], crashersSending: [Int: [Int]] = [:]
            var heardBy: [(process: Int, hearing: [Int])] = []
            for v in buckets.indices {
                for s in buckets[v].indices {
                    let bucket = buckets[v][s]
                    guard bucket.count == model.alive[r][v][s] else {
                        throw Mismatch(description: "round \(r + 1): \(bucket.count) processes with input \(v) in state \(s), the model counts \(model.alive[r][v][s])")
                    }
                    let crashing = model.crashes[r][v][s]
                    crashers += bucket.prefix(crashing)
                    crashersSending[message(s), default: []] += bucket.prefix(crashing)
                    var rest = bucket.dropFirst(crashing)
                    for (i, h) in hearing.enumerated() {
                        let size = model.groups[r][v][s][i]
                        guard rest.count >= size else { throw Mismatch(description: "round \(r + 1): groups exceed the survivors") }
                        for p in rest.prefix(size) { heardBy.append((p, h)) }
                        rest = rest.dropFirst(size)
                    }
                    guard rest.isEmpty else { throw Mismatch(description: "round \(r + 1): survivors left out of every group") }
                }
            }
            var receivers: [Int: [Int]] = [:]
            for (p, h) in heardBy {
                for (m, count) in h.enumerated() where count > 0 {
                    let senders = crashersSending[m] ?? []
                    guard senders.count >= count else { throw Mismatch(description: "round \(r + 1): a group hears more crashers than crash") }
                    for c in senders.prefix(count) { receivers[c, default: []].append(p) }
                }
            }
            let schedule = RoundSchedule(crashes: crashers.sorted().map { Crash(process: $0, receivers: (receivers[$0] ?? []).sorted()) })
            schedules.append(schedule)
            do {
                states = try Simulator.step(table, round: r + 1, states: states, schedule: schedule, faulty: faulty).states
            } catch {
                // A gap: the replay reaches it; the later rounds only need to be well formed.
                schedules += repeatElement(RoundSchedule(), count: rounds - r - 1)
                return Execution(inputs: inputs, rounds: schedules)
            }
            for c in crashers { faulty[c] = true }
        }
        for v in model.inputs.indices {
            for s in 0..<(model.alive[rounds].first?.count ?? 0) {
                let count = (0..<n).filter { inputs[$0] == v && states[$0] == s }.count
                guard count == model.alive[rounds][v][s] else {
                    throw Mismatch(description: "after round \(rounds): \(count) processes with input \(v) in state \(s), the model counts \(model.alive[rounds][v][s])")
                }
            }
        }
        return Execution(inputs: inputs, rounds: schedules)
    }
}

import Game
import Z3Kit

/// The values of a counter system's variables in one Z3 model: how many processes are where.
struct CounterModel: Sendable {
    var n: Int
    /// `[c][v]`.
    var inputs: [[Int]]
    /// `[r-1][v][s]` (crash faults; empty otherwise).
    var crashes: [[[Int]]]
    /// `[r-1][c][v][s][i]`, `i` indexing the system's hearing vectors.
    var groups: [[[[[Int]]]]]
    /// `[r][c][v][s]`, `r = 0…R`.
    var alive: [[[[Int]]]]
    /// Receive and general omission: `[r-1][v][s][j]` slot sizes and `[r-1][v][s][j][m]` their
    /// observations (`CounterSystem.slots`); empty otherwise.
    var slots: [[[[Int]]]] = []
    var slotHeard: [[[[[Int]]]]] = []

    /// Reads every variable of `system` in `model`; nil if one has no integer value.
    init?(_ system: CounterSystem, _ model: Z3Model) {
        func value(_ term: Z3AST) -> Int? { model.intValue(of: term) }
        func values(_ terms: [Z3AST]) -> [Int]? {
            var out: [Int] = []
            for term in terms { guard let v = value(term) else { return nil }; out.append(v) }
            return out
        }
        func grid(_ terms: [[Z3AST]]) -> [[Int]]? {
            var out: [[Int]] = []
            for row in terms { guard let v = values(row) else { return nil }; out.append(v) }
            return out
        }
        func cube(_ terms: [[[Z3AST]]]) -> [[[Int]]]? {
            var out: [[[Int]]] = []
            for layer in terms { guard let g = grid(layer) else { return nil }; out.append(g) }
            return out
        }
        guard let n = value(system.n), let inputs = grid(system.inputs) else { return nil }
        self.n = n
        self.inputs = inputs
        var crashes: [[[Int]]] = [], alive: [[[[Int]]]] = [], groups: [[[[[Int]]]]] = []
        for round in system.crashes { guard let g = grid(round) else { return nil }; crashes.append(g) }
        for round in system.alive { guard let g = cube(round) else { return nil }; alive.append(g) }
        for round in system.groups {
            var byClass: [[[[Int]]]] = []
            for layer in round { guard let g = cube(layer) else { return nil }; byClass.append(g) }
            groups.append(byClass)
        }
        self.crashes = crashes
        self.alive = alive
        self.groups = groups
        for round in system.slots { guard let g = cube(round) else { return nil }; slots.append(g) }
        for round in system.slotHeard {
            var byInput: [[[[Int]]]] = []
            for layer in round {
                var byState: [[[Int]]] = []
                for states in layer { guard let g = grid(states) else { return nil }; byState.append(g) }
                byInput.append(byState)
            }
            slotHeard.append(byInput)
        }
    }
}

/// Builds one concrete execution at `model.n` whose counts are the model's
/// (`CounterSystem`'s exactness argument, made constructive).
///
/// Processes are numbered by class, then input (under send omission the faulty ones come
/// after the correct ones; they are the execution's faulty set). Each round, the running
/// processes are bucketed by (class, input, state) as the simulator has them; under crash
/// faults the model's crashers of a bucket are its first processes; the receivers of a bucket
/// are dealt into hearing groups in order, and a receiver of hearing vector `h` receives, of
/// the unreliable senders of `m` other than itself (this round's crashers, or the faulty
/// processes), the first `h[m]`: a crasher's message reaches those receivers, and a faulty
/// sender's messages to every other process are dropped. The simulator then steps the round
/// (`Simulator.step`), so the next buckets come from the table, not from the model: a model
/// whose counts the table does not reproduce is reported, never papered over.
enum EveryNConcretization {
    /// Why a model did not give an execution (an engine bug when it happens).
    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }

    /// - Parameters:
    ///   - table: the protocol compiled at `model.n`.
    ///   - system: the counter system the model is of (its hearing vectors, messages, model).
    /// - Returns: the execution; a round in which a process reaches a gap ends the
    ///   construction (the remaining rounds are empty; replaying it reaches the gap).
    /// - Throws: `Mismatch` when the model's counts differ from the simulator's.
    /// - Complexity: O(R · n · (n + M)).
    static func execution(_ model: CounterModel, table: TransitionTable, system: CounterSystem) throws(Mismatch) -> Execution {
        let n = model.n, classes = system.classes, K = system.K, rounds = system.R
        var inputs: [Int] = [], classOf: [Int] = []
        for c in 0..<system.inputClasses {
            for (v, count) in model.inputs[c].enumerated() {
                inputs += repeatElement(v, count: count)
                classOf += repeatElement(c, count: count)
            }
        }
        guard inputs.count == n else { throw Mismatch(description: "the model's inputs count \(inputs.count) processes, n = \(n)") }
        let faultySet = (0..<n).filter { classOf[$0] == 1 }
        var faulty = (0..<n).map { classOf[$0] == 1 }
        // Byzantine processes have no state.
        var states: [Int?] = (0..<n).map { system.byzantine && classOf[$0] == 1 ? nil : Int(table.initial[inputs[$0]]) }
        var schedules: [RoundSchedule] = []
        for r in 0..<rounds {
            var buckets = [[[[Int]]]](repeating: [[[Int]]](repeating: [[Int]](repeating: [], count: K), count: system.I), count: classes)
            for p in 0..<n { if let s = states[p] { buckets[classOf[p]][inputs[p]][s].append(p) } }
            var crashers: [Int] = [], unreliable: [Int: [Int]] = [:]
            var heardBy: [(process: Int, hearing: [Int])] = []
            // Receive and general omission: faulty receivers with the observation of their slot.
            var observing: [(process: Int, heard: [Int])] = []
            for c in 0..<classes {
                for v in 0..<system.I {
                    for s in 0..<K {
                        let bucket = buckets[c][v][s]
                        guard bucket.count == model.alive[r][c][v][s] else {
                            throw Mismatch(description: "round \(r + 1): \(bucket.count) processes of class \(c) with input \(v) in state \(s), the model counts \(model.alive[r][c][v][s])")
                        }
                        let crashing = system.setting.faults == .crash ? model.crashes[r][v][s] : 0
                        crashers += bucket.prefix(crashing)
                        if system.faultyRun {
                            if c == 1 && system.setting.faults != .receiveOmission { unreliable[system.message(s), default: []] += bucket }
                        } else if !system.byzantine {
                            unreliable[system.message(s), default: []] += bucket.prefix(crashing)
                        }
                        var rest = bucket.dropFirst(crashing)
                        if system.receiverOmits && c == 1 {
                            for (j, size) in model.slots[r][v][s].enumerated() {
                                guard rest.count >= size else { throw Mismatch(description: "round \(r + 1): slots exceed the faulty receivers") }
                                for p in rest.prefix(size) { observing.append((p, model.slotHeard[r][v][s][j])) }
                                rest = rest.dropFirst(size)
                            }
                            guard rest.isEmpty else { throw Mismatch(description: "round \(r + 1): faulty receivers left out of every slot") }
                            continue
                        }
                        for (i, h) in system.hearing.enumerated() {
                            let size = model.groups[r][c][v][s][i]
                            guard rest.count >= size else { throw Mismatch(description: "round \(r + 1): groups exceed the receivers") }
                            for p in rest.prefix(size) { heardBy.append((p, h)) }
                            rest = rest.dropFirst(size)
                        }
                        guard rest.isEmpty else { throw Mismatch(description: "round \(r + 1): receivers left out of every group") }
                    }
                }
            }
            var receivers: [Int: Set<Int>] = [:]
            for (p, h) in heardBy where !system.byzantine {
                for (m, count) in h.enumerated() where count > 0 {
                    let senders = (unreliable[m] ?? []).filter { $0 != p }
                    guard senders.count >= count else { throw Mismatch(description: "round \(r + 1): a group hears more unreliable senders than there are") }
                    for sender in senders.prefix(count) { receivers[sender, default: []].insert(p) }
                }
            }
            let schedule: RoundSchedule
            if system.byzantine {
                // A receiver of vector h gets message m from h[m] Byzantine processes, in order.
                var forged: [Forgery] = []
                for (q, h) in heardBy {
                    var next = 0
                    for (m, count) in h.enumerated() {
                        guard next + count <= faultySet.count else { throw Mismatch(description: "round \(r + 1): a group hears more Byzantine messages than there are Byzantine processes") }
                        for sender in faultySet[next..<(next + count)] { forged.append(Forgery(sender: sender, receiver: q, message: m)) }
                        next += count
                    }
                }
                schedule = RoundSchedule(forged: forged.sorted())
            } else if system.faultyRun {
                var drops: [Link] = []
                // Toward a receiver in a hearing group: a faulty sender's message is dropped
                // unless the receiver hears it (send and general omission).
                if system.setting.faults != .receiveOmission {
                    for (q, _) in heardBy {
                        for sender in faultySet where sender != q && !(receivers[sender]?.contains(q) ?? false) {
                            drops.append(Link(sender, q))
                        }
                    }
                }
                // Toward a faulty receiver in a slot: of the others sending m, the first
                // heard[m] arrive, the rest are dropped.
                var sendersOf: [Int: [Int]] = [:]
                for p in 0..<n { if let s = states[p] { sendersOf[system.message(s), default: []].append(p) } }
                for (q, heard) in observing {
                    for (m, count) in heard.enumerated() {
                        let others = (sendersOf[m] ?? []).filter { $0 != q }
                        guard others.count >= count else { throw Mismatch(description: "round \(r + 1): a slot hears more messages than are sent") }
                        for sender in others.dropFirst(count) { drops.append(Link(sender, q)) }
                    }
                }
                schedule = RoundSchedule(drops: drops.sorted())
            } else {
                schedule = RoundSchedule(crashes: crashers.sorted().map { Crash(process: $0, receivers: (receivers[$0] ?? []).sorted()) })
            }
            schedules.append(schedule)
            do {
                states = try Simulator.step(table, round: r + 1, states: states, schedule: schedule, faulty: faulty).states
            } catch {
                // A gap: the replay reaches it; the later rounds only need to be well formed.
                schedules += repeatElement(RoundSchedule(), count: rounds - r - 1)
                return Execution(inputs: inputs, faulty: faultySet, rounds: schedules)
            }
            for c in crashers { faulty[c] = true }
        }
        for c in 0..<classes {
            for v in 0..<system.I {
                for s in 0..<K {
                    let count = (0..<n).filter { classOf[$0] == c && inputs[$0] == v && states[$0] == s }.count
                    guard count == model.alive[rounds][c][v][s] else {
                        throw Mismatch(description: "after round \(rounds): \(count) processes of class \(c) with input \(v) in state \(s), the model counts \(model.alive[rounds][c][v][s])")
                    }
                }
            }
        }
        return Execution(inputs: inputs, faulty: faultySet, rounds: schedules)
    }
}

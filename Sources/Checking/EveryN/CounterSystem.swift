import Game
import ProtocolLanguage
import SpecLanguage
import Z3Kit

/// The game of a protocol over counts, for every `n >= lowerBound` at once, as one system of
/// linear integer constraints (docs/checking.md, "Every n"): any fault model, `F` and `R`
/// fixed, `n` a Z3 integer.
///
/// Variables (all integers, all `>= 0`):
/// - `n >= lowerBound`; `in_c_v`: how many processes of class `c` have input `v` (`Σ = n`).
///   Under crash faults there is one class (the running processes); under the other models two,
///   correct (0) and faulty (1), with at most `F` faulty — the faulty set is chosen before round
///   1 and never changes. Omission-faulty processes run (two running classes); Byzantine ones
///   are only counted (no state, no decision).
/// - per round `r`, crash faults: `crash[r][v][s] <= alive[r-1][0][v][s]`, how many processes
///   with input `v` in state `s` crash in round `r` (all rounds together at most `F`). Their
///   messages are the round's *unreliable* ones; under send and general omission the
///   unreliable senders are the faulty processes; under receive omission there are none.
/// - the receivers of class `c` with `(v, s)` split into groups `group[r][c][v][s][h]`, one per
///   *hearing vector* `h` (for each message `m`, how many unreliable senders of `m` other than
///   itself the receiver still hears, or under Byzantine faults how many Byzantine processes
///   sent it `m`; `Σ_m h[m] <= F`, so finitely many), with `Σ_h group = receivers` and a
///   non-empty group only where the vector is possible. A faulty receiver under receive or
///   general omission may miss anything, so its observation is not bounded by `F`: those go
///   into `F` *slots* per `(v, s)`, each with a free observation (`encodeSlots`).
/// - A group's observation is linear: `heard(m) = S[m] − [own reliable message is m] + h[m]`
///   where `S[m]` counts reliable senders of `m`, and `missing = n − 1 − Σ_m heard(m)`;
///   `round`, `f` and `self` are constants. The rule list, evaluated on it
///   (`CounterSystem+Rules.swift`), picks the group's next state (the first rule whose guard
///   holds), and `alive[r][c][v][t]` is the sum of the groups (and slots) that move to `t`.
///
/// Exactness: every execution at some `n >= lowerBound` gives one solution (count who is where),
/// and every solution is the count of some execution: the adversary's choices per receiver
/// (which crashers it hears, which faulty senders' messages reach it, what each Byzantine
/// process sends it, which messages a faulty receiver misses) are independent of each other,
/// so any split into groups is realizable (`EveryNConcretization` builds such an execution
/// from a model).
///
/// Not `Sendable`: it owns a Z3 context.
final class CounterSystem {
    let proto: ProtocolDefinition
    /// The spec's setting (its `processes` is ignored).
    let setting: Setting
    let lowerBound: Int
    let context: Z3Context
    let solver: Z3Solver
    let interrupter: Z3Interrupter
    /// `n`.
    private(set) var n: Z3AST
    /// `inputs[c][v]`: processes of class `c` with input `v`.
    private(set) var inputs: [[Z3AST]] = []
    /// `alive[r][c][v][s]`: processes of class `c` with input `v` in state `s` that run after
    /// round `r` (`r = 0…R`).
    private(set) var alive: [[[[Z3AST]]]] = []
    /// Crash faults: `crashes[r-1][v][s]`: those of `alive[r-1][0][v][s]` that crash in round
    /// `r`. Empty under send omission.
    private(set) var crashes: [[[Z3AST]]] = []
    /// `groups[r-1][c][v][s][i]`: receivers of round `r` of class `c` with input `v`, state `s`
    /// and hearing vector `hearing[i]`.
    private(set) var groups: [[[[[Z3AST]]]]] = []
    /// Receive and general omission: `slots[r-1][v][s][j]` (`j < F`): faulty receivers of round
    /// `r` with input `v` in state `s` that observe `slotHeard[r-1][v][s][j]` (per message, a
    /// free count between 0 and the other senders of it). At most `F` processes are faulty, so
    /// `F` slots per (input, state) hold every way they can observe differently.
    private(set) var slots: [[[[Z3AST]]]] = []
    private(set) var slotHeard: [[[[[Z3AST]]]]] = []
    /// Per round `r-1`, input `v`, state `s`, slot `j`: whether a slot's observation is a gap
    /// (nil: never).
    private(set) var slotGaps: [[[[Z3AST?]]]] = []
    /// Every hearing vector: per message, unreliable senders heard; the sum at most `F`.
    let hearing: [[Int]]
    /// Per round `r-1`, class `c`, state `s`, hearing vector `i`: whether such a process
    /// reaches an information set no rule covers (nil: never).
    private(set) var gaps: [[[[Z3AST?]]]] = []
    /// Integer variables declared.
    private(set) var variableCount = 0
    var trueTerm: Z3AST
    var falseTerm: Z3AST
    private var numerals: [Int: Z3AST] = [:]

    var K: Int { proto.states.count }
    var M: Int { proto.messageLabels.count }
    var R: Int { setting.rounds }
    var F: Int { setting.crashes }
    var I: Int { setting.inputs }
    /// Whether faulty processes keep running (send omission): two classes, correct and faulty.
    var faultyRun: Bool { setting.faults.faultyProcessesRun }
    /// Whether a faulty receiver may miss any message (receive and general omission): its
    /// observation is not bounded by `F`, so faulty receivers go into slots with free
    /// observations instead of hearing groups.
    var receiverOmits: Bool { setting.faults == .receiveOmission || setting.faults == .generalOmission }
    /// Whether faulty processes are Byzantine: no state, any message (or none) to each receiver.
    var byzantine: Bool { setting.faults == .byzantine }
    /// Classes of processes that run: 1 under crash faults (the running processes) and
    /// Byzantine faults (the correct ones), 2 under send omission (correct, faulty).
    var classes: Int { faultyRun ? 2 : 1 }
    /// Classes counted at the start: a second, faulty one unless under crash faults (where a
    /// process becomes faulty by crashing). Byzantine processes are counted but do not run.
    var inputClasses: Int { setting.faults == .crash ? 1 : 2 }

    /// The fault models with a counter encoding.
    static let supportedFaults: Set<FaultKind> = [.crash, .sendOmission, .receiveOmission, .generalOmission, .byzantine]

    /// Encodes the counter system of `proto` under `setting` for every `n >= lowerBound`.
    /// - Precondition: `proto` compiles for `setting` (init covers the inputs, every state
    ///   decides) and reads no identities; a fault model of `supportedFaults`, no losses, no
    ///   early decision.
    /// - Throws: `Z3Error` if Z3 fails.
    /// - Complexity: O(R · C · I · K · |H| · (M + rules)) terms, `|H| = C(F + M, M)` hearing
    ///   vectors, `C` classes.
    init(proto: ProtocolDefinition, setting: Setting, lowerBound: Int) throws(Z3Error) {
        precondition(Self.supportedFaults.contains(setting.faults) && setting.losses == 0 && !setting.earlyDecision,
                     "CounterSystem: crash or send-omission faults, no losses, decisions at round R")
        self.proto = proto
        self.setting = setting
        self.lowerBound = lowerBound
        context = try Z3Context()
        solver = try Z3Solver(context: context)
        interrupter = Z3Interrupter(context)
        trueTerm = try context.mkBool(true)
        falseTerm = try context.mkBool(false)
        n = trueTerm
        hearing = Self.hearingVectors(messages: proto.messageLabels.count, budget: setting.crashes)
        n = try variable("n")
        try solver.assert(try context.mkGe(n, try int(lowerBound)))
        try encodeInputs()
        for round in 1...setting.rounds { try encodeRound(round) }
        try solver.assert(try context.mkLe(try faultCount(), try int(F)))
    }

    /// How many processes are faulty: the crashes over all rounds, or the faulty class.
    func faultCount() throws(Z3Error) -> Z3AST {
        inputClasses == 2 ? try context.mkAdd(inputs[1]) : try context.mkAdd(crashes.flatMap { $0.flatMap { $0 } })
    }

    /// Every vector over `messages` entries with non-negative entries summing to at most `budget`.
    /// - Complexity: O(C(budget + messages, messages)).
    static func hearingVectors(messages: Int, budget: Int) -> [[Int]] {
        var result: [[Int]] = []
        var current = [Int](repeating: 0, count: messages)
        func fill(_ position: Int, _ left: Int) {
            if position == messages { result.append(current); return }
            for value in 0...left {
                current[position] = value
                fill(position + 1, left - value)
            }
            current[position] = 0
        }
        fill(0, budget)
        return result
    }

    func int(_ value: Int) throws(Z3Error) -> Z3AST {
        if let known = numerals[value] { return known }
        let made = try context.mkInt(value)
        numerals[value] = made
        return made
    }

    /// A fresh integer variable, asserted `>= 0`.
    private func variable(_ name: String) throws(Z3Error) -> Z3AST {
        variableCount += 1
        let v = try context.mkIntConst(name)
        try solver.assert(try context.mkGe(v, try int(0)))
        return v
    }

    private func encodeInputs() throws(Z3Error) {
        var start = [[[Z3AST]]](repeating: [[Z3AST]](repeating: [Z3AST](repeating: try int(0), count: K), count: I),
                                count: classes)
        var all: [Z3AST] = []
        for c in 0..<inputClasses {
            var row: [Z3AST] = []
            for v in 0..<I {
                let count = try variable("in_\(c)_\(v)")
                row.append(count)
                guard let entry = proto.initial.first(where: { $0.input == v }) else {
                    preconditionFailure("CounterSystem: input \(v) has no init entry")
                }
                if c < classes { start[c][v][entry.state] = try context.mkAdd([start[c][v][entry.state], count]) }
            }
            inputs.append(row)
            all += row
        }
        try solver.assert(try context.mkEq(try context.mkAdd(all), n))
        alive.append(start)
    }

    private func encodeRound(_ round: Int) throws(Z3Error) {
        let before = alive[round - 1]
        // Receivers per class, and the reliable and unreliable senders of each message.
        var receivers = before
        var reliable = [[Z3AST]](repeating: [], count: M), unreliable = [[Z3AST]](repeating: [], count: M)
        if byzantine {
            for v in 0..<I { for s in 0..<K { reliable[message(s)].append(before[0][v][s]) } }
        } else if faultyRun {
            // Toward a correct receiver the faulty senders are unreliable under send and general
            // omission; under receive omission every message to a correct receiver arrives.
            let faultySendersDrop = setting.faults != .receiveOmission
            for v in 0..<I {
                for s in 0..<K {
                    reliable[message(s)].append(before[0][v][s])
                    if faultySendersDrop {
                        unreliable[message(s)].append(before[1][v][s])
                    } else {
                        reliable[message(s)].append(before[1][v][s])
                    }
                }
            }
        } else {
            var crashed: [[Z3AST]] = []
            for v in 0..<I {
                var crashRow: [Z3AST] = []
                for s in 0..<K {
                    let c = try variable("crash_\(round)_\(v)_\(s)")
                    try solver.assert(try context.mkLe(c, before[0][v][s]))
                    crashRow.append(c)
                    let left = try context.mkSub(before[0][v][s], c)
                    receivers[0][v][s] = left
                    unreliable[message(s)].append(c)
                    reliable[message(s)].append(left)
                }
                crashed.append(crashRow)
            }
            crashes.append(crashed)
        }
        var sending: [Z3AST] = [], unreliableOf: [Z3AST] = []
        for m in 0..<M {
            let total = try variable("sending_\(round)_\(m)")
            try solver.assert(try context.mkEq(total, try context.mkAdd(reliable[m])))
            sending.append(total)
            unreliableOf.append(try context.mkAdd(unreliable[m]))
        }
        var roundGroups: [[[[Z3AST]]]] = [], roundGaps: [[[Z3AST?]]] = []
        var next: [[[Z3AST]]] = []
        for c in 0..<classes {
            if receiverOmits && c == 1 {
                let (classNext, classGroups, gapRows) = try encodeSlots(round: round, receivers: receivers[1],
                                                                        senders: zip(sending, unreliableOf).map { [$0, $1] })
                roundGroups.append(classGroups)
                roundGaps.append(gapRows)
                next.append(classNext)
                continue
            }
            let faultySender = faultyRun && c == 1 && setting.faults != .receiveOmission
            // Where each (state, vector) goes; which vectors a receiver of state s may have.
            var moves: [[[Z3AST]]] = [], possible: [[Z3AST]] = [], gapRows: [[Z3AST?]] = []
            for s in 0..<K {
                var row: [[Z3AST]] = [], gapRow: [Z3AST?] = [], within: [Z3AST] = []
                for h in hearing {
                    let step = try ruleStep(round: round, state: s, hearing: h, sending: sending, ownReliable: !faultySender)
                    row.append(step.targets)
                    gapRow.append(step.gap)
                    var bounds: [Z3AST] = []
                    if byzantine {
                        // Each Byzantine process sends this receiver one message or none.
                        let total = h.reduce(0, +)
                        if total > 0 { bounds.append(try context.mkLe(try int(total), try context.mkAdd(inputs[1]))) }
                    } else {
                        for m in 0..<M where h[m] > 0 {
                            let own = faultySender && message(s) == m ? 1 : 0
                            bounds.append(try context.mkLe(try int(h[m] + own), unreliableOf[m]))
                        }
                    }
                    within.append(try context.mkAnd(bounds))
                }
                moves.append(row)
                gapRows.append(gapRow)
                possible.append(within)
            }
            roundGaps.append(gapRows)
            var classGroups: [[[Z3AST]]] = [], classNext: [[Z3AST]] = []
            for v in 0..<I {
                var stateGroups: [[Z3AST]] = []
                var into = [[Z3AST]](repeating: [], count: K)
                for s in 0..<K {
                    var members: [Z3AST] = []
                    for i in hearing.indices {
                        let g = try variable("group_\(round)_\(c)_\(v)_\(s)_\(i)")
                        members.append(g)
                        if !possible[s][i].isSame(as: trueTerm) {
                            try solver.assert(try context.mkImplies(try context.mkGt(g, try int(0)), possible[s][i]))
                        }
                        for t in 0..<K {
                            let goes = moves[s][i][t]
                            if goes.isSame(as: falseTerm) { continue }
                            into[t].append(goes.isSame(as: trueTerm) ? g : try context.mkIte(goes, g, try int(0)))
                        }
                    }
                    try solver.assert(try context.mkEq(try context.mkAdd(members), receivers[c][v][s]))
                    stateGroups.append(members)
                }
                classGroups.append(stateGroups)
                var row: [Z3AST] = []
                for t in 0..<K {
                    let x = try variable("alive_\(round)_\(c)_\(v)_\(t)")
                    try solver.assert(try context.mkEq(x, try context.mkAdd(into[t])))
                    row.append(x)
                }
                classNext.append(row)
            }
            roundGroups.append(classGroups)
            next.append(classNext)
        }
        groups.append(roundGroups)
        gaps.append(roundGaps)
        alive.append(next)
    }

    /// Receive and general omission: the faulty receivers of one round in `F` slots per
    /// (input, state), each with a free observation (per message, between 0 and the senders of
    /// it other than itself), moved by the rule list like a group.
    /// - Returns: the next vector of the faulty class, empty hearing groups (the slots replace
    ///   them), and empty gap rows (the slots' gaps are in `slotGaps`).
    private func encodeSlots(round: Int, receivers: [[Z3AST]], senders: [[Z3AST]]) throws(Z3Error)
        -> ([[Z3AST]], [[[Z3AST]]], [[Z3AST?]])
    {
        var roundSlots: [[[Z3AST]]] = [], roundHeard: [[[[Z3AST]]]] = []
        var gapRows = [[[Z3AST?]]](repeating: [[Z3AST?]](repeating: [Z3AST?](repeating: nil, count: F), count: K), count: I)
        var next: [[Z3AST]] = []
        let others = try context.mkSub(n, try int(1))
        for v in 0..<I {
            var into = [[Z3AST]](repeating: [], count: K)
            var stateSlots: [[Z3AST]] = [], stateHeard: [[[Z3AST]]] = []
            for s in 0..<K {
                var sizes: [Z3AST] = [], observations: [[Z3AST]] = []
                for j in 0..<F {
                    let size = try variable("slot_\(round)_\(v)_\(s)_\(j)")
                    sizes.append(size)
                    var heard: [Z3AST] = []
                    for m in 0..<M {
                        let h = try variable("slotheard_\(round)_\(v)_\(s)_\(j)_\(m)")
                        let available = message(s) == m ? try context.mkSub(try context.mkAdd(senders[m]), try int(1))
                            : try context.mkAdd(senders[m])
                        // Only a slot that holds a process reads its observation (an empty
                        // slot of a state nobody else sends in would make the bound negative).
                        try solver.assert(try context.mkImplies(try context.mkGt(size, try int(0)), try context.mkLe(h, available)))
                        heard.append(h)
                    }
                    let missing = try context.mkSub(others, try context.mkAdd(heard))
                    let step = try ruleStep(observation: SymbolicObservation(round: round, state: s, heard: heard, missing: missing))
                    for t in 0..<K where !step.targets[t].isSame(as: falseTerm) {
                        into[t].append(step.targets[t].isSame(as: trueTerm) ? size : try context.mkIte(step.targets[t], size, try int(0)))
                    }
                    if let gap = step.gap { gapRows[v][s][j] = gap }
                    observations.append(heard)
                }
                try solver.assert(try context.mkEq(try context.mkAdd(sizes), receivers[v][s]))
                stateSlots.append(sizes)
                stateHeard.append(observations)
            }
            roundSlots.append(stateSlots)
            roundHeard.append(stateHeard)
            var row: [Z3AST] = []
            for t in 0..<K {
                let x = try variable("alive_\(round)_1_\(v)_\(t)")
                try solver.assert(try context.mkEq(x, try context.mkAdd(into[t])))
                row.append(x)
            }
            next.append(row)
        }
        slots.append(roundSlots)
        slotHeard.append(roundHeard)
        slotGaps.append(gapRows)
        let noGroups = [[[Z3AST]]](repeating: [[Z3AST]](repeating: [], count: K), count: I)
        return (next, noGroups, [[Z3AST?]](repeating: [], count: K))
    }

    /// The message a process in state `s` sends.
    func message(_ s: Int) -> Int {
        guard let m = proto.message(ofState: s) else { preconditionFailure("CounterSystem: state \(s) has no send entry") }
        return m
    }

    /// `(or (and (> group 0) gap) …)` over every group of every round: some process that
    /// takes a step reaches an information set no rule covers. `false` when none can.
    func anyGap() throws(Z3Error) -> Z3AST {
        var reads: [Z3AST] = []
        for r in gaps.indices {
            for c in 0..<classes {
                for v in 0..<I {
                    for s in 0..<K {
                        for i in gaps[r][c][s].indices {
                            guard let gap = gaps[r][c][s][i] else { continue }
                            reads.append(try context.mkAnd([try context.mkGt(groups[r][c][v][s][i], try int(0)), gap]))
                        }
                    }
                }
            }
        }
        for r in slotGaps.indices {
            for v in 0..<I {
                for s in 0..<K {
                    for j in slotGaps[r][v][s].indices {
                        guard let gap = slotGaps[r][v][s][j] else { continue }
                        reads.append(try context.mkAnd([try context.mkGt(slots[r][v][s][j], try int(0)), gap]))
                    }
                }
            }
        }
        return try context.mkOr(reads)
    }
}

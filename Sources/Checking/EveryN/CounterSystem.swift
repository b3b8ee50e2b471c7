import Game
import ProtocolLanguage
import SpecLanguage
import Z3Kit

/// The game of a protocol over counts, for every `n >= lowerBound` at once, as one system of
/// linear integer constraints (docs/checking.md, "Every n"): crash faults, `F` and `R` fixed,
/// `n` a Z3 integer.
///
/// Variables (all integers, all `>= 0`):
/// - `n >= lowerBound`; `in_v`: how many processes have input `v` (`Σ in_v = n`); each starts in
///   `init(v)`, so `alive[0][v][s]` is `in_v` when `s = init(v)`, else 0.
/// - per round `r`: `crash[r][v][s] <= alive[r-1][v][s]`, how many processes with input `v` in
///   state `s` crash in round `r` (all rounds together at most `F`); then the survivors of
///   `(v, s)` split into groups `group[r][v][s][h]`, one per *hearing vector* `h` (for each
///   message `m`, how many of this round's crashers that send `m` the receiver still hears;
///   `Σ_m h[m] <= F`, so finitely many), with `Σ_h group = alive − crash` and a non-empty group
///   only where `h[m] <= C[m]`, the number of round-`r` crashers sending `m`.
/// - A group's observation is linear: `heard(m) = S[m] − [send(s) = m] + h[m]` where `S[m]` is
///   how many survivors send `m`, and `missing = n − 1 − Σ_m heard(m)`; `round`, `f` and
///   `self` are constants. The rule list, evaluated on it (`CounterSystem+Rules.swift`), picks
///   the group's next state (the first rule whose guard holds), and `alive[r][v][t]` is the
///   sum of the groups that move to `t`.
///
/// Exactness: every execution at some `n >= lowerBound` gives one solution (count who is where),
/// and every solution is the count of some execution: crashers are picked from each `(v, s)`,
/// and a survivor of group `h` hears any `h[m]` of the `C[m]` crashers sending `m` — the
/// adversary may choose the receivers of each crasher freely, so every survivor's choice is
/// independent (`EveryNConcretization` builds such an execution from a model).
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
    /// `inputs[v]`: processes with input `v`.
    private(set) var inputs: [Z3AST] = []
    /// `alive[r][v][s]`: processes with input `v` in state `s` that have not crashed after round
    /// `r` (`r = 0…R`).
    private(set) var alive: [[[Z3AST]]] = []
    /// `crashes[r-1][v][s]`: those of `alive[r-1][v][s]` that crash in round `r`.
    private(set) var crashes: [[[Z3AST]]] = []
    /// `groups[r-1][v][s][i]`: survivors of round `r` with input `v`, state `s` and hearing
    /// vector `hearing[i]`.
    private(set) var groups: [[[[Z3AST]]]] = []
    /// Every hearing vector: per message, crashers heard; the sum at most `F`.
    let hearing: [[Int]]
    /// Per round `r-1`, state `s`, hearing vector `i`: the guard terms of whether such a
    /// process reaches an information set no rule covers (nil: never).
    private(set) var gaps: [[[Z3AST?]]] = []
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

    /// Encodes the counter system of `proto` under `setting` for every `n >= lowerBound`.
    /// - Precondition: `proto` compiles for `setting` (init covers the inputs, every state
    ///   decides) and reads no identities; crash faults, no losses, no early decision.
    /// - Throws: `Z3Error` if Z3 fails.
    /// - Complexity: O(R · I · K · |H| · (M + rules)) terms, `|H| = C(F + M, M)` hearing vectors.
    init(proto: ProtocolDefinition, setting: Setting, lowerBound: Int) throws(Z3Error) {
        precondition(setting.faults == .crash && setting.losses == 0 && !setting.earlyDecision,
                     "CounterSystem: crash faults, no losses, decisions at round R")
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
        try solver.assert(try context.mkLe(try context.mkAdd(crashes.flatMap { $0.flatMap { $0 } }), try int(F)))
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
        var start = [[Z3AST]](repeating: [Z3AST](repeating: try int(0), count: K), count: I)
        for v in 0..<I {
            let count = try variable("in_\(v)")
            inputs.append(count)
            guard let entry = proto.initial.first(where: { $0.input == v }) else {
                preconditionFailure("CounterSystem: input \(v) has no init entry")
            }
            start[v][entry.state] = try context.mkAdd([start[v][entry.state], count])
        }
        try solver.assert(try context.mkEq(try context.mkAdd(inputs), n))
        alive.append(start)
    }

    private func encodeRound(_ round: Int) throws(Z3Error) {
        let before = alive[round - 1]
        var crashed: [[Z3AST]] = [], survivors: [[Z3AST]] = []
        var crashersSending = [[Z3AST]](repeating: [], count: M), survivorsSending = [[Z3AST]](repeating: [], count: M)
        for v in 0..<I {
            var crashRow: [Z3AST] = [], survivorRow: [Z3AST] = []
            for s in 0..<K {
                let c = try variable("crash_\(round)_\(v)_\(s)")
                try solver.assert(try context.mkLe(c, before[v][s]))
                crashRow.append(c)
                let left = try context.mkSub(before[v][s], c)
                survivorRow.append(left)
                crashersSending[message(s)].append(c)
                survivorsSending[message(s)].append(left)
            }
            crashed.append(crashRow)
            survivors.append(survivorRow)
        }
        crashes.append(crashed)
        var sending: [Z3AST] = [], crashersOf: [Z3AST] = []
        for m in 0..<M {
            let total = try variable("sending_\(round)_\(m)")
            try solver.assert(try context.mkEq(total, try context.mkAdd(survivorsSending[m])))
            sending.append(total)
            crashersOf.append(try context.mkAdd(crashersSending[m]))
        }
        // Which hearing vectors are possible this round, and where each (state, vector) goes.
        var possible: [Z3AST] = []
        for h in hearing {
            var within: [Z3AST] = []
            for m in 0..<M where h[m] > 0 { within.append(try context.mkLe(try int(h[m]), crashersOf[m])) }
            possible.append(try context.mkAnd(within))
        }
        var moves: [[[Z3AST]]] = [], roundGaps: [[Z3AST?]] = []
        for s in 0..<K {
            var row: [[Z3AST]] = [], gapRow: [Z3AST?] = []
            for h in hearing {
                let step = try ruleStep(round: round, state: s, hearing: h, sending: sending)
                row.append(step.targets)
                gapRow.append(step.gap)
            }
            moves.append(row)
            roundGaps.append(gapRow)
        }
        gaps.append(roundGaps)
        var roundGroups: [[[Z3AST]]] = []
        var next = [[Z3AST]](repeating: [], count: I)
        for v in 0..<I {
            var stateGroups: [[Z3AST]] = []
            var into = [[Z3AST]](repeating: [], count: K)
            for s in 0..<K {
                var members: [Z3AST] = []
                for (i, _) in hearing.enumerated() {
                    let g = try variable("group_\(round)_\(v)_\(s)_\(i)")
                    members.append(g)
                    if i > 0 { try solver.assert(try context.mkImplies(try context.mkGt(g, try int(0)), possible[i])) }
                    for t in 0..<K {
                        let goes = moves[s][i][t]
                        if goes.isSame(as: falseTerm) { continue }
                        into[t].append(goes.isSame(as: trueTerm) ? g : try context.mkIte(goes, g, try int(0)))
                    }
                }
                try solver.assert(try context.mkEq(try context.mkAdd(members), survivors[v][s]))
                stateGroups.append(members)
            }
            roundGroups.append(stateGroups)
            for t in 0..<K {
                let x = try variable("alive_\(round)_\(v)_\(t)")
                try solver.assert(try context.mkEq(x, try context.mkAdd(into[t])))
                next[v].append(x)
            }
        }
        groups.append(roundGroups)
        alive.append(next)
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
            for v in 0..<I {
                for s in 0..<K {
                    for i in hearing.indices {
                        guard let gap = gaps[r][s][i] else { continue }
                        reads.append(try context.mkAnd([try context.mkGt(groups[r][v][s][i], try int(0)), gap]))
                    }
                }
            }
        }
        return try context.mkOr(reads)
    }
}

import Game
import SpecLanguage
import Z3Kit

/// The bounded game of one table as Z3 constraints (docs/semantics.md), with the adversary free.
///
/// The protocol side is propositional, which Z3 handles far better than sums of integer `ite`s
/// (FloodSet at n = 6, f = 4, R = 5: over 10 s with integer heard sums, under 1 s like this):
/// - Adversary (free Booleans): `input_p_v` (one-hot over `0..<I`); `alive_p_r` for
///   `r = 1...R`, monotone (`alive_p_r => alive_p_{r-1}`), so `p` crashes in the first round
///   whose flag is false and is correct iff `alive_p_R`; at most `f` incorrect processes
///   (a sequential counter); and for every ordered pair `p != q` `hears_p_q`: `q` receives
///   `p`'s message of `p`'s crash round (read only when `q` survives that round).
/// - Protocol (concrete): `state_p_r_k` (one-hot over the `K` states) is `p`'s state after
///   round `r`; round 0 is `init(input)`. `p`'s round-`r` message reaches `q` iff
///   `alive_p_r ∨ (alive_p_{r-1} ∧ hears_p_q)`. `heard(k)` of `q` in round `r` is a unary
///   (sequential) counter over the other processes of `reach ∧ state_p_{r-1}_k`, so
///   `heard(k) = a` is two counter literals; `missing` is implied. Every defined `next` entry
///   `(slot, s, o) -> t` gives `(state_q_{r-1}_s ∧ heard = o) => state_q_r_t`. Exactly one entry
///   matches each (own state, observation), so a defined entry fixes the next state and an
///   undefined one (a gap) leaves it free.
/// - Outcome: `(input p)` and `(decision p)` are `ite` chains over these literals with integer
///   leaves (`-1` when `p` crashed), `(correct p)` is `alive_p_R`; the spec's assertions are
///   taken over them (`Spec.assertions(on:in:)`).
///
/// Gaps: when the table has undefined entries, `gap_q_r` holds exactly when `q`'s information
/// set in round `r` is an undefined entry (every entry that matches implies it or its negation),
/// so `alive_q_r ∧ gap_q_r` says survivor `q` reads a gap in round `r`. Every state before the
/// earliest such read is fixed by the table, so a model of `anyGap` is an execution that really
/// reaches a gap, and `noGap` excludes exactly the executions that do.
///
/// Not `Sendable`: it owns a Z3 context.
final class SymbolicEncoding {
    let table: TransitionTable
    let setting: Setting
    let context: Z3Context
    let solver: Z3Solver
    let interrupter: Z3Interrupter
    /// `inputs[p][v]`: `p`'s input is `v`.
    private var inputs: [[Z3AST]] = []
    /// `alive[p][r]`: `p` has not crashed by the end of round `r` (`alive[p][0]` is `true`).
    private var alive: [[Z3AST]] = []
    /// `hears[p][q]` for `p != q` (nil on the diagonal).
    private var hears: [[Z3AST?]] = []
    /// Assumption literal: some survivor reads an undefined entry (nil when the table has none).
    private(set) var anyGap: Z3AST?
    /// Assumption literal: some property of the spec fails (set by `encodeSpec`).
    private(set) var violation: Z3AST
    /// `alive_q_r ∧ gap_q_r` for every survivor slot (empty when the table has no gap).
    private var gapReads: [Z3AST] = []
    /// Symbolic process states encoded, `n · (R + 1)`.
    private(set) var stateCount = 0
    private let trueTerm: Z3AST
    private let falseTerm: Z3AST
    private var numerals: [Int: Z3AST] = [:]

    /// Encodes the game of `table` and `spec`'s properties (negated, behind `violation`).
    /// - Precondition: `table.setting` agrees with `spec.setting` on n, f, R and I; `init` and
    ///   `decide` are complete.
    /// - Throws: `Z3Error` (a Z3 failure) or `Diagnostic` (Z3 failed on the spec).
    /// - Complexity: O(n³ · R · K) counter terms plus O(n · R · K · |observations|) transition
    ///   implications.
    init(table: TransitionTable, spec: Spec, timeoutMilliseconds: UInt32) throws {
        self.table = table
        setting = table.setting
        let s = spec.setting
        precondition(s.processes == setting.processes && s.crashes == setting.crashes && s.rounds == setting.rounds
                     && s.inputs == setting.inputs, "SymbolicEncoding: the table's setting differs from the spec's")
        precondition(!table.initial.contains(TransitionTable.undefined) && !table.decision.contains(TransitionTable.noDecision),
                     "SymbolicEncoding: init and decide must be complete")
        // The adversary's variables encode crash faults directly (`FaultModel`).
        precondition(setting.faultModel is CrashFaults, "symbolic checker: only crash faults are encoded")
        context = try Z3Context()
        solver = try Z3Solver(context: context)
        interrupter = Z3Interrupter(context)
        trueTerm = try context.mkBool(true)
        falseTerm = try context.mkBool(false)
        violation = falseTerm
        try solver.setTimeout(milliseconds: timeoutMilliseconds)
        try declareAdversary()
        let finals = try encodeProtocol()
        try encodeSpec(spec, finals: finals)
    }

    private var n: Int { setting.processes }

    private func int(_ value: Int) throws(Z3Error) -> Z3AST {
        if let known = numerals[value] { return known }
        let made = try context.mkInt(value)
        numerals[value] = made
        return made
    }

    private func bool(_ name: String) throws(Z3Error) -> Z3AST {
        try context.mkConst(name, sort: context.boolSort())
    }

    /// `(or a (and b c))`, folding the constants a counter starts from.
    private func orAnd(_ a: Z3AST, _ b: Z3AST, _ c: Z3AST) throws(Z3Error) -> Z3AST {
        if a === trueTerm || (b === trueTerm && c === trueTerm) { return trueTerm }
        let both = b === trueTerm ? c : (c === trueTerm ? b : try context.mkAnd([b, c]))
        return a === falseTerm ? both : try context.mkOr([a, both])
    }

    /// A sequential counter: `result[m]` holds iff at least `m` of `items` hold, for
    /// `m` in `0...items.count` (`result[0]` is `true`). Each count is a named Boolean defined
    /// by an equality (Z3 solves this about twice as fast as with the bare shared terms).
    /// - Parameter name: a prefix unique to this counter.
    /// - Complexity: O(items.count²) constants and assertions.
    private func atLeast(_ items: [Z3AST], name: String) throws(Z3Error) -> [Z3AST] {
        var counts = [trueTerm]
        for (j, item) in items.enumerated() {
            var next = [trueTerm]
            for m in 1...counts.count {
                let before = m < counts.count ? counts[m] : falseTerm
                let body = try orAnd(before, counts[m - 1], item)
                if body === trueTerm || body === falseTerm {
                    next.append(body)
                } else {
                    let count = try bool("\(name)_\(j)_\(m)")
                    try solver.assert(try context.mkEq(count, body))
                    next.append(count)
                }
            }
            counts = next
        }
        return counts
    }

    /// Exactly one of `items` holds.
    private func assertExactlyOne(_ items: [Z3AST]) throws(Z3Error) {
        try solver.assert(try context.mkOr(items))
        for i in items.indices {
            for j in items.indices where j > i {
                try solver.assert(try context.mkOr([try context.mkNot(items[i]), try context.mkNot(items[j])]))
            }
        }
    }

    // MARK: Adversary

    private func declareAdversary() throws(Z3Error) {
        var faulty: [Z3AST] = []
        for p in 0..<n {
            let row = try (0..<setting.inputs).map { v throws(Z3Error) in try bool("input_\(p)_\(v)") }
            try assertExactlyOne(row)
            inputs.append(row)
            var flags = [trueTerm]
            for r in 1...setting.rounds {
                let flag = try bool("alive_\(p)_\(r)")
                if r > 1 { try solver.assert(try context.mkImplies(flag, flags[r - 1])) }
                flags.append(flag)
            }
            alive.append(flags)
            faulty.append(try context.mkNot(flags[setting.rounds]))
            hears.append(try (0..<n).map { q throws(Z3Error) in p == q ? nil : try bool("hears_\(p)_\(q)") })
        }
        let counts = try atLeast(faulty, name: "faulty")
        if setting.crashes + 1 < counts.count { try solver.assert(try context.mkNot(counts[setting.crashes + 1])) }
    }

    /// `p`'s round-`round` message reaches `q`.
    private func reaches(_ p: Int, _ q: Int, _ round: Int) throws(Z3Error) -> Z3AST {
        try orAnd(alive[p][round], alive[p][round - 1], hears[p][q]!)
    }

    // MARK: Protocol

    /// `ite(literals[0], values[0], ite(literals[1], values[1], … values[last]))`.
    private func select(_ literals: [Z3AST], _ values: [Int]) throws(Z3Error) -> Z3AST {
        var term = try int(values[values.count - 1])
        for index in stride(from: values.count - 2, through: 0, by: -1) {
            term = try context.mkIte(literals[index], try int(values[index]), term)
        }
        return term
    }

    /// Encodes every round; returns the final one-hot states.
    private func encodeProtocol() throws(Z3Error) -> [[Z3AST]] {
        let k = table.stateCount, space = table.space
        let hasGaps = table.next.contains(TransitionTable.undefined)
        // Round 0: state k iff the input is one that `init` maps to k.
        var states: [[Z3AST]] = try (0..<n).map { p throws(Z3Error) in
            try (0..<k).map { state throws(Z3Error) in
                try context.mkOr((0..<setting.inputs).filter { Int(table.initial[$0]) == state }.map { inputs[p][$0] })
            }
        }
        for round in 1...setting.rounds {
            var next: [[Z3AST]] = []
            for q in 0..<n {
                let state = try (0..<k).map { s throws(Z3Error) in try bool("state_\(q)_\(round)_\(s)") }
                try assertExactlyOne(state)
                next.append(state)
                // heard(s) = a  <=>  atLeast[s][a] ∧ ¬atLeast[s][a+1]
                var heardIs: [[Z3AST]] = []
                for s in 0..<k {
                    var items: [Z3AST] = []
                    for p in 0..<n where p != q {
                        items.append(try context.mkAnd([try reaches(p, q, round), states[p][s]]))
                    }
                    let counts = try atLeast(items, name: "heard_\(q)_\(round)_\(s)")
                    heardIs.append(try (0..<n).map { a throws(Z3Error) in
                        a + 1 < counts.count ? try context.mkAnd([counts[a], try context.mkNot(counts[a + 1])]) : counts[a]
                    })
                }
                let gap = hasGaps ? try bool("gap_\(q)_\(round)") : nil
                if let gap { gapReads.append(try context.mkAnd([alive[q][round], gap])) }
                for o in space.observations.indices {
                    let observation = space.observations[o]
                    let observed = (0..<k).map { s in heardIs[s][observation.heard(s)] }
                    for own in 0..<k {
                        let target = table.next[table.entryIndex(round: round, state: own, observation: o)]
                        let then: Z3AST
                        if target == TransitionTable.undefined {
                            then = gap!
                        } else if let gap {
                            then = try context.mkAnd([state[Int(target)], try context.mkNot(gap)])
                        } else {
                            then = state[Int(target)]
                        }
                        try solver.assert(try context.mkImplies(try context.mkAnd([states[q][own]] + observed), then))
                    }
                }
            }
            states = next
        }
        stateCount = n * (setting.rounds + 1)
        if hasGaps {
            let literal = try bool("anyGap")
            try solver.assert(try context.mkImplies(literal, try context.mkOr(gapReads)))
            anyGap = literal
        }
        return states
    }

    // MARK: Spec

    private func encodeSpec(_ spec: Spec, finals: [[Z3AST]]) throws {
        var inputTerms: [Z3AST] = [], decisions: [Z3AST] = [], correct: [Z3AST] = []
        for p in 0..<n {
            inputTerms.append(try select(inputs[p], Array(0..<setting.inputs)))
            let isCorrect = alive[p][setting.rounds]
            correct.append(isCorrect)
            decisions.append(try context.mkIte(isCorrect, try select(finals[p], table.decision.map(Int.init)),
                                               try int(ProcessOutcome.noDecision)))
        }
        let outcome = SymbolicOutcome(inputs: inputTerms, decisions: decisions, correct: correct)
        let (properties, ties) = try spec.assertions(on: outcome, in: context)
        for tie in ties { try solver.assert(tie) }
        let literal = try bool("violation")
        let failures = try properties.map { a throws(Z3Error) in try context.mkNot(a) }
        try solver.assert(try context.mkImplies(literal, try context.mkOr(failures)))
        violation = literal
    }

    /// Literal: no survivor reads an undefined entry (for `CheckOptions.Gaps.skip`); nil when
    /// the table has no undefined entry.
    func noGapLiteral() throws(Z3Error) -> Z3AST? {
        guard anyGap != nil else { return nil }
        let literal = try bool("noGap")
        try solver.assert(try context.mkImplies(literal, try context.mkNot(try context.mkOr(gapReads))))
        return literal
    }

    // MARK: Models

    /// The execution a model of the last check chose: inputs, crash rounds, and as receivers of
    /// each crasher the survivors of its round that hear it.
    /// - Returns: nil if the model does not give every adversary constant a value (a Z3 failure).
    func execution(in model: Z3Model) -> Execution? {
        var inputValues: [Int] = []
        var crashRound: [Int] = []  // 0 = never
        for p in 0..<n {
            guard let input = inputs[p].firstIndex(where: { model.boolValue(of: $0) == true }) else { return nil }
            inputValues.append(input)
            var round = 0
            for r in 1...setting.rounds {
                guard let flag = model.boolValue(of: alive[p][r]) else { return nil }
                if !flag { round = r; break }
            }
            crashRound.append(round)
        }
        var rounds = [RoundSchedule](repeating: RoundSchedule(), count: setting.rounds)
        for p in 0..<n where crashRound[p] > 0 {
            let round = crashRound[p]
            var receivers: [Int] = []
            for q in 0..<n where q != p && (crashRound[q] == 0 || crashRound[q] > round) {
                guard let heard = model.boolValue(of: hears[p][q]!) else { return nil }
                if heard { receivers.append(q) }
            }
            rounds[round - 1].crashes.append(Crash(process: p, receivers: receivers))
        }
        return Execution(inputs: inputValues, rounds: rounds)
    }
}

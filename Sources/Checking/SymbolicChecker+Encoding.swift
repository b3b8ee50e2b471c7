import Game
import SpecLanguage
import Z3Kit

/// The bounded game of one table as Z3 constraints (docs/semantics.md), with the adversary free,
/// under the setting's fault model and lossy links.
///
/// The protocol side is propositional, which Z3 handles far better than sums of integer `ite`s
/// (FloodSet at n = 6, f = 4, R = 5: over 10 s with integer heard sums, under 1 s like this):
/// - Adversary (free Booleans): `input_p_v` (one-hot over `0..<I`), and per fault model:
///   - crash: `alive_p_r` for `r = 1...R`, monotone (`alive_p_r => alive_p_{r-1}`), so `p`
///     crashes in the first round whose flag is false and is correct iff `alive_p_R`; at most
///     `f` incorrect processes (a sequential counter); and for every ordered pair `p != q`
///     `hears_p_q`: `q` receives `p`'s message of `p`'s crash round (read only when `q` survives
///     that round). `p`'s round-`r` message reaches `q` iff `alive_p_r ∨ (alive_p_{r-1} ∧ hears_p_q)`.
///   - send, receive and general omission: `faulty_p`, at most `f` true (a sequential counter);
///     per round `r` and ordered pair `p != q`, `delivered_p_q_r`, forced true unless the model
///     may drop that message (`FaultKind.mayDrop` of `faulty_p`, `faulty_q`); every process runs
///     every round and decides.
///   - Byzantine: `faulty_p`, at most `f` true; per round and ordered pair `forged_p_q_r_m` for
///     each message `m < M` of the alphabet, at most one true (none: nothing sent), all false
///     unless `p` is Byzantine and `q` correct. A correct sender's message always goes out; a
///     Byzantine sender's is the forged one. Byzantine processes get symbolic states too (so
///     the encoding is uniform), but those are read by nothing: their messages are the forged
///     ones, their gaps are not gap reads and they never decide.
///   - lossy links (`L > 0`, any model): per round and ordered pair `lost_p_q_r`, allowed only on
///     a message the fault model delivered (to a process that takes a step), at most `L` per
///     round (a sequential counter over the round's links); a message arrives iff the model
///     delivers it and it is not lost.
/// - Protocol (concrete): `state_p_r_k` (one-hot over the `K` states) is `p`'s state after
///   round `r`; round 0 is `init(input)`. `p` sends message `m` in round `r` when
///   `sends_p_{r-1}_m`, the disjunction of `state_p_{r-1}_k` over the states `k` with
///   `send(k) = m` (without an alphabet `send` is the identity and these are the state literals
///   themselves). `heard(m)` of `q` in round `r` is a unary (sequential) counter over the other
///   processes `p` of "`p`'s message arrives at `q` and is `m`" (crash:
///   `reach ∧ sends_p_{r-1}_m`; omission: `delivered_p_q_r ∧ sends_p_{r-1}_m`; Byzantine:
///   `(¬faulty_p ∧ sends_p_{r-1}_m ∨ faulty_p ∧ forged_p_q_r_m)`; each `∧ ¬lost_p_q_r` with
///   losses), so `heard(m) = a` is two counter literals; `missing` is implied. Every defined
///   `next` entry `(slot, s, o) -> t` gives `(state_q_{r-1}_s ∧ heard = o) => state_q_r_t`.
///   Exactly one entry matches each (own state, observation), so a defined entry fixes the next
///   state and an undefined one (a gap) leaves it free.
/// - Identities: for a table by sender (`table.bySender`) the observation is per sender instead
///   of counted: `from_q_r_j_m` is that same "`j`'s message arrives at `q` and is `m`" (so a
///   Byzantine `j`'s forged message arrives as from `j`), `none_q_r_j` the negation of their
///   disjunction, and the entry `(slot, q, s, o) -> t` of row `q` gives
///   `(state_q_{r-1}_s ∧ one literal per other process j as o has it) => state_q_r_t`
///   (`SymbolicChecker+Senders.swift`). A counted table (under identities too) keeps the
///   heard counts, constraint for constraint.
/// - Outcome: `(input p)` and `(decision p)` are `ite` chains over these literals with integer
///   leaves, `(correct p)` is `alive_p_R` (crash) or `¬faulty_p`, and `lost` the sum of the
///   `lost` literals; the spec's assertions are taken over them (`Spec.assertions(on:in:)`).
///   Without early decision `(decision p)` is `decide` of the state after round `R` (`-1` when
///   `p` crashed or is Byzantine) and `decision-round` is left to the spec's default (`R` for a
///   decider). With early decision (`DecisionRecord`) `(decision p)` and `(decision-round p)`
///   are one `ite` chain over rounds `r = 0…R` and deciding states `k`, in that order, of
///   "`p` runs after round `r` (`alive_p_r` under crash faults; always under omission; never
///   when Byzantine) and `state_p_r_k`", with leaves `decide(k)` and `r` (`-1` when nothing
///   matches): the earliest match wins, so the decision is irrevocable and survives a later
///   crash, and a crasher of round `r` (`¬alive_p_r`) cannot decide in `r`.
///
/// Gaps: when the table has undefined entries, `gap_q_r` holds exactly when `q`'s information
/// set in round `r` is an undefined entry (every entry that matches implies it or its negation).
/// (The observation space holds every observation the adversary can cause: `missing` up to
/// `Setting.maxMissing`.) So `steps_q_r ∧ gap_q_r` says that `q` takes a step in round
/// `r` and reads a gap there, where `steps_q_r` is `alive_q_r` (crash), true (omission) or
/// `¬faulty_q` (Byzantine). Every state a stepping process reads before the earliest such read
/// is fixed by the table, so a model of `anyGap` is an execution that really reaches a gap, and
/// `noGap` excludes exactly the executions that do.
///
/// Not `Sendable`: it owns a Z3 context.
final class SymbolicEncoding {
    let table: TransitionTable
    let setting: Setting
    let context: Z3Context
    let solver: Z3Solver
    let interrupter: Z3Interrupter
    /// `inputs[p][v]`: `p`'s input is `v`.
    private(set) var inputs: [[Z3AST]] = []
    /// Crash faults: `alive[p][r]`: `p` has not crashed by the end of round `r` (`alive[p][0]`
    /// is `true`). Empty under the other models.
    private(set) var alive: [[Z3AST]] = []
    /// Crash faults: `hears[p][q]` for `p != q` (nil on the diagonal).
    private(set) var hears: [[Z3AST?]] = []
    /// Omission and Byzantine faults: `faulty[p]`: `p` is in the faulty set; `correct[p]` its
    /// negation. Empty under crash faults.
    private(set) var faulty: [Z3AST] = []
    private var correct: [Z3AST] = []
    /// Omission faults: `delivered[r-1][p][q]`: the model delivers `p`'s round-`r` message to `q`
    /// (nil on the diagonal).
    private(set) var delivered: [[[Z3AST?]]] = []
    /// Byzantine faults: `forged[r-1][p][q][m]`: Byzantine `p` sends `q` message `m` in round `r`
    /// (empty on the diagonal).
    private(set) var forged: [[[[Z3AST]]]] = []
    /// Lossy links: `lost[r-1][p][q]`: `p`'s round-`r` message to `q` is lost (nil on the
    /// diagonal; empty without `:losses`).
    private(set) var lost: [[[Z3AST?]]] = []
    /// Assumption literal: some process that takes a step reads an undefined entry (nil when
    /// the table has none).
    private(set) var anyGap: Z3AST?
    /// Assumption literal: some property of the spec fails (set by `encodeSpec`).
    private(set) var violation: Z3AST
    /// `steps_q_r ∧ gap_q_r` for every process and round (empty when the table has no gap).
    private var gapReads: [Z3AST] = []
    /// Symbolic process states encoded, `n · (R + 1)`.
    private(set) var stateCount = 0
    private let trueTerm: Z3AST
    private let falseTerm: Z3AST
    private var numerals: [Int: Z3AST] = [:]

    /// Encodes the game of `table` and `spec`'s properties (negated, behind `violation`).
    /// - Precondition: `table.setting` agrees with `spec.setting` on n, f, R and I; `init`,
    ///   `send` and `decide` are complete (`decide` may be `TransitionTable.notDeciding` under
    ///   early decision).
    /// - Throws: `Z3Error` (a Z3 failure) or `Diagnostic` (Z3 failed on the spec).
    /// - Complexity: O(n³ · R · M) counter terms (`M` messages) plus
    ///   O(n · R · K · |observations|) transition implications (a table by sender has
    ///   `(M+1)^(n-1)` observations, `n + 1` literals per implication, and O(n² · R · M)
    ///   sender literals instead of counters); omission faults add O(n² · R)
    ///   clauses, Byzantine faults O(n² · R · M²) (at most one forged message per link), lossy
    ///   links O(n² · R · L) counter terms, and early decision O(n · R · K) outcome terms. Under
    ///   crash faults without losses the constraints are the crash encoding's alone; without an
    ///   alphabet and early decision they are exactly those of the encoding before either
    ///   existed.
    init(table: TransitionTable, spec: Spec, timeoutMilliseconds: UInt32) throws {
        self.table = table
        setting = table.setting
        let s = spec.setting
        precondition(s.processes == setting.processes && s.crashes == setting.crashes && s.rounds == setting.rounds
                     && s.inputs == setting.inputs, "SymbolicEncoding: the table's setting differs from the spec's")
        let early = table.setting.earlyDecision, messageCount = table.messageCount
        precondition(!table.initial.contains(TransitionTable.undefined)
                     && table.send.allSatisfy({ Int($0) < messageCount })
                     && table.decision.allSatisfy({ $0 >= 0 || (early && $0 == TransitionTable.notDeciding) }),
                     "SymbolicEncoding: init, send and decide must be complete")
        context = try Z3Context()
        solver = try Z3Solver(context: context)
        interrupter = Z3Interrupter(context)
        trueTerm = try context.mkBool(true)
        falseTerm = try context.mkBool(false)
        violation = falseTerm
        try solver.setTimeout(milliseconds: timeoutMilliseconds)
        try declareAdversary()
        let states = try encodeProtocol()
        try encodeSpec(spec, states: states)
    }

    var n: Int { setting.processes }

    private func int(_ value: Int) throws(Z3Error) -> Z3AST {
        if let known = numerals[value] { return known }
        let made = try context.mkInt(value)
        numerals[value] = made
        return made
    }

    func bool(_ name: String) throws(Z3Error) -> Z3AST {
        try context.mkConst(name, sort: context.boolSort())
    }

    /// `(or a (and b c))`, folding the constants a counter starts from.
    private func orAnd(_ a: Z3AST, _ b: Z3AST, _ c: Z3AST) throws(Z3Error) -> Z3AST {
        if a === trueTerm || (b === trueTerm && c === trueTerm) { return trueTerm }
        let both = b === trueTerm ? c : (c === trueTerm ? b : try context.mkAnd([b, c]))
        return a === falseTerm ? both : try context.mkOr([a, both])
    }

    /// A sequential counter: `result[m]` holds iff at least `m` of `items` hold, for
    /// `m` in `0...min(items.count, cap)` (`result[0]` is `true`). Each count is a named Boolean
    /// defined by an equality (Z3 solves this about twice as fast as with the bare shared terms).
    /// - Parameters:
    ///   - name: a prefix unique to this counter.
    ///   - cap: the largest count needed (at least 1); the full counter by default.
    /// - Complexity: O(items.count · min(items.count, cap)) constants and assertions.
    private func atLeast(_ items: [Z3AST], name: String, upTo cap: Int = .max) throws(Z3Error) -> [Z3AST] {
        var counts = [trueTerm]
        for (j, item) in items.enumerated() {
            var next = [trueTerm]
            for m in 1...min(counts.count, cap) {
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

    /// Asserts that at most `limit` of `items` hold (a capped sequential counter).
    private func assertAtMost(_ items: [Z3AST], _ limit: Int, name: String) throws(Z3Error) {
        guard limit < items.count else { return }
        let counts = try atLeast(items, name: name, upTo: limit + 1)
        try solver.assert(try context.mkNot(counts[limit + 1]))
    }

    /// Exactly one of `items` holds.
    private func assertExactlyOne(_ items: [Z3AST]) throws(Z3Error) {
        try solver.assert(try context.mkOr(items))
        try assertAtMostOne(items)
    }

    /// At most one of `items` holds (pairwise exclusions).
    private func assertAtMostOne(_ items: [Z3AST]) throws(Z3Error) {
        for i in items.indices {
            for j in items.indices where j > i {
                try solver.assert(try context.mkOr([try context.mkNot(items[i]), try context.mkNot(items[j])]))
            }
        }
    }

    // MARK: Adversary

    private func declareAdversary() throws(Z3Error) {
        switch setting.faults {
        case .crash: try declareCrashes()
        case .sendOmission, .receiveOmission, .generalOmission, .byzantine: try declareFaultySet()
        }
        if setting.losses > 0 { try declareLosses() }
    }

    /// `input_p_v`, one-hot.
    private func declareInput(_ p: Int) throws(Z3Error) {
        let row = try (0..<setting.inputs).map { v throws(Z3Error) in try bool("input_\(p)_\(v)") }
        try assertExactlyOne(row)
        inputs.append(row)
    }

    /// Crash faults: inputs, crash rounds (`alive`), at most `f` crashes, and `hears`.
    private func declareCrashes() throws(Z3Error) {
        var faulty: [Z3AST] = []
        for p in 0..<n {
            try declareInput(p)
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

    /// Omission and Byzantine faults: inputs, the faulty set (at most `f`), and each round's
    /// `delivered` (omission) or `forged` (Byzantine) literals.
    private func declareFaultySet() throws(Z3Error) {
        for p in 0..<n {
            try declareInput(p)
            let literal = try bool("faulty_\(p)")
            faulty.append(literal)
            correct.append(try context.mkNot(literal))
        }
        try assertAtMost(faulty, setting.crashes, name: "faultySet")
        let kind = setting.faults
        if kind == .byzantine {
            let k = table.messageCount
            for r in 1...setting.rounds {
                var round: [[[Z3AST]]] = []
                for p in 0..<n {
                    var row: [[Z3AST]] = []
                    for q in 0..<n {
                        guard p != q else { row.append([]); continue }
                        let messages = try (0..<k).map { m throws(Z3Error) in try bool("forged_\(p)_\(q)_\(r)_\(m)") }
                        try assertAtMostOne(messages)
                        for message in messages {
                            try solver.assert(try context.mkImplies(message, faulty[p]))
                            try solver.assert(try context.mkImplies(message, correct[q]))
                        }
                        row.append(messages)
                    }
                    round.append(row)
                }
                forged.append(round)
            }
            return
        }
        // mayDrop(s, r) = s && bySender || r && byReceiver for the three omission models.
        let bySender = kind.mayDrop(senderFaulty: true, receiverFaulty: false)
        let byReceiver = kind.mayDrop(senderFaulty: false, receiverFaulty: true)
        precondition(kind.mayDrop(senderFaulty: true, receiverFaulty: true) == (bySender || byReceiver)
                     && !kind.mayDrop(senderFaulty: false, receiverFaulty: false),
                     "SymbolicEncoding: \(kind.name) is not an omission model")
        for r in 1...setting.rounds {
            var round: [[Z3AST?]] = []
            for p in 0..<n {
                var row: [Z3AST?] = []
                for q in 0..<n {
                    guard p != q else { row.append(nil); continue }
                    let literal = try bool("delivered_\(p)_\(q)_\(r)")
                    // Delivered unless the model may drop it.
                    let droppable = (bySender ? [faulty[p]] : []) + (byReceiver ? [faulty[q]] : [])
                    try solver.assert(try context.mkOr([literal] + droppable))
                    row.append(literal)
                }
                round.append(row)
            }
            delivered.append(round)
        }
    }

    /// Lossy links: `lost_p_q_r`, only on a message the fault model delivered, at most `L` per
    /// round.
    private func declareLosses() throws(Z3Error) {
        for r in 1...setting.rounds {
            var round: [[Z3AST?]] = []
            var items: [Z3AST] = []
            for p in 0..<n {
                var row: [Z3AST?] = []
                for q in 0..<n {
                    guard p != q else { row.append(nil); continue }
                    let literal = try bool("lost_\(p)_\(q)_\(r)")
                    try solver.assert(try context.mkImplies(literal, try modelDelivers(p, q, r)))
                    row.append(literal)
                    items.append(literal)
                }
                round.append(row)
            }
            lost.append(round)
            try assertAtMost(items, setting.losses, name: "lostCount_\(r)")
        }
    }

    /// Crash faults: `p`'s round-`round` message reaches `q` (read only when `q` takes a step).
    private func reaches(_ p: Int, _ q: Int, _ round: Int) throws(Z3Error) -> Z3AST {
        try orAnd(alive[p][round], alive[p][round - 1], hears[p][q]!)
    }

    /// Whether `q` takes a step in round `round` (and so receives and may read a gap): a
    /// survivor of the round (crash), everyone (omission), a correct process (Byzantine); nil
    /// for always.
    private func steps(_ q: Int, _ round: Int) -> Z3AST? {
        switch setting.faults {
        case .crash: return alive[q][round]
        case .sendOmission, .receiveOmission, .generalOmission: return nil
        case .byzantine: return correct[q]
        }
    }

    /// The fault model delivers `p`'s round-`round` message to `q` and `q` takes a step (what
    /// a lossy link may then lose; `RoundArrivals.links`).
    private func modelDelivers(_ p: Int, _ q: Int, _ round: Int) throws(Z3Error) -> Z3AST {
        switch setting.faults {
        case .crash:
            return try context.mkAnd([try reaches(p, q, round), alive[q][round]])
        case .sendOmission, .receiveOmission, .generalOmission:
            return delivered[round - 1][p][q]!
        case .byzantine:
            // Correct to correct, or Byzantine to correct with a message sent (`forged` implies
            // that `p` is Byzantine and `q` correct).
            let sent = try context.mkOr([correct[p]] + forged[round - 1][p][q])
            return try context.mkAnd([correct[q], sent])
        }
    }

    /// `p`'s round-`round` message arrives at `q` (when `q` takes a step) and is `message`,
    /// `sends` being what each process sends in the round (`sends(of:)` of the states at its
    /// start).
    func arrives(_ p: Int, _ q: Int, _ round: Int, message: Int, sends: [[Z3AST]]) throws(Z3Error) -> Z3AST {
        var terms: [Z3AST]
        switch setting.faults {
        case .crash:
            terms = [try reaches(p, q, round), sends[p][message]]
        case .sendOmission, .receiveOmission, .generalOmission:
            terms = [delivered[round - 1][p][q]!, sends[p][message]]
        case .byzantine:
            terms = [try context.mkOr([try context.mkAnd([correct[p], sends[p][message]]),
                                       try context.mkAnd([faulty[p], forged[round - 1][p][q][message]])])]
        }
        if !lost.isEmpty { terms.append(try context.mkNot(lost[round - 1][p][q]!)) }
        return terms.count == 1 ? terms[0] : try context.mkAnd(terms)
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

    /// Per process and message `m < M`: the process is in a state that sends `m` (`send`), a
    /// disjunction of its one-hot `states`; the state literal itself when a single state sends
    /// `m` (so without an alphabet, `send` being the identity, these are the states).
    private func sends(of states: [[Z3AST]]) throws(Z3Error) -> [[Z3AST]] {
        let senders = (0..<table.messageCount).map { m in (0..<table.stateCount).filter { Int(table.send[$0]) == m } }
        return try states.map { row throws(Z3Error) in
            try senders.map { group throws(Z3Error) in
                switch group.count {
                case 0: return falseTerm
                case 1: return row[group[0]]
                default: return try context.mkOr(group.map { row[$0] })
                }
            }
        }
    }

    /// Encodes every round; returns the one-hot states after each round `0...R` (`[r][p][k]`).
    private func encodeProtocol() throws(Z3Error) -> [[[Z3AST]]] {
        let k = table.stateCount, m = table.messageCount, space = table.space
        let hasGaps = table.next.contains(TransitionTable.undefined)
        // Round 0: state k iff the input is one that `init` maps to k.
        var states: [[Z3AST]] = try (0..<n).map { p throws(Z3Error) in
            try (0..<k).map { state throws(Z3Error) in
                try context.mkOr((0..<setting.inputs).filter { Int(table.initial[$0]) == state }.map { inputs[p][$0] })
            }
        }
        var all = [states]
        for round in 1...setting.rounds {
            let sent = try sends(of: states)
            var next: [[Z3AST]] = []
            for q in 0..<n {
                let state = try (0..<k).map { s throws(Z3Error) in try bool("state_\(q)_\(round)_\(s)") }
                try assertExactlyOne(state)
                next.append(state)
                // Per dense observation index, literals whose conjunction says that q makes it.
                let observed: [[Z3AST]]
                if space.bySender {
                    observed = try senderObservations(of: q, round: round, sends: sent)
                } else {
                    // heard(s) = a  <=>  atLeast[s][a] ∧ ¬atLeast[s][a+1]
                    var heardIs: [[Z3AST]] = []
                    for s in 0..<m {
                        var items: [Z3AST] = []
                        for p in 0..<n where p != q {
                            let item = try arrives(p, q, round, message: s, sends: sent)
                            items.append(item)
                        }
                        let counts = try atLeast(items, name: "heard_\(q)_\(round)_\(s)")
                        heardIs.append(try (0..<n).map { a throws(Z3Error) in
                            a + 1 < counts.count ? try context.mkAnd([counts[a], try context.mkNot(counts[a + 1])]) : counts[a]
                        })
                    }
                    observed = (0..<space.count).map { o in
                        let observation = space.observation(at: o, id: q)
                        return (0..<m).map { s in heardIs[s][observation.heard(s)] }
                    }
                }
                let gap = hasGaps ? try bool("gap_\(q)_\(round)") : nil
                if let gap {
                    if let stepping = steps(q, round) {
                        gapReads.append(try context.mkAnd([stepping, gap]))
                    } else {
                        gapReads.append(gap)
                    }
                }
                for o in 0..<space.count {
                    for own in 0..<k {
                        let target = table.next[table.entryIndex(round: round, id: q, state: own, observation: o)]
                        let then: Z3AST
                        if target == TransitionTable.undefined {
                            then = gap!
                        } else if let gap {
                            then = try context.mkAnd([state[Int(target)], try context.mkNot(gap)])
                        } else {
                            then = state[Int(target)]
                        }
                        try solver.assert(try context.mkImplies(try context.mkAnd([states[q][own]] + observed[o]), then))
                    }
                }
            }
            states = next
            all.append(states)
        }
        stateCount = n * (setting.rounds + 1)
        if hasGaps {
            let literal = try bool("anyGap")
            try solver.assert(try context.mkImplies(literal, try context.mkOr(gapReads)))
            anyGap = literal
        }
        return all
    }

    // MARK: Spec

    /// - Parameter states: the one-hot states after each round `0...R` (`encodeProtocol`).
    private func encodeSpec(_ spec: Spec, states: [[[Z3AST]]]) throws {
        var inputTerms: [Z3AST] = [], decisions: [Z3AST] = [], correctTerms: [Z3AST] = []
        var decisionRounds: [Z3AST]? = setting.earlyDecision ? [] : nil
        for p in 0..<n {
            inputTerms.append(try select(inputs[p], Array(0..<setting.inputs)))
            switch setting.faults {
            case .crash: correctTerms.append(alive[p][setting.rounds])
            case .sendOmission, .receiveOmission, .generalOmission, .byzantine: correctTerms.append(correct[p])
            }
            if setting.earlyDecision {
                let (decision, round) = try earlyDecision(of: p, states: states)
                decisions.append(decision)
                decisionRounds?.append(round)
                continue
            }
            let decides = try select(states[setting.rounds][p], table.decision.map(Int.init))
            switch setting.faults {
            case .crash:
                decisions.append(try context.mkIte(alive[p][setting.rounds], decides, try int(ProcessOutcome.noDecision)))
            case .sendOmission, .receiveOmission, .generalOmission:
                // Faulty processes run to the end and decide too.
                decisions.append(decides)
            case .byzantine:
                decisions.append(try context.mkIte(correct[p], decides, try int(ProcessOutcome.noDecision)))
            }
        }
        var lostTerm: Z3AST?
        if !lost.isEmpty {
            let one = try int(1), zero = try int(0)
            var terms: [Z3AST] = []
            for round in lost {
                for row in round {
                    for literal in row {
                        if let literal { terms.append(try context.mkIte(literal, one, zero)) }
                    }
                }
            }
            lostTerm = try context.mkAdd(terms)
        }
        let outcome = SymbolicOutcome(inputs: inputTerms, decisions: decisions, correct: correctTerms,
                                      decisionRounds: decisionRounds, lost: lostTerm)
        let (properties, ties) = try spec.assertions(on: outcome, in: context)
        for tie in ties { try solver.assert(tie) }
        let literal = try bool("violation")
        let failures = try properties.map { a throws(Z3Error) in try context.mkNot(a) }
        try solver.assert(try context.mkImplies(literal, try context.mkOr(failures)))
        violation = literal
    }

    /// Early decision (`DecisionRecord`): `p`'s decision and decision round, `-1` both when it
    /// never decides. It decides at the first `r` in `0...R` where it runs after round `r`
    /// (`steps`: it survives round `r` under crash faults, always under omission, never when
    /// Byzantine; everyone runs after `init`) and is in a deciding state — an `ite` chain over
    /// `(r, s)` in that order, so the earliest match wins and later states change nothing, a
    /// crash included.
    /// - Complexity: O(R · K) terms.
    private func earlyDecision(of p: Int, states: [[[Z3AST]]]) throws(Z3Error) -> (decision: Z3AST, round: Z3AST) {
        let never = try int(ProcessOutcome.noDecision)
        var decision = never, round = never
        for r in stride(from: setting.rounds, through: 0, by: -1) {
            // Byzantine processes are handled once below, not per round.
            let running = r == 0 || setting.faults == .byzantine ? nil : steps(p, r)
            for s in stride(from: table.stateCount - 1, through: 0, by: -1) {
                guard let value = table.decides(s) else { continue }
                let condition = try running.map { alive throws(Z3Error) in try context.mkAnd([alive, states[r][p][s]]) }
                    ?? states[r][p][s]
                decision = try context.mkIte(condition, try int(value), decision)
                round = try context.mkIte(condition, try int(r), round)
            }
        }
        guard setting.faults == .byzantine else { return (decision, round) }
        return (try context.mkIte(correct[p], decision, never), try context.mkIte(correct[p], round, never))
    }

    /// Literal: no process that takes a step reads an undefined entry (for
    /// `CheckOptions.Gaps.skip`); nil when the table has no undefined entry.
    func noGapLiteral() throws(Z3Error) -> Z3AST? {
        guard anyGap != nil else { return nil }
        let literal = try bool("noGap")
        try solver.assert(try context.mkImplies(literal, try context.mkNot(try context.mkOr(gapReads))))
        return literal
    }
}

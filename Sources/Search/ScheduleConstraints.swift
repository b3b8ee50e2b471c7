import Game
import SpecLanguage
import Z3Kit

/// The tables that survive every counterexample seen so far, as Z3 constraints. The `cegis`
/// baseline asks it for whole candidates; GGMS's symbolic learning asks it, under a tree node's
/// assignment, whether any completion survives (`unsat`: the node is refuted, and the unsat
/// core names the assigned entries the refutation reads) and for one that does.
///
/// Variables (propositional, so Z3's incremental SAT solver does the work): every table entry
/// is one-hot — `x[e][k]` is "entry `e` holds action `k`", exactly one true per entry. `next`
/// entries are created when a schedule first reaches them, so an entry no schedule reaches is
/// free (and a model leaves it at 0).
///
/// A counterexample *schedule* (an `Execution`: inputs, the faulty set, and per round what the
/// adversary did — crashes, dropped, lost and Byzantine messages) is encoded symbolically under
/// the setting's fault model: each process's state after each round is a fresh one-hot vector.
/// Who takes a step and what reaches it come from the adversary (`Adversary.arrivals`), which
/// fixes them for the schedule: a sender's own message is its symbolic state vector, a message a
/// Byzantine process chose is a constant one-hot vector, and a process that takes no step (a
/// crasher, a Byzantine process — which has no state from round 0) keeps nothing. Its
/// observation is determined by what reached it: `heard(k) = c` is a cardinality constraint
/// over the symbolic senders' `state = k` literals (shifted by the constants for `k`), and for
/// each own state `s` and observation `o` the new state equals `next(s, o)`'s one-hot vector.
/// The decisions of the processes that decide in the schedule — every process still running at
/// the end: the correct ones, and the faulty ones under omission faults — are `decide` at their
/// final states. The spec is then required on that schedule: Z3 decides the spec on each
/// possible vector of those decisions (through `SpecEvaluator`, the same queries the checker
/// uses; `correct` and `lost` are the schedule's own) and the encoding allows exactly the
/// vectors that do not fail. So a schedule rules out *every* table that violates the spec on it,
/// not only the candidate that did. Under crash faults the constraints are exactly those of the
/// crash-only encoding this generalizes (no constants arise).
///
/// Soundness of `unsat`: every constraint holds for every correct table — one-hotness
/// trivially; a schedule's run is the simulator's (`Simulator.step`) for every table, since who
/// receives what does not depend on the table, only the states carried do; a schedule
/// constraint excludes only decision vectors on which the spec is known to fail (`unknown`
/// vectors stay allowed); the optional symmetry constraints (`init_0 = 0`, `init_1 <= 1`) keep
/// at least one table of each state-renaming class (the correct tables are closed under
/// renaming under every model: a Byzantine message is renamed with the states). So `unsat`
/// means no protocol with `K` states in `R` rounds exists (under assumptions: none that agrees
/// with them) — unless `exclude` removed a table whose check was undecided, which the caller
/// tracks.
/// Cost per schedule: `O(R · n · K · |observations with that many senders|)` clauses plus the
/// cardinality constraints, `D^d` spec evaluations (`d` deciding processes: `n` under omission
/// faults) and up to `D^d / 2` vector clauses.
final class ScheduleConstraints {
    /// Above this many decision vectors for one schedule, only the vector a candidate produced
    /// is excluded (still sound, and still excludes that candidate).
    static let vectorLimit = 4096

    let setting: Setting
    let context: Z3Context
    let solver: Z3Solver
    let interrupter: Z3Interrupter
    private let emptyTable: TransitionTable
    private let k: Int
    /// One-hot variables of `init`, `decide` and (created on demand) `next` entries.
    private var initial: [[Z3AST]] = []
    private var decide: [[Z3AST]] = []
    private var next: [Int: [Z3AST]] = [:]
    private let trueTerm: Z3AST
    private let falseTerm: Z3AST
    /// The adversary of the setting (who receives what in a schedule).
    private let adversary: Adversary
    /// Observation indices by number of senders (`n - 1 - missing`).
    private let observationsBySenders: [Int: [Int]]
    /// Symbolic states by id (one-hot vectors); ids `0..<inputs` are the `init` entries.
    private var vectors: [[Z3AST]] = []
    /// Ids of the constant one-hot vectors (a message a Byzantine process chose), by state;
    /// created on first use, so only Byzantine schedules add any.
    private var constantIDs: [Int: Int] = [:]
    /// The state of each constant vector, by id.
    private var constantStates: [Int: Int] = [:]
    /// The state a step makes, by its key (see `encode`).
    private struct StepKey: Hashable {
        var slot: Int
        var own: Int
        var senders: [Int]
    }
    private var steps: [StepKey: Int] = [:]
    /// Decision one-hot vector of a final symbolic state, by state id.
    private var decisionsOf: [Int: [Z3AST]] = [:]
    /// Final decision one-hot vectors per encoded schedule (nil for processes that do not
    /// decide: crashed or Byzantine).
    private var decisionTerms: [Execution: [[Z3AST]?]] = [:]
    /// Encoded schedules, oldest first.
    private(set) var schedules: [Execution] = []

    /// - Parameter breakSymmetry: assert `init_0 = 0` and `init_1 <= 1` (sound for whole-table
    ///   search; leave it off when checking under assumptions that name states freely).
    /// - Throws: `Z3Error` if Z3 fails (an engine bug or resource exhaustion).
    init(setting: Setting, roundAware: Bool, breakSymmetry: Bool = true) throws(Z3Error) {
        self.setting = setting
        adversary = Adversary(setting, messageCount: setting.states)
        let context = try Z3Context()
        self.context = context
        solver = try Z3Solver(context: context, logic: "QF_FD")
        interrupter = Z3Interrupter(context)
        emptyTable = TransitionTable(setting: setting, stateCount: setting.states, roundAware: roundAware)
        k = setting.states
        trueTerm = try context.mkBool(true)
        falseTerm = try context.mkBool(false)
        var bySenders: [Int: [Int]] = [:]
        for (o, observation) in emptyTable.space.observations.enumerated() {
            bySenders[setting.processes - 1 - observation.missing, default: []].append(o)
        }
        observationsBySenders = bySenders
        for v in 0..<setting.inputs { initial.append(try oneHot("init\(v)", count: k)) }
        for s in 0..<k { decide.append(try oneHot("decide\(s)", count: setting.decisions)) }
        vectors = initial
        guard breakSymmetry else { return }
        try solver.assert(initial[0][0])
        if initial.count > 1 && k > 2 { for s in 2..<k { try solver.assert(try context.mkNot(initial[1][s])) } }
    }

    /// `count` literals, exactly one of which is true; the literal at `negated` is the
    /// negation of a fresh variable (see `nextVector`).
    private func oneHot(_ prefix: String, count: Int, negated: Int? = nil) throws(Z3Error) -> [Z3AST] {
        let bool = context.boolSort()
        let vector = try (0..<count).map { i throws(Z3Error) in
            let variable = try context.mkFreshConst(prefix: "\(prefix)_\(i)", sort: bool)
            return i == negated ? try context.mkNot(variable) : variable
        }
        try solver.assert(try context.mkOr(vector))
        if count > 1 { try solver.assert(try context.mkAtMost(vector, 1)) }
        return vector
    }

    /// The one-hot vector of `next` entry `e`, created on first use. Its `self` literal (the
    /// entry keeps the own state) is the negation of a fresh variable: Z3's SAT solver tries
    /// variables false first, so its models prefer `self` wherever the constraints allow,
    /// which keeps proposed tables (and their compact rules) simple.
    private func nextVector(_ e: Int) throws(Z3Error) -> [Z3AST] {
        if let known = next[e] { return known }
        let vector = try oneHot("next\(e)", count: k, negated: emptyTable.informationSet(ofEntry: e).state)
        next[e] = vector
        return vector
    }

    private func vector(_ entry: TableEntry) throws(Z3Error) -> [Z3AST] {
        switch entry {
        case .initial(let v): return initial[v]
        case .decision(let s): return decide[s]
        case .send: preconditionFailure("ScheduleConstraints: TODO-ALPHABET send entries")
        case .next(let e): return try nextVector(e)
        }
    }

    /// Requires the spec to hold on `schedule` (see the type's discussion). `observed` is the
    /// outcome a candidate produced on it, excluded when there are too many vectors to enumerate.
    /// - Returns: false when no vector could be excluded (every vector holds or is unknown).
    func require(_ schedule: Execution, observed: Outcome, evaluator: SpecEvaluator) throws(Z3Error) -> Bool {
        let decisions: [[Z3AST]?]
        if let known = decisionTerms[schedule] {
            decisions = known
        } else {
            decisions = try encode(schedule)
            decisionTerms[schedule] = decisions
            schedules.append(schedule)
        }
        // Every process that decides in the schedule (faulty ones too under omission faults).
        let deciders = decisions.indices.filter { decisions[$0] != nil }
        let d = setting.decisions
        var vectorCount = 1
        for _ in deciders { vectorCount = vectorCount > Self.vectorLimit ? vectorCount : vectorCount * d }
        // The observed outcome's inputs, `correct` flags and `lost`, with the deciders' decisions.
        func outcome(_ vector: [Int]) -> Outcome {
            var processes = observed.processes
            for (i, p) in deciders.enumerated() { processes[p].decision = vector[i] }
            return Outcome(processes, lost: observed.lost)
        }
        func matches(_ vector: [Int]) throws(Z3Error) -> Z3AST {
            try context.mkAnd(deciders.indices.map { decisions[deciders[$0]]![vector[$0]] })
        }
        guard vectorCount <= Self.vectorLimit else {
            guard case .fails = evaluator.evaluate(observed) else { return false }
            try solver.assert(try context.mkNot(try matches(deciders.map { observed.processes[$0].decision })))
            return true
        }
        var allowed: [[Int]] = []
        var failing: [[Int]] = []
        var vector = [Int](repeating: 0, count: deciders.count)
        for _ in 0..<vectorCount {
            if case .fails = evaluator.evaluate(outcome(vector)) { failing.append(vector) } else { allowed.append(vector) }
            for i in vector.indices.reversed() {
                vector[i] += 1
                if vector[i] < d { break }
                vector[i] = 0
            }
        }
        guard !failing.isEmpty else { return false }
        if allowed.count <= failing.count {
            try solver.assert(try context.mkOr(try allowed.map { v throws(Z3Error) in try matches(v) }))
        } else {
            for v in failing { try solver.assert(try context.mkNot(try matches(v))) }
        }
        return true
    }

    /// Excludes exactly `table` (used when a schedule constraint cannot exclude it).
    func exclude(_ table: TransitionTable) throws(Z3Error) {
        try solver.assert(try context.mkNot(try matches(table)))
    }

    /// A Boolean that, assumed true, fixes `entry` to `value` (for `check(assumptions:)`; inert
    /// when not assumed): the entry's one-hot variable itself, so unsat cores name entries.
    /// - Precondition: `value` is in the entry's range.
    func assumption(_ entry: TableEntry, equals value: Int) throws(Z3Error) -> Z3AST {
        try vector(entry)[value]
    }

    /// The constraint "the candidate is `table`" (every entry equal).
    /// - Precondition: `table` is complete and has this encoding's shape.
    func matches(_ table: TransitionTable) throws(Z3Error) -> Z3AST {
        var equalities: [Z3AST] = []
        for v in initial.indices { equalities.append(initial[v][Int(table.initial[v])]) }
        for s in decide.indices { equalities.append(decide[s][Int(table.decision[s])]) }
        for e in table.next.indices { equalities.append(try nextVector(e)[Int(table.next[e])]) }
        return try context.mkAnd(equalities)
    }

    /// The complete table a model describes; entries no schedule reached (no variables yet)
    /// become 0. On every encoded schedule the result runs exactly as the model does.
    /// - Complexity: one model evaluation per variable.
    func table(from model: Z3Model) throws(Z3Error) -> TransitionTable {
        var t = emptyTable
        func value(_ vector: [Z3AST]) -> Int {
            vector.firstIndex { model.boolValue(of: $0) == true } ?? 0
        }
        for v in initial.indices { t.initial[v] = UInt8(value(initial[v])) }
        for s in decide.indices { t.decision[s] = Int8(value(decide[s])) }
        for e in t.next.indices { t.next[e] = UInt8(next[e].map(value) ?? 0) }
        return t
    }

    /// The id of the constant one-hot vector of state `m` (a Byzantine process's chosen
    /// message), created on first use.
    private func constant(_ m: Int) -> Int {
        if let known = constantIDs[m] { return known }
        vectors.append((0..<k).map { $0 == m ? trueTerm : falseTerm })
        constantIDs[m] = vectors.count - 1
        constantStates[vectors.count - 1] = m
        return vectors.count - 1
    }

    /// Symbolic run of `schedule` under the setting's adversary: the final decision one-hot
    /// vector of each process that decides (still running at the end: never crashed, not
    /// Byzantine). Who takes a step and what reaches it are `Adversary.arrivals` of each round,
    /// as in `Simulator.step`. Symbolic states are hash-consed: a state is identified by the
    /// step that made it (slot, own state, sorted multiset of the ids of what arrived — symbolic
    /// states and constants), so processes — in this schedule or any earlier one — that take
    /// the same step share one vector and one set of constraints. Sound because the new state
    /// is a function of exactly that key. A step whose observation the table cannot hold (one
    /// outside its observation space, where the simulator reports a gap) leaves the new state
    /// unconstrained, which excludes nothing.
    private func encode(_ schedule: Execution) throws(Z3Error) -> [[Z3AST]?] {
        let n = setting.processes
        let bool = context.boolSort()
        var faulty = adversary.initiallyFaulty(schedule)
        var running = adversary.initiallyRunning(faulty: faulty)
        // A state id per process: the `init` vector of its input (ids `0..<inputs`), none for a
        // Byzantine process.
        var states: [Int?] = schedule.inputs.indices.map { running[$0] ? schedule.inputs[$0] : nil }
        for (r, round) in schedule.rounds.enumerated() {
            let delivered = adversary.arrivals(round, running: running, faulty: faulty)
            var nextStates = [Int?](repeating: nil, count: n)
            for q in 0..<n where delivered.steps[q] && delivered.runningAfter[q] {
                guard let ownID = states[q] else { continue }
                // What arrived, as vector ids (a message from a process with no state carries
                // nothing, as in `Simulator.observation`).
                var senders: [Int] = []
                for arrival in delivered.received[q] {
                    switch arrival {
                    case .message(let p): if let id = states[p] { senders.append(id) }
                    case .forged(_, let m): senders.append(constant(m))
                    }
                }
                senders.sort()
                let key = StepKey(slot: emptyTable.roundAware ? r : 0, own: ownID, senders: senders)
                if let known = steps[key] {
                    nextStates[q] = known
                    continue
                }
                // exactly[s][c]: exactly c senders are in state s (the constants of state s
                // count for themselves; cardinality constraints range over the symbolic ones).
                let symbolic = senders.filter { constantStates[$0] == nil }
                var fixed = [Int](repeating: 0, count: k)
                for id in senders { if let m = constantStates[id] { fixed[m] += 1 } }
                var exactly: [[Z3AST]] = []
                for s in 0..<k {
                    let literals = symbolic.map { vectors[$0][s] }
                    exactly.append(try (0...senders.count).map { c throws(Z3Error) in
                        let free = c - fixed[s]
                        guard free >= 0 && free <= literals.count else { return falseTerm }
                        var parts: [Z3AST] = []
                        if free > 0 { parts.append(try context.mkAtLeast(literals, free)) }
                        if free < literals.count { parts.append(try context.mkAtMost(literals, free)) }
                        return parts.isEmpty ? trueTerm : try context.mkAnd(parts)
                    })
                }
                let moved = try (0..<k).map { s throws(Z3Error) in try context.mkFreshConst(prefix: "s\(r + 1)_\(s)", sort: bool) }
                let own = vectors[ownID]
                for o in observationsBySenders[senders.count] ?? [] {
                    let observation = emptyTable.space.observations[o]
                    // Fewer of a state than its constants: the observation cannot be made.
                    guard (0..<k).allSatisfy({ observation.heard($0) >= fixed[$0] }) else { continue }
                    let observed = try context.mkAnd(try (0..<k).map { s throws(Z3Error) in exactly[s][observation.heard(s)] })
                    for ownState in 0..<k {
                        let target = try nextVector(emptyTable.entryIndex(round: r + 1, state: ownState, observation: o))
                        let premise = try context.mkAnd([own[ownState], observed])
                        for s in 0..<k {
                            try solver.assert(try context.mkImplies(premise, try context.mkEq(moved[s], target[s])))
                        }
                    }
                }
                vectors.append(moved)
                steps[key] = vectors.count - 1
                nextStates[q] = vectors.count - 1
            }
            for p in 0..<n where running[p] && !delivered.runningAfter[p] { faulty[p] = true }
            running = delivered.runningAfter
            states = nextStates
        }
        return try states.map { final throws(Z3Error) in
            guard let final else { return nil }
            if let known = decisionsOf[final] { return known }
            let decided = try (0..<setting.decisions).map { d throws(Z3Error) in
                try context.mkFreshConst(prefix: "d_\(d)", sort: bool)
            }
            for s in 0..<k {
                for d in 0..<setting.decisions {
                    try solver.assert(try context.mkImplies(vectors[final][s], try context.mkEq(decided[d], decide[s][d])))
                }
            }
            decisionsOf[final] = decided
            return decided
        }
    }
}

import Game
import SpecLanguage
import Z3Kit

/// The tables that survive every counterexample seen so far, as Z3 constraints. The `cegis`
/// baseline asks it for whole candidates; GGMS's symbolic learning asks it, under a tree node's
/// assignment, whether any completion survives (`unsat`: the node is refuted, and the unsat
/// core names the assigned entries the refutation reads) and for one that does.
///
/// Variables: `init_v` and `decide_s` are integer constants; `next` is an uninterpreted function
/// `next(slot, own, heard_0, …, heard_{K-1})` (slot = round when the spec is round-aware, else 0),
/// so every information set of the table is one point of the function and a model gives a whole
/// table. Every value is constrained to its range where it is used.
///
/// A counterexample *schedule* (inputs, crashes, who hears each crasher) is encoded
/// symbolically: each survivor's state after each round is a fresh constant equal to `next` at
/// its symbolic observation (counts are sums of `ite(s_p = k, 1, 0)` over the processes it hears),
/// and the decisions of the correct processes are `decide` at their final states. The spec is
/// then required on that schedule: Z3 decides the spec on each possible vector of decisions of
/// the correct processes (through `SpecEvaluator`, the same queries the checker uses) and the
/// encoding allows exactly the vectors that do not fail. So a schedule rules out *every* table
/// that violates the spec on it, not only the candidate that did.
///
/// Soundness of `unsat`: every constraint holds for every correct table — range constraints
/// trivially; a schedule constraint excludes only decision vectors on which the spec is known to
/// fail (`unknown` vectors stay allowed); the optional symmetry constraints (`init_0 = 0`,
/// `init_1 <= 1`) keep at least one table of each state-renaming class. So `unsat` means no
/// protocol with `K` states in `R` rounds exists (under assumptions: none that agrees with
/// them) — unless `exclude` removed a table whose check was undecided, which the caller tracks.
final class ScheduleConstraints {
    /// Above this many decision vectors for one schedule, only the vector a candidate produced
    /// is excluded (still sound, and still excludes that candidate).
    static let vectorLimit = 4096

    let setting: Setting
    let context: Z3Context
    let solver: Z3Solver
    let interrupter: Z3Interrupter
    private let emptyTable: TransitionTable
    private let initial: [Z3AST]
    private let decide: [Z3AST]
    private let next: Z3FuncDecl
    private var literals: [Z3AST] = []
    /// Final decision terms per encoded schedule (nil for processes that crash).
    private var decisionTerms: [Execution: [Z3AST?]] = [:]
    /// Encoded schedules, oldest first.
    private(set) var schedules: [Execution] = []
    /// Assumption literals `a => (entry = value)`, by entry and value.
    private var assumptionLiterals: [TableEntry: [Int: Z3AST]] = [:]
    /// Schedules encoded so far.
    var scheduleCount: Int { decisionTerms.count }

    /// - Parameter breakSymmetry: assert `init_0 = 0` and `init_1 <= 1` (sound for whole-table
    ///   search; leave it off when checking under assumptions that name states freely).
    /// - Throws: `Z3Error` if Z3 fails (an engine bug or resource exhaustion).
    init(setting: Setting, roundAware: Bool, breakSymmetry: Bool = true) throws(Z3Error) {
        self.setting = setting
        let context = try Z3Context()
        self.context = context
        solver = try Z3Solver(context: context)
        interrupter = Z3Interrupter(context)
        emptyTable = TransitionTable(setting: setting, stateCount: setting.states, roundAware: roundAware)
        let int = context.intSort()
        var initial: [Z3AST] = []
        var decide: [Z3AST] = []
        for v in 0..<setting.inputs { initial.append(try context.mkConst("init_\(v)", sort: int)) }
        for s in 0..<setting.states { decide.append(try context.mkConst("decide_\(s)", sort: int)) }
        self.initial = initial
        self.decide = decide
        next = try context.mkFuncDecl(name: "next", domain: [Z3Sort](repeating: int, count: 2 + setting.states), range: int)
        for value in 0...max(setting.processes, setting.states, setting.decisions, setting.rounds) {
            literals.append(try context.mkInt(value))
        }
        for v in initial { try solver.assert(try context.mkInRange(v, 0..<setting.states)) }
        for d in decide { try solver.assert(try context.mkInRange(d, 0..<setting.decisions)) }
        guard breakSymmetry else { return }
        try solver.assert(try context.mkEq(initial[0], literals[0]))
        if initial.count > 1 { try solver.assert(try context.mkLe(initial[1], literals[1])) }
    }

    /// Requires the spec to hold on `schedule` (see the type's discussion). `observed` is the
    /// outcome a candidate produced on it, excluded when there are too many vectors to enumerate.
    /// - Returns: false when no vector could be excluded (every vector holds or is unknown).
    /// - Complexity: O(R · n² · K) terms plus `D^c` spec evaluations (`c` correct processes) and
    ///   up to `D^c / 2` vector constraints.
    func require(_ schedule: Execution, observed: Outcome, evaluator: SpecEvaluator) throws(Z3Error) -> Bool {
        let decisions: [Z3AST?]
        if let known = decisionTerms[schedule] {
            decisions = known
        } else {
            decisions = try encode(schedule)
            decisionTerms[schedule] = decisions
            schedules.append(schedule)
        }
        let correct = decisions.indices.filter { decisions[$0] != nil }
        let d = setting.decisions
        var vectorCount = 1
        for _ in correct { vectorCount = vectorCount > Self.vectorLimit ? vectorCount : vectorCount * d }
        func outcome(_ vector: [Int]) -> Outcome {
            var processes = observed.processes
            for (i, p) in correct.enumerated() { processes[p].decision = vector[i] }
            return Outcome(processes)
        }
        func matches(_ vector: [Int]) throws(Z3Error) -> Z3AST {
            try context.mkAnd(try correct.indices.map { i throws(Z3Error) in try context.mkEq(decisions[correct[i]]!, literals[vector[i]]) })
        }
        guard vectorCount <= Self.vectorLimit else {
            guard case .fails = evaluator.evaluate(observed) else { return false }
            try solver.assert(try context.mkNot(try matches(correct.map { observed.processes[$0].decision })))
            return true
        }
        var allowed: [[Int]] = []
        var failing: [[Int]] = []
        var vector = [Int](repeating: 0, count: correct.count)
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

    /// Excludes exactly `table` (used when a schedule constraint cannot exclude it). Every
    /// `next` point is range-constrained here too, so Z3 cannot dodge the exclusion with an
    /// out-of-range value at an unreached point that extraction would map back to `table`.
    func exclude(_ table: TransitionTable) throws(Z3Error) {
        for e in table.next.indices {
            try solver.assert(try context.mkInRange(try nextTerm(table.informationSet(ofEntry: e)), 0..<setting.states))
        }
        try solver.assert(try context.mkNot(try matches(table)))
    }

    /// A Boolean constant that, assumed true, fixes `entry` to `value` (for `check(assumptions:)`;
    /// it is inert when not assumed). Cached, so the same pair gives the same term.
    /// - Precondition: `value` is in the entry's range.
    func assumption(_ entry: TableEntry, equals value: Int) throws(Z3Error) -> Z3AST {
        if let known = assumptionLiterals[entry]?[value] { return known }
        let term: Z3AST
        switch entry {
        case .initial(let v): term = initial[v]
        case .decision(let s): term = decide[s]
        case .next(let e):
            term = try nextTerm(emptyTable.informationSet(ofEntry: e))
            try solver.assert(try context.mkInRange(term, 0..<setting.states))
        }
        let literal = try context.mkFreshConst(prefix: "fix", sort: context.boolSort())
        try solver.assert(try context.mkImplies(literal, try context.mkEq(term, literals[value])))
        assumptionLiterals[entry, default: [:]][value] = literal
        return literal
    }

    /// The constraint "the candidate is `table`" (every entry equal).
    /// - Precondition: `table` is complete and has this encoding's shape.
    func matches(_ table: TransitionTable) throws(Z3Error) -> Z3AST {
        var equalities: [Z3AST] = []
        for v in initial.indices { equalities.append(try context.mkEq(initial[v], literals[Int(table.initial[v])])) }
        for s in decide.indices { equalities.append(try context.mkEq(decide[s], literals[Int(table.decision[s])])) }
        for e in table.next.indices {
            equalities.append(try context.mkEq(try nextTerm(table.informationSet(ofEntry: e)), literals[Int(table.next[e])]))
        }
        return try context.mkAnd(equalities)
    }

    /// The complete table a model describes; values the model leaves free or out of range
    /// (points no schedule reaches, so no range constraint applies) become 0. On every encoded
    /// schedule the result runs exactly as the model does (reached points are range-constrained).
    /// - Complexity: one model evaluation per entry.
    func table(from model: Z3Model) throws(Z3Error) -> TransitionTable {
        var t = emptyTable
        func value(_ term: Z3AST, below bound: Int) -> Int {
            guard let v = model.intValue(of: term), (0..<bound).contains(v) else { return 0 }
            return v
        }
        for v in initial.indices { t.initial[v] = UInt8(value(initial[v], below: setting.states)) }
        for s in decide.indices { t.decision[s] = Int8(value(decide[s], below: setting.decisions)) }
        for e in t.next.indices {
            t.next[e] = UInt8(value(try nextTerm(t.informationSet(ofEntry: e)), below: setting.states))
        }
        return t
    }

    private func nextTerm(_ info: InformationSet) throws(Z3Error) -> Z3AST {
        let arguments = [literals[info.round ?? 0], literals[info.state]] + (0..<setting.states).map { literals[info.observation.heard($0)] }
        return try context.apply(next, arguments)
    }

    /// Symbolic run of `schedule`: the final decision term of each process that never crashes.
    private func encode(_ schedule: Execution) throws(Z3Error) -> [Z3AST?] {
        let n = setting.processes
        let k = setting.states
        var states: [Z3AST?] = schedule.inputs.map { initial[$0] }
        for (r, round) in schedule.rounds.enumerated() {
            let crashers = Set(round.crashes.map(\.process))
            var indicator: [[Z3AST]] = []
            for p in 0..<n {
                guard let s = states[p] else { indicator.append([]); continue }
                indicator.append(try (0..<k).map { j throws(Z3Error) in
                    try context.mkIte(try context.mkEq(s, literals[j]), literals[1], literals[0])
                })
            }
            var nextStates = [Z3AST?](repeating: nil, count: n)
            for q in 0..<n where states[q] != nil && !crashers.contains(q) {
                let senders = (0..<n).filter { $0 != q && states[$0] != nil && !crashers.contains($0) }
                    + round.crashes.filter { $0.receivers.contains(q) }.map(\.process)
                let heard = try (0..<k).map { j throws(Z3Error) in try context.mkAdd(senders.map { indicator[$0][j] }) }
                let slot = emptyTable.roundAware ? literals[r + 1] : literals[0]
                let moved = try context.apply(next, [slot, states[q]!] + heard)
                let state = try context.mkFreshConst(prefix: "s\(r + 1)_\(q)", sort: context.intSort())
                try solver.assert(try context.mkEq(state, moved))
                try solver.assert(try context.mkInRange(state, 0..<k))
                nextStates[q] = state
            }
            states = nextStates
        }
        return try states.map { final throws(Z3Error) in
            guard let final else { return nil }
            var term = decide[k - 1]
            for j in (0..<(k - 1)).reversed() { term = try context.mkIte(try context.mkEq(final, literals[j]), decide[j], term) }
            return term
        }
    }
}

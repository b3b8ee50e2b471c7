import Game
import SpecLanguage
import Z3Kit

/// The tables that survive every counterexample seen so far, as Z3 constraints. The `cegis`
/// baseline asks it for whole candidates; GGMS's symbolic learning asks it, under a tree node's
/// assignment, whether any completion survives (`unsat`: the node is refuted, and the unsat
/// core names the assigned entries the refutation reads) and for one that does.
///
/// Variables (propositional, so Z3's incremental SAT solver does the work): every table entry
/// is one-hot — `x[e][k]` is "entry `e` holds action `k`", exactly one true per entry: `init`
/// over the `K` states, `send` over the `M` messages (only under `:messages M`; without an
/// alphabet `send` is the identity and has no variables), `decide` over the `D` decisions (`D + 1`
/// under early decision, the last being "does not decide"), `next` over the states. `next`
/// entries are created when a schedule first reaches them, so an entry no schedule reaches is
/// free (and a model leaves it at 0).
///
/// A counterexample *schedule* (an `Execution`: inputs, the faulty set, and per round what the
/// adversary did — crashes, dropped, lost and Byzantine messages) is encoded symbolically under
/// the setting's fault model: each process's state after each round is a fresh one-hot vector
/// (`definedVector`: with two states one variable and its negation, with one the constant true).
/// Who takes a step and what reaches it come from the adversary (`Adversary.arrivals`), which
/// fixes them for the schedule: a sender's own message is the message of its symbolic state —
/// the state vector itself without an alphabet, else a one-hot vector over the `M` messages
/// tied to the state by the `send` entries (`state = s` implies `message = send(s)`) — a message
/// a Byzantine process chose is a constant one-hot vector over the alphabet, and a process that
/// takes no step (a crasher, a Byzantine process — which has no state from round 0) keeps
/// nothing. Its observation is determined by what reached it: `heard(m) = c` is a cardinality
/// constraint over the symbolic senders' `message = m` literals (shifted by the constants for
/// `m`), and for each own state `s` and observation `o` the new state equals `next(s, o)`'s
/// one-hot vector. Under identities the table is by sender (`StrategySpace`): process `q` uses
/// the row of its own index, and "the observation is `o`" is the conjunction, over each other
/// process `j` from which a symbolic message arrived, of "`j`'s message is `o`'s digit for `j`"
/// (nothing arrived and a Byzantine constant fix their digit), instead of the cardinality
/// constraints (`ScheduleConstraints+BySender.swift`). The symmetry constraints below rename
/// states and messages only, so they hold by sender as well.
///
/// Decisions (`DecisionRecord` is the semantics). Without early decision, the processes that
/// decide in the schedule — every process still running at the end: the correct ones, and the
/// faulty ones under omission faults — decide `decide` of their final states at round `R`.
/// Under early decision every process that has a state (all but the Byzantine ones) has, per
/// round, a symbolic history: "not decided yet", or "decided `d` at round `j`" — it decides the
/// first time its state (after `init`, round 0, or after its step of round `j`) decides, keeps
/// that decision afterwards, and a crasher keeps what it had decided when it stopped; its
/// outcome is the history at its last state. The spec is then required on that schedule: Z3
/// decides the spec on each possible vector of those outcomes (through `SpecEvaluator`, the same
/// queries the checker uses; `correct` and `lost` are the schedule's own) and the encoding
/// allows exactly the vectors that do not fail. A process's possible outcomes are its decisions
/// (with round `R`) without early decision; under it, "never decides" and every decision at
/// every round it could decide in — or, when the spec does not read `decision-round` (it reads
/// none of the derived vocabulary), only "never" and the decision values, each the disjunction
/// over the rounds (the evaluator then does not look at the rounds, so this is exact). So a
/// schedule rules out *every* table that violates the spec on it, not only the candidate that
/// did. Under crash faults without alphabet or early decision no constants arise and the
/// constraints say what the crash-only encoding this generalizes said.
///
/// Soundness of `unsat`: every constraint holds for every correct table — one-hotness
/// trivially; a schedule's run is the simulator's (`Simulator.step`) for every table, since who
/// receives what does not depend on the table, only the states carried (and the messages they
/// send) do; a schedule constraint excludes only outcome vectors on which the spec is known to
/// fail (`unknown` vectors stay allowed); the optional symmetry constraints (`init_0 = 0`,
/// `init_1 <= 1`, and with an alphabet `send_0 = 0`) keep at least one table of each renaming
/// class: the correct tables are closed under renaming states (`init` targets, the domains of
/// `send` and `decide`, `next`'s own states and targets; observations count messages, which
/// are renamed with the states only without an alphabet, and a Byzantine message with them) and,
/// with an alphabet, under renaming messages independently (`send`'s values, the observations
/// of `next`, Byzantine messages) — no spec reads a state or a message. Renaming states first
/// makes `init_0 = 0` and `init_1 <= 1`, then renaming messages makes `send_0 = 0` without
/// touching `init`. So `unsat` means no protocol with `K` states (and `M` messages) in `R`
/// rounds exists (under assumptions: none that agrees with them) — unless `exclude` removed a
/// table whose check was undecided, which the caller tracks.
/// Cost per schedule: `O(R · n · K · (K − 1) · |observations with that many senders|)` clauses
/// plus the cardinality constraints of `M − 1` messages (by sender: `O(R · n · K · (K − 1) · M^s)`
/// clauses for `s` symbolic senders) (and `2 · K · (M − 1)` clauses per sending symbolic state
/// with an alphabet),
/// `o^d` spec evaluations (`d` processes that may decide: `n` under omission faults and early
/// decision; `o` outcomes each: `D`, or under early decision `1 + D` or `1 + D · (R + 1)` when
/// the spec reads decision rounds) and up to `o^d / 2` vector clauses.
final class ScheduleConstraints {
    /// Above this many outcome vectors for one schedule, only the vector a candidate produced
    /// is excluded (still sound, and still excludes that candidate).
    static let vectorLimit = 4096

    let setting: Setting
    let context: Z3Context
    let solver: Z3Solver
    let interrupter: Z3Interrupter
    /// The table's shape (counted, or by sender under identities).
    let emptyTable: TransitionTable
    let k: Int
    /// Messages `M` (`K` without an alphabet).
    let m: Int
    /// Actions of a `decide` entry: `D`, or `D + 1` under early decision.
    private let decideActions: Int
    /// One-hot variables of `init`, `send` (empty without an alphabet), `decide` and (created
    /// on demand) `next` entries.
    private var initial: [[Z3AST]] = []
    private var send: [[Z3AST]] = []
    private var decide: [[Z3AST]] = []
    private var next: [Int: [Z3AST]] = [:]
    let trueTerm: Z3AST
    let falseTerm: Z3AST
    /// The adversary of the setting (who receives what in a schedule).
    private let adversary: Adversary
    /// Observation indices by number of senders (`n - 1 - missing`); counted tables only.
    private let observationsBySenders: [Int: [Int]]
    /// Symbolic states (one-hot over the states) and constant messages (one-hot over the
    /// messages) by id; ids `0..<inputs` are the `init` entries.
    private var vectors: [[Z3AST]] = []
    /// Ids of the constant one-hot vectors (a message a Byzantine process chose), by message;
    /// created on first use, so only Byzantine schedules add any.
    private var constantIDs: [Int: Int] = [:]
    /// The message of each constant vector, by id.
    private(set) var constantMessages: [Int: Int] = [:]
    /// With an alphabet: the message one-hot vector of a symbolic state, by state id.
    private var messagesOf: [Int: [Z3AST]] = [:]
    /// The own state a symbolic state stepped from, by id (none for `init` states): a state's
    /// id determines its whole path, since the own state is part of the step's key.
    private var parentOf: [Int: Int] = [:]
    /// The state a step makes, by its key (see `encode`).
    private struct StepKey: Hashable {
        var slot: Int
        var own: Int
        /// The receiver's index for a table by sender (its row), 0 for a counted table.
        var id: Int
        /// Counted: what arrived, sorted; by sender: per other process, in increasing index,
        /// what arrived from it or -1.
        var senders: [Int]
    }
    private var steps: [StepKey: Int] = [:]
    /// `decide` action one-hot vector of a symbolic state, by state id (`D` entries, `D + 1`
    /// under early decision).
    private var decisionsOf: [Int: [Z3AST]] = [:]
    /// Early decision: the decision history of a symbolic state's path, by state id.
    private var historyOf: [Int: History] = [:]
    /// Per encoded schedule, per process: its possible outcomes (nil for a process that never
    /// decides whatever the table: crashed without early decision, or Byzantine).
    private var outcomeTerms: [Execution: [[Choice]?]] = [:]
    /// Encoded schedules, oldest first.
    private(set) var schedules: [Execution] = []
    /// The first schedule on which the spec fails whatever every process that decides there
    /// decides (every outcome vector fails; none is unknown): no protocol of any number of
    /// states satisfies the spec in this game. Nil when no such schedule was required.
    private(set) var failsForEveryProtocol: Execution?

    /// One possible outcome of a process: its decision and decision round (both
    /// `ProcessOutcome.noDecision` for "never decides"), and the literal that says it is this one.
    private struct Choice {
        var decision: Int
        var round: Int
        var literal: Z3AST
    }

    /// Early decision, after the last state of a path: `undecided` — no state on the path
    /// decided; `decided[j][d]` — the first deciding state was the one after round `j` (0: after
    /// `init`), with decision `d`. Exactly one of these holds.
    private struct History {
        var undecided: Z3AST
        var decided: [[Z3AST]]
    }

    /// - Parameters:
    ///   - breakSymmetry: assert `init_0 = 0`, `init_1 <= 1` and with an alphabet `send_0 = 0`
    ///     (sound for whole-table search; leave it off when checking under assumptions that
    ///     name states freely).
    ///   - bySender: whether the table is by sender (its `next` reads `id` and who sent what);
    ///     nil: under `setting.identities`, as the search's tables (`StrategySpace`).
    /// - Throws: `Z3Error` if Z3 fails (an engine bug or resource exhaustion).
    init(setting: Setting, roundAware: Bool, breakSymmetry: Bool = true, bySender: Bool? = nil) throws(Z3Error) {
        self.setting = setting
        let context = try Z3Context()
        self.context = context
        solver = try Z3Solver(context: context, logic: "QF_FD")
        interrupter = Z3Interrupter(context)
        emptyTable = TransitionTable(setting: setting, stateCount: setting.states, roundAware: roundAware,
                                     messageCount: setting.messages, bySender: bySender ?? setting.identities)
        k = setting.states
        m = emptyTable.messageCount
        adversary = Adversary(setting, messageCount: m)
        decideActions = emptyTable.actionCount(of: .decision(state: 0))
        trueTerm = try context.mkBool(true)
        falseTerm = try context.mkBool(false)
        var bySenders: [Int: [Int]] = [:]
        for o in 0..<emptyTable.space.count where !emptyTable.bySender {
            let observation = emptyTable.space.observation(at: o, id: 0)
            bySenders[setting.processes - 1 - observation.missing, default: []].append(o)
        }
        observationsBySenders = bySenders
        for v in 0..<setting.inputs { initial.append(try oneHot("init\(v)", count: k)) }
        if emptyTable.hasAlphabet {
            for s in 0..<k { send.append(try oneHot("send\(s)", count: m)) }
        }
        for s in 0..<k { decide.append(try oneHot("decide\(s)", count: decideActions)) }
        vectors = initial
        guard breakSymmetry else { return }
        try solver.assert(initial[0][0])
        if initial.count > 1 && k > 2 { for s in 2..<k { try solver.assert(try context.mkNot(initial[1][s])) } }
        if !send.isEmpty { try solver.assert(send[0][0]) }
    }

    /// `count` literals, exactly one of which is true; the literal at `negated` is the
    /// negation of a fresh variable (see `nextVector`).
    func oneHot(_ prefix: String, count: Int, negated: Int? = nil) throws(Z3Error) -> [Z3AST] {
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
    func nextVector(_ e: Int) throws(Z3Error) -> [Z3AST] {
        if let known = next[e] { return known }
        let vector = try oneHot("next\(e)", count: k, negated: emptyTable.informationSet(ofEntry: e).state)
        next[e] = vector
        return vector
    }

    private func vector(_ entry: TableEntry) throws(Z3Error) -> [Z3AST] {
        switch entry {
        case .initial(let v): return initial[v]
        case .decision(let s): return decide[s]
        case .send(let s):
            precondition(!send.isEmpty, "ScheduleConstraints: send entries exist only with a message alphabet")
            return send[s]
        case .next(let e): return try nextVector(e)
        }
    }

    /// Whether `schedule` is already required (or encoded).
    func knows(_ schedule: Execution) -> Bool { outcomeTerms[schedule] != nil }

    /// Requires the spec to hold on `schedule` (see the type's discussion). `observed` is the
    /// outcome a candidate produced on it, excluded when there are too many vectors to enumerate.
    /// With `guardedBy`, the requirement holds only when that literal is true (an assumption
    /// names the schedule in an unsat core); the schedule's run itself only defines fresh
    /// state variables, so it needs no guard.
    /// - Returns: false when no vector could be excluded (every vector holds or is unknown).
    func require(_ schedule: Execution, observed: Outcome, evaluator: SpecEvaluator,
                 guardedBy guardLiteral: Z3AST? = nil) throws(Z3Error) -> Bool {
        func assert(_ term: Z3AST) throws(Z3Error) {
            try solver.assert(try guardLiteral.map { g throws(Z3Error) in try context.mkImplies(g, term) } ?? term)
        }
        let encoded: [[Choice]?]
        if let known = outcomeTerms[schedule] {
            encoded = known
        } else {
            encoded = try encode(schedule)
            outcomeTerms[schedule] = encoded
            schedules.append(schedule)
        }
        // A spec that reads no derived term cannot see decision rounds: one choice per value.
        let choices = setting.earlyDecision && !evaluator.spec.readsDerived
            ? try encoded.map { c throws(Z3Error) in try c.map(collapsingRounds) } : encoded
        // Every process that may decide in the schedule (faulty ones too under omission faults,
        // and crashed ones under early decision).
        let deciders = choices.indices.filter { choices[$0] != nil }
        var vectorCount = 1
        for p in deciders {
            vectorCount = vectorCount > Self.vectorLimit ? vectorCount : vectorCount * choices[p]!.count
        }
        // The observed outcome's inputs, `correct` flags and `lost`, with the deciders' choices.
        func outcome(_ vector: [Int]) -> Outcome {
            var processes = observed.processes
            for (i, p) in deciders.enumerated() {
                let choice = choices[p]![vector[i]]
                processes[p] = ProcessOutcome(input: processes[p].input, correct: processes[p].correct,
                                              decision: choice.decision, decisionRound: choice.round)
            }
            return Outcome(processes, lost: observed.lost)
        }
        func matches(_ vector: [Int]) throws(Z3Error) -> Z3AST {
            try context.mkAnd(deciders.indices.map { choices[deciders[$0]]![vector[$0]].literal })
        }
        guard vectorCount <= Self.vectorLimit else {
            guard case .fails = evaluator.evaluate(observed) else { return false }
            // The observed outcome's choice per decider (rounds ignored when collapsed).
            var vector: [Int] = []
            for p in deciders {
                let seen = observed.processes[p]
                guard let i = choices[p]!.firstIndex(where: {
                    $0.decision == seen.decision && ($0.round == seen.decisionRound || !setting.earlyDecision || !evaluator.spec.readsDerived)
                }) else { return false }
                vector.append(i)
            }
            try assert(try context.mkNot(try matches(vector)))
            return true
        }
        var allowed: [[Int]] = []
        var failing: [[Int]] = []
        var vector = [Int](repeating: 0, count: deciders.count)
        for _ in 0..<vectorCount {
            if case .fails = evaluator.evaluate(outcome(vector)) { failing.append(vector) } else { allowed.append(vector) }
            for i in vector.indices.reversed() {
                vector[i] += 1
                if vector[i] < choices[deciders[i]]!.count { break }
                vector[i] = 0
            }
        }
        guard !failing.isEmpty else { return false }
        if allowed.isEmpty, failsForEveryProtocol == nil { failsForEveryProtocol = schedule }
        if allowed.count <= failing.count {
            try assert(try context.mkOr(try allowed.map { v throws(Z3Error) in try matches(v) }))
        } else {
            for v in failing { try assert(try context.mkNot(try matches(v))) }
        }
        return true
    }

    /// The choices with decision rounds merged: "never", then each decision at any round (the
    /// disjunction of its rounds' literals), rounds set to `R` (unread by the spec).
    private func collapsingRounds(_ choices: [Choice]) throws(Z3Error) -> [Choice] {
        var merged: [Choice] = []
        for d in [ProcessOutcome.noDecision] + Array(0..<setting.decisions) {
            let literals = choices.filter { $0.decision == d }.map(\.literal)
            guard !literals.isEmpty else { continue }
            let round = d == ProcessOutcome.noDecision ? ProcessOutcome.noDecision : setting.rounds
            merged.append(Choice(decision: d, round: round, literal: literals.count == 1 ? literals[0] : try context.mkOr(literals)))
        }
        return merged
    }

    /// Excludes exactly `table` (used when a schedule constraint cannot exclude it).
    func exclude(_ table: TransitionTable) throws(Z3Error) {
        try solver.assert(try context.mkNot(try matches(table)))
    }

    /// A Boolean that, assumed true, fixes `entry` to `value` (for `check(assumptions:)`; inert
    /// when not assumed): the entry's one-hot variable itself, so unsat cores name entries.
    /// - Precondition: `value` is in the entry's range (`TableEntry` actions: for `decide`
    ///   under early decision, `D` is "does not decide"); `send` entries only with an alphabet.
    func assumption(_ entry: TableEntry, equals value: Int) throws(Z3Error) -> Z3AST {
        try vector(entry)[value]
    }

    /// The constraint "the candidate is `table`" (every entry equal).
    /// - Precondition: `table` is complete and has this encoding's shape.
    func matches(_ table: TransitionTable) throws(Z3Error) -> Z3AST {
        var equalities: [Z3AST] = []
        for v in initial.indices { equalities.append(initial[v][Int(table.initial[v])]) }
        for s in send.indices { equalities.append(send[s][Int(table.send[s])]) }
        for s in decide.indices { equalities.append(decide[s][table.action(at: .decision(state: s))!]) }
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
        for s in send.indices { t.send[s] = UInt8(value(send[s])) }
        for s in decide.indices { t.set(.decision(state: s), to: value(decide[s])) }
        for e in t.next.indices { t.next[e] = UInt8(next[e].map(value) ?? 0) }
        return t
    }

    /// The id of the constant one-hot vector of message `message` (a Byzantine process's
    /// chosen message), created on first use.
    private func constant(_ message: Int) -> Int {
        if let known = constantIDs[message] { return known }
        vectors.append((0..<m).map { $0 == message ? trueTerm : falseTerm })
        constantIDs[message] = vectors.count - 1
        constantMessages[vectors.count - 1] = message
        return vectors.count - 1
    }

    /// The message one-hot vector of symbolic state `id`: the state vector itself without an
    /// alphabet; with one, a fresh `definedVector` tied to it by `state = s => message = send(s)`
    /// (created on first use; exactly one is true since exactly one state is).
    func messageVector(_ id: Int) throws(Z3Error) -> [Z3AST] {
        guard !send.isEmpty else { return vectors[id] }
        if let known = messagesOf[id] { return known }
        let message = try definedVector("msg", count: m)
        for s in 0..<k { try tie(message, to: send[s], when: vectors[id][s]) }
        messagesOf[id] = message
        return message
    }

    /// The `decide` action one-hot vector of symbolic state `id` (created on first use).
    private func decisionVector(_ id: Int) throws(Z3Error) -> [Z3AST] {
        if let known = decisionsOf[id] { return known }
        let decided = try definedVector("d", count: decideActions)
        for s in 0..<k { try tie(decided, to: decide[s], when: vectors[id][s]) }
        decisionsOf[id] = decided
        return decided
    }

    /// Early decision: the history of the path ending in symbolic state `id` (see `History`);
    /// built from its parent's, so processes sharing a path prefix share its terms.
    private func history(_ id: Int) throws(Z3Error) -> History {
        if let known = historyOf[id] { return known }
        let d = setting.decisions
        let actions = try decisionVector(id)
        let result: History
        if let parent = parentOf[id] {
            let before = try history(parent)
            result = History(undecided: try context.mkAnd([before.undecided, actions[d]]),
                             decided: before.decided + [try (0..<d).map { v throws(Z3Error) in try context.mkAnd([before.undecided, actions[v]]) }])
        } else {
            result = History(undecided: actions[d], decided: [Array(actions[0..<d])])
        }
        historyOf[id] = result
        return result
    }

    /// Symbolic run of `schedule` under the setting's adversary: each process's possible
    /// outcomes (nil for one that never decides whatever the table). Who takes a step and what
    /// reaches it are `Adversary.arrivals` of each round, as in `Simulator.step`. Symbolic states
    /// are hash-consed: a state is identified by the step that made it — slot, own state, and
    /// for a counted table the sorted multiset of the ids of what arrived (symbolic states and
    /// constants), for a table by sender the receiver's index and, per other process in
    /// increasing index, the id of what arrived from it or none — so processes (in this
    /// schedule or any earlier one) that take the same step share one vector and one set of
    /// constraints. Sound because the new state is a function of exactly that key (a sender's
    /// message is a function of its state; a counted table reads only how many of each message
    /// arrived, a table by sender its row `id` and who sent what). A step whose observation the
    /// table cannot hold (one outside its observation space, where the simulator reports a gap;
    /// the adversary makes none) leaves the new state free (one-hot, `definedVector`), which
    /// excludes nothing.
    private func encode(_ schedule: Execution) throws(Z3Error) -> [[Choice]?] {
        let n = setting.processes
        var faulty = adversary.initiallyFaulty(schedule)
        var running = adversary.initiallyRunning(faulty: faulty)
        // A state id per process: the `init` vector of its input (ids `0..<inputs`), none for a
        // Byzantine process.
        var states: [Int?] = schedule.inputs.indices.map { running[$0] ? schedule.inputs[$0] : nil }
        // The last state each process had (a crasher keeps the one it stopped in).
        var last = states
        for (r, round) in schedule.rounds.enumerated() {
            let delivered = adversary.arrivals(round, running: running, faulty: faulty)
            var nextStates = [Int?](repeating: nil, count: n)
            for q in 0..<n where delivered.steps[q] && delivered.runningAfter[q] {
                guard let ownID = states[q] else { continue }
                // What arrived, as vector ids per sender (a message from a process with no
                // state carries nothing, as in `Simulator.observation`); -1 for nothing.
                var from = [Int](repeating: -1, count: n)
                for arrival in delivered.received[q] {
                    switch arrival {
                    case .message(let p): if let id = states[p] { from[p] = id }
                    case .forged(let p, let message): from[p] = constant(message)
                    }
                }
                let slot = emptyTable.roundAware ? r : 0
                let key = emptyTable.bySender
                    ? StepKey(slot: slot, own: ownID, id: q, senders: (0..<n).filter { $0 != q }.map { from[$0] })
                    : StepKey(slot: slot, own: ownID, id: 0, senders: from.filter { $0 >= 0 }.sorted())
                if let known = steps[key] {
                    nextStates[q] = known
                    continue
                }
                let moved = try definedVector("s\(r + 1)", count: k)
                if emptyTable.bySender {
                    try constrainStepBySender(round: r + 1, id: q, own: vectors[ownID], senders: key.senders, moved: moved)
                } else {
                    try constrainCountedStep(round: r + 1, id: q, own: vectors[ownID], senders: key.senders, moved: moved)
                }
                vectors.append(moved)
                steps[key] = vectors.count - 1
                parentOf[vectors.count - 1] = ownID
                nextStates[q] = vectors.count - 1
            }
            for p in 0..<n where running[p] && !delivered.runningAfter[p] { faulty[p] = true }
            running = delivered.runningAfter
            states = nextStates
            for p in 0..<n where states[p] != nil { last[p] = states[p] }
        }
        guard setting.earlyDecision else {
            return try states.map { final throws(Z3Error) in
                guard let final else { return nil }
                return try decisionVector(final).enumerated().map { Choice(decision: $0, round: setting.rounds, literal: $1) }
            }
        }
        return try last.map { final throws(Z3Error) in
            guard let final else { return nil }
            let h = try history(final)
            var choices = [Choice(decision: ProcessOutcome.noDecision, round: ProcessOutcome.noDecision, literal: h.undecided)]
            for (round, literals) in h.decided.enumerated() {
                for (d, literal) in literals.enumerated() { choices.append(Choice(decision: d, round: round, literal: literal)) }
            }
            return choices
        }
    }
    /// A counted table's step: `moved` (the new state) is `next(own, o)` for the observation `o`
    /// that counts the messages of `senders` (vector ids, sorted: symbolic states and
    /// constants). `heard(m) = c` is a cardinality constraint over the symbolic senders'
    /// `message = m` literals, shifted by the constants of `m`, for every message but the last:
    /// every sender sends exactly one message (a one-hot message vector, or a constant) and
    /// the observations with this many senders have counts summing to it, so the last count
    /// follows from the others.
    private func constrainCountedStep(round: Int, id q: Int, own: [Z3AST], senders: [Int], moved: [Z3AST]) throws(Z3Error) {
        // exactly[i][c]: exactly c senders send message i (the constants of message i
        // count for themselves; cardinality constraints range over the symbolic ones).
        let symbolic = senders.filter { constantMessages[$0] == nil }
        let symbolicMessages = try symbolic.map { id throws(Z3Error) in try messageVector(id) }
        var fixed = [Int](repeating: 0, count: m)
        for id in senders { if let message = constantMessages[id] { fixed[message] += 1 } }
        var exactly: [[Z3AST]] = []
        for i in 0..<m - 1 {
            let literals = symbolicMessages.map { $0[i] }
            exactly.append(try (0...senders.count).map { c throws(Z3Error) in
                let free = c - fixed[i]
                guard free >= 0 && free <= literals.count else { return falseTerm }
                var parts: [Z3AST] = []
                if free > 0 { parts.append(try context.mkAtLeast(literals, free)) }
                if free < literals.count { parts.append(try context.mkAtMost(literals, free)) }
                return parts.isEmpty ? trueTerm : try context.mkAnd(parts)
            })
        }
        for o in observationsBySenders[senders.count] ?? [] {
            let observation = emptyTable.space.observation(at: o, id: q)
            // Fewer of a message than its constants: the observation cannot be made.
            guard (0..<m).allSatisfy({ observation.heard($0) >= fixed[$0] }) else { continue }
            let observed = try context.mkAnd(try (0..<m - 1).map { i throws(Z3Error) in exactly[i][observation.heard(i)] })
            for ownState in 0..<k {
                let target = try nextVector(emptyTable.entryIndex(round: round, id: q, state: ownState, observation: o))
                try tie(moved, to: target, when: try context.mkAnd([own[ownState], observed]))
            }
        }
    }
}

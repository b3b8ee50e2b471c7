import Checking
import Foundation
import Game
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Search

/// The schedule encoding (`ScheduleConstraints`) with message alphabets (`:messages M`: the
/// table's `send` is part of the search) and early decision (`decide` may leave states
/// undecided; the spec may read decision rounds), against the simulator under every fault
/// model: a table is consistent with the constraints of some schedules exactly when its
/// simulated outcome on each of them satisfies the spec. These tests need no checker.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ScheduleConstraintsAlphabetTests {
    /// How a spec reads the outcome: decision rounds (the derived vocabulary: every decision
    /// round is a separate outcome), or decisions only (no derived term: rounds merged).
    enum Reading: String, Sendable { case rounds, decisions }

    /// A spec at `n = 3, f = 1, R = 2` with 2 inputs and decisions that random tables pass and
    /// fail about equally often.
    static func spec(_ model: FaultKind, losses: Int, states: Int, messages: Int?, early: Bool, reading: Reading) -> String {
        let header = """
            (set-info :processes 3)
            (set-info :faulty 1)
            (set-info :faults \(model.name))
            (set-info :losses \(losses))
            (set-info :rounds 2)
            (set-info :inputs 2)
            (set-info :decisions 2)
            (set-info :states \(states))
            \(messages.map { "(set-info :messages \($0))" } ?? "")
            (set-info :early-decision \(early))

            """
        switch reading {
        case .rounds:
            // Deciders agree unless everyone who decided did so by round faults + 1, and a
            // decision at round 0 is the process's input.
            return header + """
                (define-fun deciders-agree () Bool
                  (forall ((i Proc) (j Proc)) (=> (and (decided i) (decided j)) (= (decision i) (decision j)))))
                (define-fun prompt () Bool
                  (forall ((i Proc)) (=> (decided i) (<= (decision-round i) (+ faults 1)))))
                (assert (or deciders-agree prompt))
                (assert (forall ((i Proc)) (=> (= (decision-round i) 0) (= (decision i) (input i)))))

                """
        case .decisions:
            // Validity among correct processes (a correct process that never decides fails it
            // when the inputs agree), without the derived vocabulary.
            return header + TestSpecs.validity + "\n(assert validity)\n"
        }
    }

    struct Case: CustomStringConvertible, Sendable {
        var model: FaultKind
        var losses = 0
        var states = 3
        var messages: Int? = 2
        var early = true
        var reading = Reading.rounds
        var roundAware = false
        var description: String {
            "\(model.name) L=\(losses) K=\(states) M=\(messages.map(String.init) ?? "states")\(early ? " early" : "") reads \(reading.rawValue)\(roundAware ? " round-aware" : "")"
        }
    }

    static let cases: [Case] = FaultKind.allCases.flatMap { model in
        [Case(model: model),
         Case(model: model, reading: .decisions, roundAware: true),
         Case(model: model, messages: nil, reading: .rounds),
         Case(model: model, losses: 1, early: false, reading: .decisions)]
    }

    /// Case `index`, its setting and its evaluator.
    static func prepare(_ index: Int) throws -> (Case, Setting, SpecEvaluator) {
        let c = cases[index]
        let spec = try Spec.parse(Self.spec(c.model, losses: c.losses, states: c.states, messages: c.messages, early: c.early,
                                            reading: c.reading), file: "s.smt2")
        var setting = spec.setting
        setting.roundAware = c.roundAware
        #expect(spec.readsDerived == (c.reading == .rounds))
        return (c, setting, try SpecEvaluator(spec: spec))
    }

    static func randomTable(_ c: Case, _ setting: Setting, using rng: inout SplitMix64) -> TransitionTable {
        RandomTables.make(setting, stateCount: c.states, roundAware: c.roundAware, messageCount: c.messages, using: &rng)
    }

    static func outcome(_ table: TransitionTable, _ execution: Execution) throws -> Outcome {
        Simulator.outcome(table, execution, try Simulator.run(table, execution))
    }

    static func accepts(_ encoding: ScheduleConstraints, _ table: TransitionTable) throws -> Bool {
        encoding.solver.check(assumptions: [try encoding.matches(table)]) == .sat
    }

    /// One schedule per encoding; every table is judged against that schedule alone.
    @Test(arguments: cases.indices)
    func oneScheduleAgreesWithTheSimulator(_ index: Int) throws {
        let (c, setting, evaluator) = try Self.prepare(index)
        let m = c.messages ?? c.states
        var rng = SplitMix64(seed: UInt64(300 + index))
        var seen = (holds: 0, fails: 0)
        for _ in 0..<12 {
            let schedule = ScheduleConstraintsFaultModelTests.randomExecution(setting, messageCount: m, using: &rng)
            let observed = try Self.outcome(Self.randomTable(c, setting, using: &rng), schedule)
            let encoding = try ScheduleConstraints(setting: setting, roundAware: c.roundAware, breakSymmetry: false)
            _ = try encoding.require(schedule, observed: observed, evaluator: evaluator)
            for _ in 0..<8 {
                let table = Self.randomTable(c, setting, using: &rng)
                let outcome = try Self.outcome(table, schedule)
                let accepted = try Self.accepts(encoding, table)
                switch evaluator.evaluate(outcome) {
                case .holds: #expect(accepted, "\(c): a table that passes \(schedule) is excluded"); seen.holds += 1
                case .fails: #expect(!accepted, "\(c): a table that fails \(schedule) is accepted"); seen.fails += 1
                case .unknown: Issue.record("\(c): Z3 could not decide an outcome")
                }
            }
        }
        #expect(seen.holds > 3 && seen.fails > 3, "\(c): \(seen)")
    }

    /// Several schedules in one encoding (their symbolic states, messages and decision
    /// histories shared): a table is accepted exactly when it passes every one of them.
    @Test(arguments: cases.indices)
    func accumulatedSchedulesAgreeWithTheSimulator(_ index: Int) throws {
        let (c, setting, evaluator) = try Self.prepare(index)
        let m = c.messages ?? c.states
        var rng = SplitMix64(seed: UInt64(400 + index))
        let encoding = try ScheduleConstraints(setting: setting, roundAware: c.roundAware, breakSymmetry: false)
        let tables = (0..<40).map { _ in Self.randomTable(c, setting, using: &rng) }
        func holds(_ table: TransitionTable, _ schedule: Execution) throws -> Bool {
            switch evaluator.evaluate(try Self.outcome(table, schedule)) {
            case .holds: return true
            case .fails: return false
            case .unknown: Issue.record("\(c): Z3 could not decide an outcome"); return false
            }
        }
        var schedules: [Execution] = []
        var passing = tables
        for _ in 0..<200 where schedules.count < 4 {
            let schedule = ScheduleConstraintsFaultModelTests.randomExecution(setting, messageCount: m, using: &rng)
            let left = try passing.filter { try holds($0, schedule) }
            guard !left.isEmpty, left.count < passing.count else { continue }
            _ = try encoding.require(schedule, observed: try Self.outcome(tables[0], schedule), evaluator: evaluator)
            schedules.append(schedule)
            passing = left
        }
        var seen = (accepted: 0, rejected: 0)
        for table in tables {
            let passes = try schedules.allSatisfy { try holds(table, $0) }
            #expect(try Self.accepts(encoding, table) == passes, "\(c)")
            if passes { seen.accepted += 1 } else { seen.rejected += 1 }
        }
        #expect(seen.accepted > 0 && seen.rejected > 0, "\(c): \(seen)")
    }

    /// Decision rounds are part of what a schedule constrains when the spec reads them: two
    /// tables that decide the same values on a schedule, one at round 0 and one only after its
    /// step, are told apart by a spec that reads `decision-round`.
    @Test func decisionRoundsAreConstrained() throws {
        let text = Self.spec(.crash, losses: 0, states: 2, messages: nil, early: true, reading: .rounds)
            .replacingOccurrences(of: "(assert (or deciders-agree prompt))\n", with: "")
        let spec = try Spec.parse(text + "(assert (forall ((i Proc)) (=> (decided i) (>= (decision-round i) 1))))\n", file: "late.smt2")
        let evaluator = try SpecEvaluator(spec: spec)
        // Both keep their state and send it; `late` decides only in state 1, reached by a step.
        var prompt = TransitionTable(setting: spec.setting, stateCount: 2, roundAware: false)
        prompt.initial = [0, 0]
        prompt.decision = [0, 0]
        for e in prompt.next.indices { prompt.next[e] = 1 }
        var late = prompt
        late.decision = [TransitionTable.notDeciding, 0]
        let schedule = Execution(inputs: [0, 0, 0], rounds: [RoundSchedule(), RoundSchedule()])
        let encoding = try ScheduleConstraints(setting: spec.setting, roundAware: false, breakSymmetry: false)
        #expect(try encoding.require(schedule, observed: try Self.outcome(prompt, schedule), evaluator: evaluator))
        #expect(try Self.outcome(prompt, schedule).processes.map(\.decisionRound) == [0, 0, 0])
        #expect(try Self.outcome(late, schedule).processes.map(\.decisionRound) == [1, 1, 1])
        #expect(try !Self.accepts(encoding, prompt))
        #expect(try Self.accepts(encoding, late))
    }

    /// `table` with its states renamed by `states` and its messages by `messages` (the states'
    /// renaming when messages are states): `init` targets, the domains of `send` and `decide`,
    /// `next`'s own states, observations and targets.
    static func renamed(_ table: TransitionTable, states: [Int], messages: [Int]) -> TransitionTable {
        var t = table
        for v in t.initial.indices { t.initial[v] = UInt8(states[Int(table.initial[v])]) }
        for s in 0..<table.stateCount {
            t.decision[states[s]] = table.decision[s]
            if table.hasAlphabet { t.send[states[s]] = UInt8(messages[Int(table.send[s])]) }
        }
        let m = table.hasAlphabet ? messages : states
        for e in table.next.indices {
            let info = table.informationSet(ofEntry: e)
            var heard = [Int](repeating: 0, count: table.messageCount)
            for k in 0..<table.messageCount { heard[m[k]] = info.observation.heard(k) }
            let o = table.space.index(of: Observation(heard: heard, missing: info.observation.missing))!
            t.next[t.entryIndex(round: info.round ?? 1, id: info.id ?? 0, state: states[info.state], observation: o)] = UInt8(states[Int(table.next[e])])
        }
        return t
    }

    /// The symmetry constraints (`init_0 = 0`, `init_1 <= 1`, `send_0 = 0`) keep a renamed copy
    /// of every table: renaming states and messages to meet them leaves each outcome as it was
    /// (Byzantine messages renamed along), and the encoding with the constraints accepts the
    /// renamed table exactly when the table passes the schedule.
    @Test(arguments: [FaultKind.crash, .byzantine], [true, false])
    func symmetryConstraintsKeepARenamedCopy(_ model: FaultKind, _ alphabet: Bool) throws {
        let c = Case(model: model, states: 3, messages: alphabet ? 2 : nil, early: true, reading: .rounds)
        let spec = try Spec.parse(Self.spec(c.model, losses: 0, states: c.states, messages: c.messages, early: true, reading: .rounds),
                                  file: "s.smt2")
        let evaluator = try SpecEvaluator(spec: spec)
        let m = c.messages ?? c.states
        var rng = SplitMix64(seed: alphabet ? 17 : 18)
        var seen = (holds: 0, fails: 0)
        for _ in 0..<40 {
            let table = Self.randomTable(c, spec.setting, using: &rng)
            // States: init_0 first, then init_1, then the rest in order; messages: send(0) first.
            var order = [Int(table.initial[0])]
            for s in [Int(table.initial[1])] + Array(0..<c.states) where !order.contains(s) { order.append(s) }
            var states = [Int](repeating: 0, count: c.states)
            for (new, old) in order.enumerated() { states[old] = new }
            var messages = Array(0..<m)
            if alphabet {
                let first = Int(table.send[Int(table.initial[0])])
                messages.swapAt(0, first)
            }
            let canonical = Self.renamed(table, states: states, messages: messages)
            #expect(canonical.initial[0] == 0 && canonical.initial[1] <= 1 && (!alphabet || canonical.send[0] == 0))
            var schedule = ScheduleConstraintsFaultModelTests.randomExecution(spec.setting, messageCount: m, using: &rng)
            let before = try Self.outcome(table, schedule)
            // The same execution with Byzantine messages renamed.
            var renamedSchedule = schedule
            for r in renamedSchedule.rounds.indices {
                for f in renamedSchedule.rounds[r].forged.indices {
                    let message = renamedSchedule.rounds[r].forged[f].message
                    renamedSchedule.rounds[r].forged[f].message = alphabet ? messages[message] : states[message]
                }
            }
            #expect(try Self.outcome(canonical, renamedSchedule) == before, "\(c)")
            schedule = renamedSchedule
            let encoding = try ScheduleConstraints(setting: spec.setting, roundAware: false)
            _ = try encoding.require(schedule, observed: before, evaluator: evaluator)
            switch evaluator.evaluate(before) {
            case .holds: #expect(try Self.accepts(encoding, canonical), "\(c)"); seen.holds += 1
            case .fails: #expect(try !Self.accepts(encoding, canonical), "\(c)"); seen.fails += 1
            case .unknown: Issue.record("\(c): Z3 could not decide an outcome")
            }
        }
        #expect(seen.holds > 3 && seen.fails > 3, "\(c): \(seen)")
    }
}

/// Synthesis with message alphabets and early decision on tiny specs whose answers are known:
/// a protocol exists (a witness verified by the brute force, or the reference enumeration
/// `ExhaustiveTableSearch` finds one) or provably none does (the reference enumeration exhausts
/// the tables, or a textbook argument). Every complete strategy gives that answer, a found
/// protocol is re-verified by the brute-force reference, and the incomplete ones (`mcts`,
/// `random`) never claim "no protocol".
@Suite(.serialized, .timeLimit(.minutes(3))) struct AlphabetEarlyDecisionSynthesisTests {
    static func header(n: Int = 3, f: Int = 1, rounds: Int = 2, faults: FaultKind = .crash, states: Int, messages: Int?,
                       roundAware: Bool = false, early: Bool) -> String {
        """
        (set-info :processes \(n))
        (set-info :faulty \(f))
        (set-info :faults \(faults.name))
        (set-info :rounds \(rounds))
        (set-info :inputs 2)
        (set-info :decisions 2)
        (set-info :states \(states))
        \(messages.map { "(set-info :messages \($0))" } ?? "")
        (set-info :round-aware \(roundAware))
        (set-info :early-decision \(early))

        """
    }

    /// Agreement among correct processes, and validity: if every correct process has input v,
    /// every correct process decides v.
    static let consensus = """
        (assert (forall ((i Proc) (j Proc)) (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
        (assert (forall ((v Int))
          (=> (forall ((i Proc)) (=> (correct i) (= (input i) v))) (forall ((i Proc)) (=> (correct i) (= (decision i) v))))))

        """

    /// Early-deciding consensus: (uniform, when `uniform`) agreement among the processes that
    /// decide, every decision some process's input, every correct process decides, and every
    /// decider decides by round `bound` (a term over `faults`).
    static func early(uniform: Bool, bound: String) -> String {
        let among = uniform ? "(and (decided i) (decided j))" : "(and (correct i) (correct j))"
        return """
            (assert (forall ((i Proc) (j Proc)) (=> \(among) (= (decision i) (decision j)))))
            (assert (forall ((i Proc)) (=> (decided i) (exists ((j Proc)) (= (input j) (decision i))))))
            (assert (forall ((i Proc)) (=> (correct i) (decided i))))
            (assert (forall ((i Proc)) (=> (decided i) (<= (decision-round i) \(bound)))))

            """
    }

    /// Every correct process decides, every decider decides the common input when there is one,
    /// by round 1: deciding one's input at once does it.
    static let easy = """
        (assert (forall ((i Proc)) (=> (correct i) (decided i))))
        (assert (forall ((v Int)) (=> (forall ((i Proc)) (= (input i) v)) (forall ((i Proc)) (=> (decided i) (= (decision i) v))))))
        (assert (forall ((i Proc)) (=> (decided i) (<= (decision-round i) 1))))

        """

    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var text: String
        var exists: Bool
        /// Plain DFS takes tens of seconds or more here: it gets a few seconds and may answer
        /// inconclusive (never the wrong answer).
        var slowForDFS = false
        /// The incomplete strategies find a protocol within seconds.
        var easy = false
        /// The reference enumeration settles it within seconds (in a debug build).
        var enumerable = false
        var description: String { name }
    }

    static let cases: [Case] = [
        // FloodSet with the value as its message (and an unused third state).
        Case(name: "consensus n=3 f=1 R=2 K=3 M=2",
             text: header(states: 3, messages: 2, early: false) + consensus, exists: true, enumerable: true),
        // One round is too few with a crash (the f+1 lower bound, any alphabet).
        Case(name: "consensus n=3 f=1 R=1 K=3 M=2",
             text: header(rounds: 1, states: 3, messages: 2, early: false) + consensus, exists: false, enumerable: true),
        // n <= 3f: no Byzantine consensus, whatever the messages.
        Case(name: "byzantine consensus n=3 f=1 R=1 K=2 M=2",
             text: header(rounds: 1, faults: .byzantine, states: 2, messages: 2, early: false) + consensus, exists: false,
             enumerable: true),
        // Deciding one's input at round 0.
        Case(name: "early validity by round 1 n=3 f=1 R=2 K=2 M=2",
             text: header(states: 2, messages: 2, early: true) + easy, exists: true, easy: true, enumerable: true),
        // Uniform consensus by round faults+1 is possible at F = 1 (`uniformWitness`).
        Case(name: "early uniform by faults+1 n=3 f=1 R=2 K=4 M=2 round-aware",
             text: header(states: 4, messages: 2, roundAware: true, early: true) + early(uniform: true, bound: "(+ faults 1)"),
             exists: true, slowForDFS: true),
        // ... but not with 3 states: the two input states cannot decide (a silent crasher's
        // decision would be hidden from the others, uniformity needs them to agree), so at
        // most one state decides, always the same value, and validity fails when every input
        // is the other one. (The reference enumeration agrees, in about 25 s.)
        Case(name: "early uniform by faults+1 n=3 f=1 R=2 K=3 M=2",
             text: header(states: 3, messages: 2, early: true) + early(uniform: true, bound: "(+ faults 1)"), exists: false),
        // ... nor by round `faults`: in a failure-free run every process would decide in round
        // 0, on its input alone, so with inputs 0 and 1 either agreement or validity fails.
        Case(name: "early uniform by faults n=3 f=1 R=2 K=4 M=2 round-aware",
             text: header(states: 4, messages: 2, roundAware: true, early: true) + early(uniform: true, bound: "faults"),
             exists: false, slowForDFS: true),
        // Consensus by round faults+1 (Protocols/early-floodset.protocol).
        Case(name: "early consensus by faults+1 n=3 f=1 R=2 K=4 M=2 round-aware",
             text: header(states: 4, messages: 2, roundAware: true, early: true) + early(uniform: false, bound: "(+ faults 1)"),
             exists: true),
    ]

    /// Uniform consensus by round faults+1 at n = 3, F = 1: states 0, 1 (holding a value,
    /// undecided) and 2, 3 (decided 0, 1), each sending its value. In round 1 a process takes
    /// the least value it holds or hears, and decides it at once if it heard everyone; in round
    /// 2 it decides the least value it holds or hears. One who heard everyone holds the least
    /// input, and every undecided process hears it in round 2 (only one process may crash).
    static func uniformWitness(_ setting: Setting) -> TransitionTable {
        var t = TransitionTable(setting: setting, stateCount: 4, roundAware: true, messageCount: 2)
        t.initial = [0, 1]
        t.send = [0, 1, 0, 1]
        t.decision = [TransitionTable.notDeciding, TransitionTable.notDeciding, 0, 1]
        for e in t.next.indices {
            let info = t.informationSet(ofEntry: e)
            guard info.state < 2 else { t.next[e] = UInt8(info.state); continue }
            let least = info.state == 0 || info.observation.heard(0) > 0 ? 0 : 1
            t.next[e] = UInt8(info.round == 1 && info.observation.missing > 0 ? least : 2 + least)
        }
        return t
    }

    /// The known answers: the witnesses verify (brute force), and the reference enumeration
    /// agrees wherever it is quick.
    @Test func knownAnswersAreRight() throws {
        let witnessCase = try #require(Self.cases.first { $0.name.hasPrefix("early uniform by faults+1") && $0.exists })
        let spec = try Spec.parse(witnessCase.text, file: "uniform.smt2")
        let witness = Self.uniformWitness(spec.setting)
        #expect(try BruteForceChecker(table: witness, spec: spec, evaluator: try SpecEvaluator(spec: spec)).check().verdict.isVerified)
        for c in Self.cases where c.enumerable {
            var reference = try ExhaustiveTableSearch(spec: try Spec.parse(c.text, file: "\(c.name).smt2"))
            let clock = Stopwatch()
            let found = reference.find()
            print("alphabet/early reference: \(c.name): \(found != nil) after \(reference.nodes) tables in \(String(format: "%.2f", clock.seconds)) s")
            #expect((found != nil) == c.exists, "\(c.name)")
        }
    }

    static let strategies: [SynthesisOptions.Strategy] = [.ggms, .cegis, .dfs]

    @Test(arguments: cases, strategies)
    func everyCompleteStrategyGivesTheKnownAnswer(_ c: Case, _ strategy: SynthesisOptions.Strategy) throws {
        let spec = try Spec.parse(c.text, file: "\(c.name).smt2")
        var options = SynthesisOptions()
        options.strategy = strategy
        let limited = strategy == .dfs && c.slowForDFS
        options.timeLimit = limited ? 3 : 60
        options.generalizationBound = spec.setting.processes + 1
        let clock = Stopwatch()
        let result = try Synthesis.run(spec: spec, options: options)
        print("alphabet/early synthesis: \(c.name) with \(strategy.rawValue): \(SearchAnswer(result.outcome)) in \(String(format: "%.2f", clock.seconds)) s")
        let expected: SearchAnswer = c.exists ? .found : .unrealizable
        let answer = SearchAnswer(result.outcome)
        if limited {
            #expect([expected, .inconclusive].contains(answer), "\(c.name) with \(strategy.rawValue)")
        } else {
            #expect(answer == expected, "\(c.name) with \(strategy.rawValue)")
        }
        guard answer == .found else { return }
        try Self.expectVerified(result, spec: spec, "\(c.name) with \(strategy.rawValue)")
    }

    /// A found result: a complete table with the spec's alphabet, re-verified by `Trust`, and
    /// by the brute-force reference here again.
    static func expectVerified(_ result: SynthesisResult, spec: Spec, _ what: String) throws {
        let table = try #require(result.table)
        #expect(table.hasAlphabet == (spec.setting.messages != nil), "\(what)")
        #expect(!table.send.contains(TransitionTable.undefined) && !table.decision.contains(TransitionTable.noDecision), "\(what)")
        #expect(result.verification.map(Trust.passed) == true, "\(what)")
        #expect(result.rules != nil, "\(what)")
        let brute = try BruteForceChecker(table: table, spec: spec, evaluator: try SpecEvaluator(spec: spec)).check()
        #expect(brute.verdict.isVerified, "\(what): the brute force rejects the protocol")
    }

    /// The incomplete strategies (`mcts`: no conflict pruning; `random`: whole random tables)
    /// never claim that no protocol exists, find the easy protocol, and what they find verifies.
    @Test(arguments: cases, [SynthesisOptions.Strategy.mcts, .random])
    func incompleteStrategiesFindOrStop(_ c: Case, _ strategy: SynthesisOptions.Strategy) throws {
        let spec = try Spec.parse(c.text, file: "\(c.name).smt2")
        var options = SynthesisOptions()
        options.strategy = strategy
        options.timeLimit = c.easy ? 60 : 1
        options.generalizationBound = spec.setting.processes + 1
        let clock = Stopwatch()
        let result = try Synthesis.run(spec: spec, options: options)
        print("alphabet/early synthesis: \(c.name) with \(strategy.rawValue): \(SearchAnswer(result.outcome)) in \(String(format: "%.2f", clock.seconds)) s")
        let answer = SearchAnswer(result.outcome)
        if c.easy {
            #expect(answer == .found, "\(c.name) with \(strategy.rawValue)")
        } else {
            #expect(answer == .inconclusive || (c.exists && answer == .found), "\(c.name) with \(strategy.rawValue)")
        }
        guard answer == .found else { return }
        try Self.expectVerified(result, spec: spec, "\(c.name) with \(strategy.rawValue)")
    }
}

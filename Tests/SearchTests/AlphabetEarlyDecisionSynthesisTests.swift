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
            t.next[t.entryIndex(round: info.round ?? 1, state: states[info.state], observation: o)] = UInt8(states[Int(table.next[e])])
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

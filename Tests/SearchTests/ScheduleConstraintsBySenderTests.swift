import Foundation
import Game
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Search

/// The schedule encoding (`ScheduleConstraints`) of tables by sender (identities: `next` reads
/// the process's index and who sent what) against the simulator, under every fault model, with
/// message alphabets, early decision and round-aware tables: a table is consistent with the
/// constraints of some schedules exactly when its simulated outcome on each of them satisfies
/// the spec. The spec names p0, so the rows of different indices matter. No checker involved.
@Suite(.serialized, .timeLimit(.minutes(3))) struct ScheduleConstraintsBySenderTests {
    /// Validity, or agreement among the processes that decide when at most one message was
    /// lost, or p0 (when correct) deciding its own input: random tables pass and fail it.
    static func spec(_ c: Case) -> String {
        """
        (set-info :processes \(c.processes))
        (set-info :faulty 1)
        (set-info :faults \(c.model.name))
        (set-info :losses \(c.losses))
        (set-info :rounds 2)
        (set-info :inputs 2)
        (set-info :decisions 2)
        (set-info :states \(c.states))
        \(c.messages.map { "(set-info :messages \($0))" } ?? "")
        (set-info :early-decision \(c.early))
        (set-info :identities true)
        \(TestSpecs.validity)
        (define-fun deciders-agree () Bool
          (=> (< lost 2)
              (forall ((i Proc) (j Proc)) (=> (and (decided i) (decided j)) (= (decision i) (decision j))))))
        (define-fun p0-keeps () Bool (=> (correct p0) (= (decision p0) (input p0))))
        (assert (or validity p0-keeps))
        (assert (or deciders-agree p0-keeps))

        """
    }

    struct Case: CustomStringConvertible, Sendable {
        var model: FaultKind
        var losses = 0
        var processes = 3
        var states = 3
        var messages: Int? = nil
        var early = false
        var roundAware = false
        /// False: a counted table under identities (the counted encoding, unchanged).
        var bySender = true
        var description: String {
            "\(model.name) L=\(losses) n=\(processes) K=\(states) M=\(messages.map(String.init) ?? "states")"
                + "\(early ? " early" : "")\(roundAware ? " round-aware" : "")\(bySender ? "" : " counted")"
        }
    }

    static let cases: [Case] = FaultKind.allCases.flatMap { model in
        [Case(model: model),
         Case(model: model, losses: 1, states: 2, roundAware: true),
         Case(model: model, messages: 2, early: true),
         Case(model: model, processes: 4, states: 2)]
    } + [Case(model: .byzantine, states: 2, bySender: false), Case(model: .generalOmission, losses: 1, messages: 2, bySender: false)]

    static func prepare(_ index: Int) throws -> (Case, Setting, SpecEvaluator) {
        let c = cases[index]
        let spec = try Spec.parse(Self.spec(c), file: "s.smt2")
        var setting = spec.setting
        setting.roundAware = c.roundAware
        #expect(setting.identities)
        return (c, setting, try SpecEvaluator(spec: spec))
    }

    static func randomTable(_ c: Case, _ setting: Setting, using rng: inout SplitMix64) -> TransitionTable {
        RandomTables.make(setting, stateCount: c.states, roundAware: c.roundAware, messageCount: c.messages,
                          bySender: c.bySender, using: &rng)
    }

    static func encoding(_ c: Case, _ setting: Setting) throws -> ScheduleConstraints {
        try ScheduleConstraints(setting: setting, roundAware: c.roundAware, breakSymmetry: false, bySender: c.bySender)
    }

    static func holds(_ evaluator: SpecEvaluator, _ table: TransitionTable, _ schedule: Execution, _ c: Case) throws -> Bool {
        switch evaluator.evaluate(try ScheduleConstraintsFaultModelTests.outcome(table, schedule)) {
        case .holds: return true
        case .fails: return false
        case .unknown: Issue.record("\(c): Z3 could not decide an outcome"); return false
        }
    }

    /// One schedule per encoding; every table is judged against that schedule alone.
    @Test(arguments: cases.indices)
    func oneScheduleAgreesWithTheSimulator(_ index: Int) throws {
        let (c, setting, evaluator) = try Self.prepare(index)
        let m = c.messages ?? c.states
        var rng = SplitMix64(seed: UInt64(500 + index))
        var seen = (holds: 0, fails: 0)
        for _ in 0..<12 {
            let schedule = ScheduleConstraintsFaultModelTests.randomExecution(setting, messageCount: m, using: &rng)
            let observed = try ScheduleConstraintsFaultModelTests.outcome(Self.randomTable(c, setting, using: &rng), schedule)
            let encoding = try Self.encoding(c, setting)
            _ = try encoding.require(schedule, observed: observed, evaluator: evaluator)
            for _ in 0..<8 {
                let table = Self.randomTable(c, setting, using: &rng)
                #expect(table.bySender == c.bySender)
                let accepted = try ScheduleConstraintsFaultModelTests.accepts(encoding, table)
                if try Self.holds(evaluator, table, schedule, c) {
                    #expect(accepted, "\(c): a table that passes \(schedule) is excluded")
                    seen.holds += 1
                } else {
                    #expect(!accepted, "\(c): a table that fails \(schedule) is accepted")
                    seen.fails += 1
                }
            }
        }
        #expect(seen.holds > 3 && seen.fails > 3, "\(c): \(seen)")
    }

    /// Several schedules in one encoding (their symbolic states shared, by receiver and
    /// senders): a table is accepted exactly when it passes every one of them.
    @Test(arguments: cases.indices)
    func accumulatedSchedulesAgreeWithTheSimulator(_ index: Int) throws {
        let (c, setting, evaluator) = try Self.prepare(index)
        let m = c.messages ?? c.states
        var rng = SplitMix64(seed: UInt64(600 + index))
        let encoding = try Self.encoding(c, setting)
        let tables = (0..<40).map { _ in Self.randomTable(c, setting, using: &rng) }
        var schedules: [Execution] = []
        var passing = tables
        for _ in 0..<200 where schedules.count < 4 {
            let schedule = ScheduleConstraintsFaultModelTests.randomExecution(setting, messageCount: m, using: &rng)
            let left = try passing.filter { try Self.holds(evaluator, $0, schedule, c) }
            guard !left.isEmpty, left.count < passing.count else { continue }
            _ = try encoding.require(schedule, observed: try ScheduleConstraintsFaultModelTests.outcome(tables[0], schedule),
                                     evaluator: evaluator)
            schedules.append(schedule)
            passing = left
        }
        var seen = (accepted: 0, rejected: 0)
        for table in tables {
            let passes = try schedules.allSatisfy { try Self.holds(evaluator, table, $0, c) }
            #expect(try ScheduleConstraintsFaultModelTests.accepts(encoding, table) == passes, "\(c)")
            if passes { seen.accepted += 1 } else { seen.rejected += 1 }
        }
        #expect(seen.accepted > 0 && seen.rejected > 0, "\(c): \(seen)")
    }

    /// The rows are told apart: on a failure-free schedule with inputs 0, a table that moves
    /// p0 to state 1 fails (p0 decides 1: neither validity nor p0-keeps), and one that moves p2
    /// instead passes (p0 keeps its input), though the two differ only in which row moves.
    @Test func theRowOfEachIndexIsConstrained() throws {
        let c = Case(model: .crash, states: 2)
        let spec = try Spec.parse(Self.spec(c), file: "s.smt2")
        let evaluator = try SpecEvaluator(spec: spec)
        // Keep the state everywhere, decide it; `moving(p)` moves process p to state 1 in every step.
        var keep = TransitionTable(setting: spec.setting, stateCount: 2, roundAware: false, bySender: true)
        keep.initial = [0, 1]
        keep.decision = [0, 1]
        for e in keep.next.indices { keep.next[e] = UInt8(keep.informationSet(ofEntry: e).state) }
        func moving(_ p: Int) -> TransitionTable {
            var t = keep
            for e in t.next.indices where t.informationSet(ofEntry: e).id == p { t.next[e] = 1 }
            return t
        }
        let schedule = Execution(inputs: [0, 0, 0], rounds: [RoundSchedule(), RoundSchedule()])
        let encoding = try Self.encoding(c, spec.setting)
        let observed = try ScheduleConstraintsFaultModelTests.outcome(moving(0), schedule)
        #expect(observed.processes.map(\.decision) == [1, 0, 0])
        #expect(try ScheduleConstraintsFaultModelTests.outcome(moving(2), schedule).processes.map(\.decision) == [0, 0, 1])
        #expect(try encoding.require(schedule, observed: observed, evaluator: evaluator))
        #expect(try ScheduleConstraintsFaultModelTests.accepts(encoding, keep))
        #expect(try !ScheduleConstraintsFaultModelTests.accepts(encoding, moving(0)))
        #expect(try ScheduleConstraintsFaultModelTests.accepts(encoding, moving(2)))
    }
}

import Checking
import Game
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Search

/// Partial tables with a message alphabet and/or early decision, as the search checks them
/// (`CheckOptions.gaps == .skip`): the fast checker reports an unset `send` or `decide` entry as
/// a gap exactly when some raw execution reaches it, counts as in gaps exactly the raw
/// executions that `CounterexamplePool.replay` cannot run (it returns nil at an unset entry),
/// and as failing exactly those it runs to a violating outcome — every raw execution of the
/// setting enumerated and replayed, under every fault model.
@Suite(.serialized, .timeLimit(.minutes(3))) struct AlphabetGapTests {
    typealias Case = DifferentialCase

    static func setting(_ faults: FaultKind, n: Int = 3, f: Int = 1, rounds: Int, losses: Int = 0, early: Bool) -> Setting {
        Setting(processes: n, crashes: f, rounds: rounds, inputs: 2, decisions: 2, faults: faults, losses: losses,
                earlyDecision: early)
    }

    static let cases: [Case] = [
        Case(setting: setting(.crash, rounds: 2, early: true), states: 3, roundAware: false, count: 45, messages: 2),
        Case(setting: setting(.crash, f: 2, rounds: 2, early: false), states: 4, roundAware: false, count: 45, messages: 2),
        Case(setting: setting(.sendOmission, rounds: 2, early: true), states: 3, roundAware: false, count: 45, messages: 2),
        Case(setting: setting(.receiveOmission, rounds: 2, early: true), states: 2, roundAware: true, count: 45, messages: 1),
        Case(setting: setting(.generalOmission, rounds: 1, early: true), states: 3, roundAware: false, count: 45, messages: 3),
        Case(setting: setting(.byzantine, rounds: 1, early: true), states: 3, roundAware: false, count: 30, messages: 2),
        Case(setting: setting(.crash, rounds: 1, losses: 1, early: true), states: 4, roundAware: false, count: 45, messages: 2),
    ]

    /// Calls `body` with every raw execution of `setting` (the adversary's choices, as the
    /// brute force enumerates them).
    static func forEachExecution(_ setting: Setting, messageCount: Int, _ body: (Execution) -> Void) {
        let adversary = Adversary(setting, messageCount: messageCount)
        let n = setting.processes
        var inputs = [Int](repeating: 0, count: n)
        func rounds(_ faultySet: [Int], running: [Bool], faulty: [Bool], budget: Int, schedule: [RoundSchedule]) {
            guard schedule.count < setting.rounds else {
                body(Execution(inputs: inputs, faulty: faultySet, rounds: schedule))
                return
            }
            adversary.forEachRoundSchedule(running: running, faulty: faulty, budget: budget) { round, left in
                let after = adversary.arrivals(round, running: running, faulty: faulty).runningAfter
                var faultyAfter = faulty
                for p in 0..<n where running[p] && !after[p] { faultyAfter[p] = true }
                rounds(faultySet, running: after, faulty: faultyAfter, budget: left, schedule: schedule + [round])
            }
        }
        func chooseInputs(_ p: Int) {
            guard p == n else {
                for v in 0..<setting.inputs {
                    inputs[p] = v
                    chooseInputs(p + 1)
                }
                return
            }
            adversary.forEachFaultySet { set in
                let faulty = adversary.initiallyFaulty(Execution(inputs: inputs, faulty: set, rounds: []))
                rounds(set, running: adversary.initiallyRunning(faulty: faulty), faulty: faulty,
                       budget: setting.crashes - set.count, schedule: [])
            }
        }
        chooseInputs(0)
    }

    /// Per table, one of three: one unset `send` or `decide` entry (then the reported gaps are
    /// exactly that entry when some execution reaches it, else none); several of them; or
    /// several with unset `next` entries too. The reported gaps are among the unset entries, and
    /// there are some exactly when some execution reaches one. Without unset `next` entries the
    /// raw executions in gaps and the failing ones equal the replay's counts; with them the
    /// checker counts the whole of a receiver class's choices as in gaps when one of them reaches
    /// an unset `next` entry (its `moveOptions` stops there), so it counts at least the replay's
    /// executions in gaps and at most its failing ones. A counterexample reads set entries only.
    @Test(arguments: cases)
    func gapsAreTheEntriesExecutionsReach(_ c: Case) throws {
        let s = c.setting
        var rng = SplitMix64(seed: c.description.utf8.reduce(0x6A9_5E4D as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 })
        let spec = try Spec.parse(TestSpecs.under(s, s.earlyDecision
                ? TestSpecs.earlyUniform(n: s.processes, f: s.crashes, rounds: s.rounds)
                : TestSpecs.consensus(n: s.processes, f: s.crashes, rounds: s.rounds)), file: "spec.smt2")
        let evaluator = try SpecEvaluator(spec: spec)
        let messageCount = c.messages ?? c.states
        var executions: [Execution] = []
        Self.forEachExecution(s, messageCount: messageCount) { executions.append($0) }
        #expect(Double(executions.count) == Adversary(s, messageCount: messageCount).rawExecutions)

        var reached = 0, unreached = 0, failingWithGaps = 0
        for index in 0..<c.count {
            var table = RandomTables.make(s, stateCount: c.states, roundAware: c.roundAware, messageCount: c.messages,
                                          using: &rng)
            var candidates = (0..<c.states).map { TableEntry.decision(state: $0) }
            if c.messages != nil { candidates += (0..<c.states).map { TableEntry.send(state: $0) } }
            let single = index % 3 == 0, withNext = index % 3 == 2
            var unset: Set<TableEntry> = []
            if single {
                unset.insert(candidates[Int.random(in: 0..<candidates.count, using: &rng)])
            } else {
                for entry in candidates where Double.random(in: 0..<1, using: &rng) < 0.3 { unset.insert(entry) }
                if withNext {
                    for e in table.next.indices where Double.random(in: 0..<1, using: &rng) < 0.05 { unset.insert(.next(e)) }
                }
            }
            for entry in unset { table.set(entry, to: nil) }
            let label = "\(c) #\(index) unset \(unset.sorted())"

            var options = CheckOptions(mode: .count)
            options.gaps = .skip
            let report = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: options).check()
            var inGaps = 0.0, failing = 0.0
            for execution in executions {
                guard let run = CounterexamplePool.replay(execution, on: table) else {
                    inGaps += 1
                    continue
                }
                if case .fails = evaluator.evaluate(run.outcome) { failing += 1 }
            }
            #expect(report.rawExecutionsCovered == report.rawExecutionsTotal, "\(label)")
            if withNext {
                #expect(report.rawExecutionsInGaps >= inGaps, "\(label)")
                #expect(report.rawExecutionsFailing ?? 0 <= failing, "\(label)")
            } else {
                #expect(report.rawExecutionsInGaps == inGaps, "\(label)")
                #expect(report.rawExecutionsFailing == failing, "\(label)")
            }
            #expect(Set(report.gaps.keys).isSubset(of: unset), "\(label): gaps \(report.gaps)")
            #expect(report.gaps.isEmpty == (inGaps == 0), "\(label): gaps \(report.gaps)")
            if single { #expect(Set(report.gaps.keys) == (inGaps > 0 ? unset : []), "\(label): gaps \(report.gaps)") }
            if case .violated(let cex) = report.verdict {
                #expect(CounterexamplePool.replay(cex.execution, on: table) != nil, "\(label): the counterexample reads a gap")
            }
            if single { if inGaps > 0 { reached += 1 } else { unreached += 1 } }
            if inGaps > 0 && failing > 0 { failingWithGaps += 1 }
        }
        // The sample must contain unset entries that executions reach and ones they do not.
        #expect(reached > 0 && unreached > 0, "\(c): reached \(reached), unreached \(unreached)")
        #expect(failingWithGaps > 0, "\(c)")
    }
}

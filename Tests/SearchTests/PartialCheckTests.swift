import Checking
import Game
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Search

/// The partial-table check the search relies on: a violation among executions that read only
/// set entries refutes every completion; without reachable gaps it equals the complete check.
@Suite(.serialized, .timeLimit(.minutes(5))) struct PartialCheckTests {
    @Test func conflictsRefuteEveryCompletion() throws {
        let spec = try Spec.parse(TestSpecs.consensus(n: 3, f: 1, rounds: 2), file: "c.smt2")
        let evaluator = try SpecEvaluator(spec: spec)
        let space = StrategySpace(setting: spec.setting)
        var rng = SplitMix64(seed: 42)
        var conflicts = 0
        for _ in 0..<60 {
            let full = RandomTables.make(spec.setting, stateCount: 2, roundAware: false, using: &rng)
            var partial = full
            for i in 0..<space.count where Double.random(in: 0..<1, using: &rng) < 0.3 { partial.set(space.entries[i], to: nil) }
            var options = CheckOptions(mode: .count)
            options.gaps = .skip
            let report = try FastChecker(table: partial, spec: spec, evaluator: evaluator, options: options).check()
            let failing = report.rawExecutionsFailing ?? 0
            #expect(report.rawExecutionsCovered == report.rawExecutionsTotal)
            if failing > 0 {
                conflicts += 1
                for _ in 0..<5 {
                    var completion = partial
                    for i in 0..<space.count where completion.action(at: space.entries[i]) == nil {
                        completion.set(space.entries[i], to: Int.random(in: 0..<space.actionCount(i), using: &rng))
                    }
                    let complete = try FastChecker(table: completion, spec: spec, evaluator: evaluator, options: CheckOptions(mode: .count)).check()
                    #expect((complete.rawExecutionsFailing ?? 0) >= failing)
                }
            }
            if report.gaps.isEmpty {
                let complete = try FastChecker(table: Trust.completed(partial), spec: spec, evaluator: evaluator, options: CheckOptions(mode: .count)).check()
                #expect(complete.rawExecutionsFailing == report.rawExecutionsFailing)
            }
        }
        #expect(conflicts > 0)
    }

    @Test func symmetryBreakingOffersOneNewState() {
        let space = StrategySpace(setting: Setting(processes: 3, crashes: 1, rounds: 1, states: 3))
        var assigned = [Int16](repeating: -1, count: space.count)
        #expect(space.legalActions(0, assigned: assigned) == [0])        // init(0): only the first state
        assigned[0] = 0
        #expect(space.legalActions(1, assigned: assigned) == [0, 1])     // used 0, or one new state
        assigned[1] = 1
        #expect(space.legalActions(space.count - 1, assigned: assigned) == [0, 1, 2])
        #expect(space.legalActions(2, assigned: assigned) == [0, 1])     // decide entries: decisions
    }

    /// Under Byzantine faults a state no process is in can still be heard: a state the entry
    /// or an assigned entry hears is offered as well as the one new state.
    @Test func symmetryBreakingUnderByzantineFaultsCountsHeardStates() {
        func setup(_ faults: FaultKind) -> (StrategySpace, (Int, [Int]) -> Int) {
            let space = StrategySpace(setting: Setting(processes: 3, crashes: 1, rounds: 1, states: 4, faults: faults))
            let table = space.emptyTable
            return (space, { own, heard in
                let o = table.space.index(of: Observation(heard: heard, missing: 0))!
                return space.index(of: .next(table.entryIndex(round: 1, id: 0, state: own, observation: o)))
            })
        }
        for faults in [FaultKind.crash, .byzantine] {
            let (space, entry) = setup(faults)
            var assigned = [Int16](repeating: -1, count: space.count)
            assigned[0] = 0
            assigned[1] = 0
            let hearsTwo = entry(0, [1, 0, 1, 0]), hearsZero = entry(0, [2, 0, 0, 0])
            #expect(space.legalActions(hearsTwo, assigned: assigned) == (faults == .byzantine ? [0, 1, 2] : [0, 1]))
            #expect(space.legalActions(hearsZero, assigned: assigned) == [0, 1])
            assigned[hearsTwo] = 0
            #expect(space.legalActions(hearsZero, assigned: assigned) == (faults == .byzantine ? [0, 1, 2] : [0, 1]))
        }
    }
}

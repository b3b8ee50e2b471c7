import Game
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Checking

/// Renaming a table's states (`TransitionTable.renamingStates`, used to name synthesized states
/// after their decisions): undone by the inverse renaming, and every spec fails on exactly as
/// many raw executions before and after (brute force, counting), on random tables counted, with
/// an alphabet, by sender, early deciding, under every fault model.
@Suite(.serialized, .timeLimit(.minutes(5))) struct StateRenamingTests {
    static let cases: [DifferentialCase] = [
        DifferentialCase(setting: Setting(processes: 3, crashes: 1, rounds: 2, inputs: 2, decisions: 2), states: 3, roundAware: true, count: 20),
        DifferentialCase(setting: Setting(processes: 3, crashes: 1, rounds: 2, inputs: 2, decisions: 2, faults: .sendOmission),
                         states: 3, roundAware: false, count: 20, messages: 2),
        DifferentialCase(setting: Setting(processes: 3, crashes: 1, rounds: 2, inputs: 2, decisions: 2, earlyDecision: true),
                         states: 3, roundAware: false, count: 20),
        DifferentialCase(setting: Setting(processes: 3, crashes: 1, rounds: 2, inputs: 2, decisions: 2, faults: .byzantine, identities: true),
                         states: 3, roundAware: true, count: 20, bySender: true),
    ]

    @Test(arguments: cases)
    func renamingKeepsEveryVerdict(_ c: DifferentialCase) throws {
        var rng = SplitMix64(seed: 77 + UInt64(c.states))
        let specs = try c.specs
        let evaluators = try specs.map { try SpecEvaluator(spec: $0) }
        let counting = CheckOptions(mode: .count)
        for index in 0..<c.count {
            let table = RandomTables.make(c.setting, stateCount: c.states, roundAware: c.roundAware, messageCount: c.messages,
                                          bySender: c.bySender, using: &rng)
            var order = Array(0..<c.states)
            order.shuffle(using: &rng)
            let renamed = table.renamingStates(order)
            var inverse = order
            for s in order.indices { inverse[order[s]] = s }
            #expect(renamed.renamingStates(inverse) == table, "\(c) #\(index)")
            let which = index % specs.count
            let before = try BruteForceChecker(table: table, spec: specs[which], evaluator: evaluators[which], options: counting).check()
            let after = try BruteForceChecker(table: renamed, spec: specs[which], evaluator: evaluators[which], options: counting).check()
            #expect(before.rawExecutionsFailing == after.rawExecutionsFailing, "\(c) #\(index) \(specs[which].file)")
        }
    }

    @Test func decisionOrderNamesLoneDecidersOnly() {
        var table = TransitionTable(setting: Setting(processes: 3, crashes: 1, rounds: 2, inputs: 2, decisions: 3), stateCount: 4, roundAware: false)
        table.decision = [1, 0, 2, 2]   // 1 and 0 decided alone; 2 twice
        #expect(table.decisionOrder == [1, 0, 2, 3])
        table.decision = [2, 0, 0, 1]   // 2 and 1 alone; the two 0-deciders take 0 and 3
        #expect(table.decisionOrder == [2, 0, 3, 1])
    }
}

import Game
import SpecLanguage
import Testing
@testable import Checking

/// One random table checked by the symbolic checker against the brute-force reference, as the
/// symbolic differential tests do it (`SymbolicFaultModelTests`, `SymbolicAlphabetEarlyDecisionTests`).
enum SymbolicAgainstBruteForce {
    /// A checker's answer on a table: a verdict, or a reachable gap.
    enum Answer: Hashable, CustomStringConvertible {
        case verdict(Verdict.Kind)
        case gap
        var description: String {
            switch self {
            case .verdict(let kind): return kind.rawValue
            case .gap: return "gap"
            }
        }
    }

    /// Both checkers on `table`: a symbolic gap must be a real one, a symbolic violation must
    /// replay (`confirm`), and a symbolic "verified" must cover what the brute force covered.
    static func compare(_ table: TransitionTable, _ spec: Spec, _ evaluator: SpecEvaluator, _ label: String) throws
        -> (brute: Answer, symbolic: Answer, symbolicReport: CheckReport?)
    {
        let brute: Answer
        var bruteReport: CheckReport?
        do {
            let report = try BruteForceChecker(table: table, spec: spec, evaluator: evaluator).check()
            bruteReport = report
            brute = .verdict(report.verdict.kind)
        } catch {
            guard case .gap = error else { throw error }
            brute = .gap
        }
        var symbolicReport: CheckReport?
        do {
            symbolicReport = try SymbolicChecker(table: table, spec: spec, evaluator: evaluator,
                                                 timeoutMilliseconds: 60_000).check()
        } catch {
            guard case .gap(let gap) = error else { throw error }
            #expect(table.nextState(round: gap.round, id: gap.id ?? 0, state: gap.state, observation: gap.observation) == nil, "\(label)")
            #expect((gap.id != nil) == table.bySender, "\(label)")
        }
        guard let report = symbolicReport else { return (brute, .gap, nil) }
        try confirm(report, table, spec, evaluator, label)
        if case .verified = report.verdict {
            #expect(report.rawExecutionsCovered == bruteReport?.rawExecutionsCovered, "\(label)")
        }
        return (brute, .verdict(report.verdict.kind), report)
    }

    /// The symbolic checker with gaps skipped: a violation among the executions that reach no
    /// gap (it replays without one), else `unknown` when a gap is reachable.
    static func checkSkippingGaps(_ table: TransitionTable, _ spec: Spec, _ evaluator: SpecEvaluator,
                                  brute: Answer, _ label: String) throws {
        var skipping = CheckOptions()
        skipping.gaps = .skip
        let skipped = try SymbolicChecker(table: table, spec: spec, evaluator: evaluator, options: skipping,
                                          timeoutMilliseconds: 60_000).check()
        try confirm(skipped, table, spec, evaluator, label + " skipping gaps")
        switch brute {
        case .verdict(let kind): #expect(skipped.verdict.kind == kind, "\(label) skipping gaps")
        case .gap: #expect(skipped.verdict.kind != .verified, "\(label) skipping gaps")
        }
    }

    /// A violation's execution validates, replays to the same trace and outcome, and fails the
    /// same property.
    static func confirm(_ report: CheckReport, _ table: TransitionTable, _ spec: Spec, _ evaluator: SpecEvaluator,
                        _ label: String) throws {
        guard case .violated(let cex) = report.verdict else { return }
        try Simulator.validate(cex.execution, for: table.setting, messageCount: table.messageCount)
        let trace = try Simulator.run(table, cex.execution)
        #expect(trace == cex.trace, "\(label)")
        let outcome = Simulator.outcome(table, cex.execution, trace)
        #expect(outcome == cex.outcome, "\(label)")
        #expect(evaluator.evaluate(outcome) == .fails(property: cex.failedProperty), "\(label)")
    }
}

import Checking
import Game
import SpecLanguage
import Utilities
import Z3Kit

/// GGMS's symbolic counterexample learning: every counterexample the checker returns is kept as
/// its *schedule* (inputs, the faulty set, the adversary's choices in every round, under any
/// fault model) in `ScheduleConstraints`, which requires the spec on that schedule for every
/// table, not only for the one that failed. A tree node is then checked against all of them at
/// once, under its assignment:
/// - `unsat`: no completion of the node survives the schedules seen so far, so the node is
///   refuted; the unsat core names the assigned entries the refutation needs (the conflict the
///   global DFS backjumps on). At the empty table this is the proof that no protocol exists.
/// - `sat`: Z3's model is a completion that survives every schedule seen so far; the entries
///   that no encoded schedule reads are left to the caller (the policy fills them), which keeps
///   that property, since no schedule's run changes.
///
/// Soundness: as `ScheduleConstraints` (no symmetry constraints here: the tree names states in
/// its own order); a check Z3 cannot finish answers `.unknown`, which refutes nothing. Z3
/// failing (an API error) is thrown as `SearchFailure.solver`, never taken for `.unknown`.
/// Cost: one incremental Z3 check per call (milliseconds to seconds as schedules accumulate;
/// bounded by the caller's timeout), and one replay per schedule to find the constrained entries.
final class SymbolicLearning {
    enum Answer {
        /// Every completion fails a learned schedule; the refutation reads only these entries
        /// (indices into `StrategySpace.entries`), all assigned at the node.
        case refuted(Set<Int>)
        /// A complete table agreeing with the assignment that passes every learned schedule,
        /// and the entries those schedules read on it.
        case completion(TransitionTable, constrained: Set<TableEntry>)
        /// Z3 gave up (timeout, interruption), or gave no model or core to read the answer from.
        case unknown
    }

    let space: StrategySpace
    let constraints: ScheduleConstraints
    /// Cancelling it interrupts a running check (which then answers `.unknown`).
    let cancellation: CancellationToken?
    private(set) var checks = 0
    private(set) var seconds = 0.0

    /// - Throws: `Z3Error` if Z3 fails to set up.
    init(space: StrategySpace, cancellation: CancellationToken? = nil) throws(Z3Error) {
        self.space = space
        self.cancellation = cancellation
        constraints = try ScheduleConstraints(setting: space.setting, roundAware: space.setting.roundAware, breakSymmetry: false,
                                              bySender: space.emptyTable.bySender)
    }

    /// Learns the schedule of `counterexample`, which `table` (complete) failed. If the spec
    /// cannot be required on the schedule (no decision vector is known to fail), `table` alone
    /// is excluded — it is known to violate the spec.
    /// - Throws: `SearchFailure.solver` if Z3 fails.
    func learn(_ counterexample: Counterexample, failedBy table: TransitionTable, evaluator: SpecEvaluator) throws(SearchFailure) {
        do {
            if try !constraints.require(counterexample.execution, observed: counterexample.outcome, evaluator: evaluator) {
                try constraints.exclude(table)
            }
        } catch {
            throw .solver(reason: "\(error) (symbolic learning)")
        }
    }

    /// Learns the schedule of a counterexample found on a partial table (nothing to exclude).
    /// - Throws: `SearchFailure.solver` if Z3 fails.
    func learnSchedule(_ counterexample: Counterexample, evaluator: SpecEvaluator) throws(SearchFailure) {
        // Even a known schedule: with too many decision vectors to enumerate, each new failing
        // outcome on it is excluded on its own.
        do { _ = try constraints.require(counterexample.execution, observed: counterexample.outcome, evaluator: evaluator) }
        catch { throw .solver(reason: "\(error) (symbolic learning)") }
    }

    /// Learns a schedule another thread's search learned (`SharedSchedules`); false when it
    /// was already known here (nothing asserted).
    /// - Throws: `SearchFailure.solver` if Z3 fails.
    func learnSchedule(_ execution: Execution, observed: Outcome, evaluator: SpecEvaluator) throws(SearchFailure) -> Bool {
        guard !constraints.knows(execution) else { return false }
        do { _ = try constraints.require(execution, observed: observed, evaluator: evaluator) }
        catch { throw .solver(reason: "\(error) (symbolic learning)") }
        return true
    }

    /// Whether some completion of `assigned` (`assigned[i]` = action of entry `i`, or -1)
    /// survives every learned schedule; see the type's discussion.
    /// - Throws: `SearchFailure.solver` if Z3 fails.
    func check(_ assigned: [Int16], timeoutMilliseconds: UInt32) throws(SearchFailure) -> Answer {
        let clock = Stopwatch()
        defer {
            checks += 1
            seconds += clock.seconds
        }
        do {
            var assumptions: [Z3AST] = []
            var entryOf: [Int] = []
            for i in assigned.indices where assigned[i] >= 0 {
                assumptions.append(try constraints.assumption(space.entries[i], equals: Int(assigned[i])))
                entryOf.append(i)
            }
            try constraints.solver.setTimeout(milliseconds: max(timeoutMilliseconds, 1))
            let solver = constraints.solver
            let answer = cancellation.whileRunning(onCancel: constraints.interrupter.interrupt) {
                solver.check(assumptions: assumptions)
            }
            switch answer {
            case .unsat:
                // A refutation must name every assumption it used: a core Z3 cannot give, or a
                // core literal that is none of ours, answers unknown (never a smaller conflict).
                guard let core = constraints.solver.unsatCore() else { return .unknown }
                var entries: Set<Int> = []
                for literal in core {
                    guard let k = assumptions.firstIndex(where: { $0.isSame(as: literal) }) else { return .unknown }
                    entries.insert(entryOf[k])
                }
                return .refuted(entries)
            case .unknown:
                return .unknown
            case .sat:
                guard let model = constraints.solver.model() else { return .unknown }
                let table = try constraints.table(from: model)
                var constrained: Set<TableEntry> = []
                for schedule in constraints.schedules {
                    if let run = CounterexamplePool.replay(schedule, on: table) { constrained.formUnion(run.reads) }
                }
                return .completion(table, constrained: constrained)
            }
        } catch {
            throw .solver(reason: "\(error) (symbolic learning)")
        }
    }
}

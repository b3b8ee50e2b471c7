import Diagnostics
import Game
import SpecLanguage
import Z3Kit

/// One every-n check: the gap query, the violation query, the bisection for the smallest
/// violating `n`, and the replay.
final class EveryNRun {
    let checker: EveryNChecker
    let system: CounterSystem
    var checks = 0
    /// After a violation or gap: whether bisection proved no smaller `n` has one (false when a
    /// query below gave out).
    var smallestIsExact = true

    init(checker: EveryNChecker, system: CounterSystem) {
        self.checker = checker
        self.system = system
    }

    var context: Z3Context { system.context }
    var cancelled: Bool { checker.cancellation?.isCancelled == true }

    /// A fresh Boolean `b` with `b => fact` asserted, to assume `fact` for some checks only.
    private func literal(_ fact: Z3AST, _ name: String) throws(EveryNFailure) -> Z3AST {
        do {
            let b = try context.mkFreshConst(prefix: name, sort: context.boolSort())
            try system.solver.assert(try context.mkImplies(b, fact))
            return b
        } catch { throw .check(.solver(reason: "\(error)")) }
    }

    func verdict(properties: [Z3AST]) throws(EveryNFailure) -> EveryNVerdict {
        do { try system.solver.setTimeout(milliseconds: checker.timeoutMilliseconds) } catch { throw .check(.solver(reason: "\(error)")) }
        let anyGap: Z3AST
        do { anyGap = try system.anyGap() } catch { throw .check(.solver(reason: "\(error)")) }
        if context.literalBoolValue(anyGap) != false {
            let gap = try literal(anyGap, "gap")
            switch solve([gap]) {
            case .unsat: break
            case .unknown(let reason): return .unknown(reason: reason)
            case .sat:
                let (model, exact) = try smallest([gap])
                smallestIsExact = exact
                return try replay(model, expectingGap: true)
            }
        }
        var broken: [Z3AST] = []
        do { for p in properties { broken.append(try context.mkNot(p)) } } catch { throw .check(.solver(reason: "\(error)")) }
        let violation = try literal(try orOf(broken), "violation")
        switch solve([violation]) {
        case .unsat: return .verified(from: checker.lowerBound)
        case .unknown(let reason): return .unknown(reason: reason)
        case .sat:
            let (model, exact) = try smallest([violation])
            smallestIsExact = exact
            return try replay(model, expectingGap: false)
        }
    }

    private func orOf(_ terms: [Z3AST]) throws(EveryNFailure) -> Z3AST {
        do { return try context.mkOr(terms) } catch { throw .check(.solver(reason: "\(error)")) }
    }

    func solve(_ assumptions: [Z3AST]) -> Z3CheckResult {
        if cancelled { return .unknown(reason: "interrupted") }
        checks += 1
        let result = system.solver.check(assumptions: assumptions)
        guard case .unknown(let reason) = result else { return result }
        if cancelled { return .unknown(reason: "interrupted") }
        if reason == Z3CheckResult.timedOut {
            return .unknown(reason: "Z3 timed out (\(checker.timeoutMilliseconds) ms per query)")
        }
        return result
    }

    /// The last check's model as counts.
    private func currentModel() throws(EveryNFailure) -> CounterModel {
        guard let model = system.solver.model(), let counts = CounterModel(system, model) else {
            throw .check(.solver(reason: "Z3 answered sat without a complete model"))
        }
        return counts
    }

    /// The model of the smallest `n` satisfying `assumptions` that bisection finds (after a
    /// `sat` check of `assumptions`); a query that gives out keeps the best so far.
    /// - Complexity: O(log n) checks.
    private func smallest(_ assumptions: [Z3AST]) throws(EveryNFailure) -> (CounterModel, exact: Bool) {
        var best = try currentModel()
        var low = checker.lowerBound
        var exact = true
        while low < best.n {
            let middle = (low + best.n) / 2
            let bound: Z3AST
            do { bound = try context.mkLe(system.n, try context.mkInt(middle)) } catch { throw .check(.solver(reason: "\(error)")) }
            switch solve(assumptions + [try literal(bound, "at_most")]) {
            case .sat: best = try currentModel()
            case .unsat: low = middle + 1
            case .unknown:
                exact = false
                low = best.n
            }
        }
        return (best, exact)
    }

    /// Builds the model's execution at its `n` and replays it: a gap is thrown as
    /// `EveryNFailure.gap`; a violation returned as a counterexample.
    private func replay(_ model: CounterModel, expectingGap: Bool) throws(EveryNFailure) -> EveryNVerdict {
        let n = model.n
        guard n <= Setting.maxProcesses else {
            return .unknown(reason: "Z3 found a violation only at n = \(n), above the \(Setting.maxProcesses) processes the simulator replays")
        }
        let spec: Spec, table: TransitionTable, evaluator: SpecEvaluator
        do {
            spec = try checker.spec.withProcesses(n)
            table = try TransitionTable.compile(checker.proto, for: spec.setting, file: checker.protocolFile)
            evaluator = try SpecEvaluator(spec: spec, timeoutMilliseconds: 10_000)
        } catch {
            return .unknown(reason: "Z3 found a violation at n = \(n), but it cannot be replayed there: \(error.message)")
        }
        let execution: Execution
        do {
            execution = try EveryNConcretization.execution(model, table: table, system: system)
        } catch {
            throw .check(.solver(reason: "the counter model at n = \(n) does not concretize: \(error)"))
        }
        do {
            let counterexample = try Counterexample.replay(execution, table: table, spec: spec, evaluator: evaluator)
            if expectingGap { throw EveryNFailure.check(.replay(.gapNotReached(execution))) }
            return .violated(counterexample)
        } catch let failure as EveryNFailure {
            throw failure
        } catch let failure as Counterexample.ReplayFailure {
            switch failure {
            case .gap(let gap): throw .gap(gap, processes: n)
            case .specUnknown(let reason):
                return .unknown(reason: "Z3 found a violation at n = \(n), but its replay could not decide the spec (\(reason))")
            default:
                if expectingGap { throw .check(.replay(.gapNotReached(execution))) }
                throw .check(.replay(failure))
            }
        } catch {
            throw .check(.solver(reason: "\(error)"))
        }
    }
}

import Diagnostics
import Z3Kit

/// Decides whether a spec's assertions hold on outcomes, with one long-lived Z3 solver.
///
/// Semantics: an `Outcome` fixes `input`, `correct` and `decision` on every process constant,
/// and `Proc` has no other values, so each assertion is simply true or false on it. The solver
/// holds, once, `lit_i => (not A_i)` for every assertion `A_i` and `any => (or lit_1 … lit_m)`;
/// per outcome it checks `any` under assumption literals that fix the outcome. Unsat means
/// every assertion holds. Sat means one fails; the first failing one (in file order) is found
/// from the model and, if needed, by checking the earlier `lit_i` one at a time.
///
/// Soundness: `.holds` is only returned on `unsat`, i.e. a proof that no assertion can be false
/// on the outcome; a timeout or Z3's incompleteness gives `.unknown`, never `.holds`. A spec term
/// Z3 leaves partly unspecified (such as `(div x 0)`) holds only if it holds for every choice.
///
/// Cost: the first call per distinct outcome is one incremental check (tens of microseconds for
/// the consensus spec), plus at most one more check per earlier property when one fails; every
/// later call for the same outcome is a dictionary lookup. Verdicts, `.unknown` included, are
/// cached for the evaluator's lifetime, so answers are stable within a run.
///
/// Not `Sendable`: it owns a Z3 context. Make one per task.
public final class SpecEvaluator {
    /// The spec being evaluated.
    public let spec: Spec
    /// Solver checks done so far.
    public private(set) var queries = 0
    /// `evaluate` calls answered from the cache.
    public private(set) var cacheHits = 0

    private let vocabulary: SpecVocabulary
    private let solver: Z3Solver
    /// `lit_i`, asserted as `lit_i => (not A_i)`.
    private let failureLiterals: [Z3AST]
    /// Asserted as `any => (or lit_1 … lit_m)`.
    private let anyFailure: Z3AST
    private var atoms: OutcomeAtoms
    private var cache: [Outcome: OutcomeVerdict] = [:]

    /// Builds the solver for `spec` at `spec.setting.processes`.
    /// - Parameters:
    ///   - spec: a spec from `Spec.parse`, `Spec.load` or `withProcesses`.
    ///   - timeoutMilliseconds: the bound on each solver check; a check that runs out gives
    ///     `.unknown`.
    /// - Throws: `Diagnostic` if Z3 rejects the spec at this `n` (only if `spec.setting` was
    ///   changed by hand) or Z3 itself fails.
    /// - Complexity: one Z3 context (about 5 ms) plus O(n · (inputs + decisions)) assertions.
    public init(spec: Spec, timeoutMilliseconds: UInt32 = 10_000) throws(Diagnostic) {
        self.spec = spec
        let context: Z3Context
        do {
            context = try Z3Context()
        } catch {
            throw Self.internalFailure(error, spec: spec)
        }
        let (vocabulary, assertions) = try spec.solverAssertions(in: context)
        self.vocabulary = vocabulary
        do throws(Z3Error) {
            solver = try Z3Solver(context: context)
            try solver.setTimeout(milliseconds: timeoutMilliseconds)
            var literals: [Z3AST] = []
            for parsed in assertions {
                let assertion = try context.expandQuantifiers(
                    in: parsed, over: vocabulary.proc, values: vocabulary.processes)
                let literal = try context.mkFreshConst(prefix: "fails", sort: context.boolSort())
                try solver.assert(try context.mkImplies(literal, try context.mkNot(assertion)))
                literals.append(literal)
            }
            failureLiterals = literals
            anyFailure = try context.mkFreshConst(prefix: "anyFails", sort: context.boolSort())
            try solver.assert(try context.mkImplies(anyFailure, try context.mkOr(literals)))
            atoms = try OutcomeAtoms(vocabulary: vocabulary, setting: spec.setting, solver: solver)
        } catch {
            throw Self.internalFailure(error, spec: spec)
        }
    }

    private static func internalFailure(_ error: Z3Error, spec: Spec) -> Diagnostic {
        Diagnostic(.badInput, file: spec.file,
                   message: "\(error); Z3 failed while preparing the spec's evaluator — please report it")
    }

    /// Whether every assertion of the spec holds on `outcome`.
    ///
    /// - Precondition: `outcome.processes.count == spec.setting.processes`.
    /// - Returns: `.holds`, `.fails(property:)` with the first failing property's index into
    ///   `spec.properties`, or `.unknown(reason:)` if Z3 could not decide (never a pass).
    /// - Complexity: O(1) amortised for an outcome seen before; otherwise one or a few solver
    ///   checks (see the type's documentation).
    public func evaluate(_ outcome: Outcome) -> OutcomeVerdict {
        if let known = cache[outcome] {
            cacheHits += 1
            return known
        }
        precondition(outcome.processes.count == spec.setting.processes,
                     "SpecEvaluator.evaluate: outcome has \(outcome.processes.count) processes, spec has \(spec.setting.processes)")
        let verdict = decide(outcome)
        cache[outcome] = verdict
        return verdict
    }

    private func decide(_ outcome: Outcome) -> OutcomeVerdict {
        let fixed: [Z3AST]
        do {
            fixed = try atoms.literals(for: outcome)
        } catch {
            return .unknown(reason: "could not encode the outcome: \(error)")
        }
        switch check(fixed + [anyFailure]) {
        case .unsat: return .holds
        case let .unknown(reason): return .unknown(reason: reason)
        case .sat: break
        }
        // Some assertion fails. The model names one, k; earlier ones are checked one by one so
        // the answer is the first failing property in file order.
        let model = solver.model()
        let named = model.flatMap { model in failureLiterals.firstIndex { model.boolValue(of: $0) == true } }
        for index in 0..<(named ?? failureLiterals.count) {
            switch check(fixed + [failureLiterals[index]]) {
            case .sat: return .fails(property: index)
            case .unsat: continue
            case let .unknown(reason): return .unknown(reason: reason)
            }
        }
        guard let named else {
            return .unknown(reason: "Z3 found a failing assertion but no single assertion fails on its own")
        }
        return .fails(property: named)
    }

    private func check(_ assumptions: [Z3AST]) -> Z3CheckResult {
        queries += 1
        return solver.check(assumptions: assumptions)
    }
}

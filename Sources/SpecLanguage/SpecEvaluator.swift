import Diagnostics
import Z3Kit

/// Decides whether a spec's assertions hold on outcomes, with one long-lived Z3 context.
///
/// Semantics: an `Outcome` fixes `input`, `correct` and `decision` on every process constant,
/// and `Proc` has no other values, so each assertion is simply true or false on it.
///
/// Method. Once, at construction: every quantifier over `Proc` is expanded into its `n^k`
/// instances (exact, since `p0 … p(n-1)` are all of `Proc`). An assertion that is then
/// quantifier-free is *ground*; the others are *solver-side*. The solver holds
/// `lit_i => (not A_i)` for every assertion, `any => (or lit_i …)` over the solver-side ones, and
/// assumption literals that fix each `(input pj)`, `(decision pj)`, `(correct pj)` to a value.
/// Per outcome, in file order: a ground assertion is decided by substituting the outcome's
/// values and simplifying; the solver-side ones are decided together by one check of `any`
/// under the outcome's assumption literals (unsat: all hold). When something fails, earlier
/// undecided assertions are checked one by one (`lit_i` sat: fails), so the verdict names the
/// first failing property.
///
/// Soundness: `.holds` needs every assertion reduced to `true` or refuted by an `unsat`;
/// a timeout or Z3's incompleteness gives `.unknown`, never `.holds`. A term Z3 leaves partly
/// unspecified (such as `(div x 0)`) holds only if it holds for every choice.
///
/// Cost (consensus spec, release build, CPU time): about 25 µs per new outcome at n = 3 and
/// 150 µs at n = 16 (the expanded `agreement` has n² instances); a repeated outcome is a
/// dictionary lookup (< 1 µs). Construction costs about 10 ms.
/// Verdicts, `.unknown` included, are cached for the evaluator's lifetime, so answers are
/// stable within a run.
///
/// Interruption: `interrupter` (which is `Sendable`) stops the evaluator from another thread,
/// Z3 query included; from then on every outcome that needs a solver check answers
/// `.unknown(reason: SpecEvaluator.interruptedReason)` (not cached).
///
/// Not `Sendable`: it owns a Z3 context. Make one per task.
public final class SpecEvaluator {
    /// The spec being evaluated.
    public let spec: Spec
    /// Stops this evaluator from another thread (Ctrl-C): see `Interrupter`.
    public let interrupter: Interrupter
    /// The reason of the `.unknown` verdicts an interrupted evaluator gives.
    public static let interruptedReason = Z3CheckResult.interrupted
    /// Solver checks done so far (ground assertions decided by simplification are not counted).
    public private(set) var queries = 0
    /// `evaluate` calls answered from the cache.
    public private(set) var cacheHits = 0

    /// The bound on each solver check, as given to `init`.
    public let timeoutMilliseconds: UInt32
    private let solver: Z3Solver
    /// Each assertion with its `Proc` quantifiers expanded.
    private let assertions: [Z3AST]
    /// Whether assertion `i` is quantifier-free after expansion (decided by `rewriter`).
    private let isGround: [Bool]
    /// `lit_i`, asserted as `lit_i => (not A_i)`.
    private let failureLiterals: [Z3AST]
    /// Asserted as `any => (or lit_i …)` over the solver-side assertions.
    private let anyFailure: Z3AST
    private var atoms: OutcomeAtoms
    private var rewriter: OutcomeRewriter
    private var cache: [Outcome: OutcomeVerdict] = [:]

    /// Builds the solver for `spec` at `spec.setting.processes`.
    /// - Parameters:
    ///   - spec: a spec from `Spec.parse`, `Spec.load` or `withProcesses`.
    ///   - timeoutMilliseconds: the bound on each solver check; a check that runs out gives
    ///     `.unknown`.
    /// - Throws: `Diagnostic` if Z3 rejects the spec at this `n` (only if `spec.setting` was
    ///   changed by hand); `.internalError` if Z3 itself fails.
    /// - Complexity: one Z3 context (about 5 ms), the expansion (`n^k` instances for a
    ///   quantifier over `k` processes), and O(n · (inputs + decisions)) assertions.
    public init(spec: Spec, timeoutMilliseconds: UInt32 = 10_000) throws(Diagnostic) {
        self.spec = spec
        self.timeoutMilliseconds = timeoutMilliseconds
        let context: Z3Context
        do {
            context = try Z3Context()
        } catch {
            throw Self.internalFailure(error, spec: spec)
        }
        interrupter = Interrupter(Z3Interrupter(context))
        let (vocabulary, parsed) = try spec.solverAssertions(in: context)
        do throws(Z3Error) {
            solver = try Z3Solver(context: context)
            try solver.setTimeout(milliseconds: timeoutMilliseconds)
            var assertions: [Z3AST] = []
            var literals: [Z3AST] = []
            // The outcome's derived terms (index, decided, faults) are functions of
            // input/decision/correct: substituted where ground, pinned by axioms where not;
            // decision-round and lost are fixed with the outcome, like input.
            let derived = spec.readsDerived ? try vocabulary.derived() : (sources: [], targets: [], axioms: [])
            for axiom in derived.axioms { try solver.assert(axiom) }
            for term in parsed {
                let expanded = try context.expandQuantifiers(in: term, over: vocabulary.proc, values: vocabulary.processes)
                let assertion = try context.simplify(try context.substitute(expanded, from: derived.sources, to: derived.targets))
                let literal = try context.mkFreshConst(prefix: "fails", sort: context.boolSort())
                try solver.assert(try context.mkImplies(literal, try context.mkNot(assertion)))
                assertions.append(assertion)
                literals.append(literal)
            }
            let ground = assertions.map { !$0.containsQuantifier }
            self.assertions = assertions
            isGround = ground
            failureLiterals = literals
            anyFailure = try context.mkFreshConst(prefix: "anyFails", sort: context.boolSort())
            let solverSide = literals.indices.filter { !ground[$0] }.map { literals[$0] }
            try solver.assert(try context.mkImplies(anyFailure, try context.mkOr(solverSide)))
            // `decision-round` and `lost` can appear only in a spec that reads the derived vocabulary.
            atoms = try OutcomeAtoms(vocabulary: vocabulary, setting: spec.setting, solver: solver, fixesExtras: spec.readsDerived)
            rewriter = try OutcomeRewriter(vocabulary: vocabulary, fixesExtras: spec.readsDerived)
        } catch {
            throw Self.internalFailure(error, spec: spec)
        }
    }

    /// A fresh evaluator for the same spec and time bound, with a Z3 context of its own: for
    /// another thread (an evaluator is used by one thread at a time). Its cache starts empty.
    /// - Throws: as `init` (Z3 loaded this spec before, so only Z3 itself failing).
    public func sibling() throws(Diagnostic) -> SpecEvaluator {
        try SpecEvaluator(spec: spec, timeoutMilliseconds: timeoutMilliseconds)
    }

    private static func internalFailure(_ error: Z3Error, spec: Spec) -> Diagnostic {
        Diagnostic(.internalError, file: spec.file,
                   message: "\(error); Z3 failed while preparing the spec's evaluator — please report it")
    }

    /// Whether every assertion of the spec holds on `outcome`.
    ///
    /// - Precondition: `outcome.processes.count == spec.setting.processes`.
    /// - Returns: `.holds`, `.fails(property:)` with the first failing property's index into
    ///   `spec.properties`, or `.unknown(reason:)` if Z3 could not decide (never a pass).
    /// - Complexity: O(1) amortised for an outcome seen before; otherwise a simplification per
    ///   ground assertion and one solver check (more only when a property fails).
    ///   After `interrupter.interrupt()`, an outcome that needs a solver check gives
    ///   `.unknown(reason: SpecEvaluator.interruptedReason)`, which is not cached.
    public func evaluate(_ outcome: Outcome) -> OutcomeVerdict {
        if let known = cache[outcome] {
            cacheHits += 1
            return known
        }
        precondition(outcome.processes.count == spec.setting.processes,
                     "SpecEvaluator.evaluate: outcome has \(outcome.processes.count) processes, spec has \(spec.setting.processes)")
        let verdict = decide(outcome)
        if case .unknown = verdict, interrupter.isInterrupted {
            return .unknown(reason: Self.interruptedReason)
        }
        cache[outcome] = verdict
        return verdict
    }

    private func decide(_ outcome: Outcome) -> OutcomeVerdict {
        let fixed: [Z3AST]
        do {
            fixed = try atoms.literals(for: outcome)
            try rewriter.fix(outcome)
        } catch {
            return .unknown(reason: "could not encode the outcome: \(error)")
        }
        // Ground assertions by simplification, up to the first one that is false.
        var pending: [Int] = []  // assertions not yet decided, in order
        var firstFalse: Int?
        for index in assertions.indices {
            guard isGround[index], let value = rewriter.value(of: assertions[index]) else {
                pending.append(index)
                continue
            }
            if !value {
                firstFalse = index
                break
            }
        }
        if firstFalse == nil, !pending.isEmpty, pending.allSatisfy({ !isGround[$0] }) {
            // The common case: one check decides every solver-side assertion at once.
            switch check(fixed + [anyFailure]) {
            case .unsat: return .holds
            case let .unknown(reason): return .unknown(reason: reason)
            case .sat:
                // One of `pending` fails; rule out all but the last one by one.
                firstFalse = pending.removeLast()
            }
        }
        // `firstFalse` (if any) fails; an earlier pending assertion that fails comes first.
        for index in pending {
            switch check(fixed + [failureLiterals[index]]) {
            case .sat: return .fails(property: index)
            case .unsat: continue
            case let .unknown(reason): return .unknown(reason: reason)
            }
        }
        return firstFalse.map { .fails(property: $0) } ?? .holds
    }

    private func check(_ assumptions: [Z3AST]) -> Z3CheckResult {
        // An interrupted context is finished: ask it nothing more.
        guard !interrupter.isInterrupted else { return .unknown(reason: Self.interruptedReason) }
        queries += 1
        return solver.check(assumptions: assumptions)
    }
}

extension SpecEvaluator {
    /// Stops a `SpecEvaluator` from another thread: the Z3 query it is running (if any) ends at
    /// once, and from then on the evaluator asks Z3's solver nothing more — an outcome that
    /// would need a solver check answers `.unknown(reason: "interrupted")`; verdicts decided
    /// before stay cached and are still given, and ground assertions are still decided by
    /// simplification. There is no way back: make a new evaluator for new work.
    ///
    /// `Sendable`, safe from any thread (a Ctrl-C handler); it is the evaluator's context's
    /// `Z3Interrupter`, which stops a query even when the interrupt races with its start.
    public final class Interrupter: Sendable {
        private let solver: Z3Interrupter

        init(_ solver: Z3Interrupter) { self.solver = solver }

        /// Stops the evaluator now. Idempotent; returns at once.
        public func interrupt() { solver.interrupt() }

        /// Whether `interrupt()` was called.
        public var isInterrupted: Bool { solver.isInterrupted }
    }
}

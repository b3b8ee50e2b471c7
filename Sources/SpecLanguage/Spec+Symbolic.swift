import Diagnostics
import Z3Kit

/// An outcome given as Z3 terms instead of values: for process `pj`, `inputs[j]` and
/// `decisions[j]` are Int terms and `correct[j]` a Boolean term, free to depend on anything the
/// caller has declared (the symbolic checker's adversary choices, say).
///
/// Not `Sendable`: it holds terms of one context.
public struct SymbolicOutcome {
    /// `(input pj)`, Int.
    public var inputs: [Z3AST]
    /// `(decision pj)`, Int (`ProcessOutcome.noDecision` for a crashed process, by the caller's
    /// encoding).
    public var decisions: [Z3AST]
    /// `(correct pj)`, Bool.
    public var correct: [Z3AST]
    /// `lost`, Int (messages lost on links); nil for the numeral 0.
    public var lost: Z3AST?
    /// `(decision-round pj)`, Int (`-1` for a process that never decided); nil when every
    /// decider decides at round `R` (it is then `R` for a decider, `-1` otherwise).
    public var decisionRounds: [Z3AST]?

    /// - Precondition: the arrays have one term per process.
    public init(inputs: [Z3AST], decisions: [Z3AST], correct: [Z3AST], decisionRounds: [Z3AST]? = nil, lost: Z3AST? = nil) {
        self.lost = lost
        self.decisionRounds = decisionRounds
        precondition(inputs.count == decisions.count && inputs.count == correct.count,
                     "SymbolicOutcome: one input, decision and correct term per process")
        self.inputs = inputs
        self.decisions = decisions
        self.correct = correct
    }
}

extension Spec {
    /// The spec's assertions over a symbolic outcome, in `outcome`'s context: Z3 parses and
    /// sort-checks them against the engine's vocabulary at `setting.processes` (as
    /// `SpecEvaluator` does), every quantifier over `Proc` is expanded into its instances, and
    /// each `(input pj)`, `(decision pj)`, `(correct pj)`, `(decision-round pj)` and `lost` is
    /// replaced by `outcome`'s term.
    ///
    /// Soundness: the vocabulary is also *tied* to the outcome — `ties` holds
    /// `(= (input pj) inputs[j])` and the like for every `j` — so an application the
    /// substitution cannot see (say `(input (ite c p0 p1))`) still means the same. Assert every
    /// tie; then `properties[i]` is true in a model exactly when property `i` holds on the
    /// outcome the model gives (`Proc` has no values besides `p0 … p(n-1)`).
    ///
    /// - Parameter outcome: one term per process, `setting.processes` of each.
    /// - Returns: one Boolean term per entry of `properties`, in order, and the ties.
    /// - Throws: `Diagnostic(.internalError)` only if Z3 fails (the spec was validated when it
    ///   was parsed).
    /// - Complexity: linear in the text, plus the expansion (`n^k` instances for a quantifier
    ///   over `k` processes).
    public func assertions(on outcome: SymbolicOutcome, in context: Z3Context) throws(Diagnostic)
        -> (properties: [Z3AST], ties: [Z3AST])
    {
        let n = setting.processes
        precondition(outcome.inputs.count == n, "Spec.assertions(on:in:): the outcome has \(outcome.inputs.count) processes, the spec \(n)")
        let (vocabulary, parsed) = try solverAssertions(in: context)
        do throws(Z3Error) {
            var sources: [Z3AST] = []
            var targets: [Z3AST] = []
            var ties: [Z3AST] = []
            for (j, process) in vocabulary.processes.enumerated() {
                let applied = [try context.apply(vocabulary.input, [process]),
                               try context.apply(vocabulary.decision, [process]),
                               try context.apply(vocabulary.correct, [process])]
                let values = [outcome.inputs[j], outcome.decisions[j], outcome.correct[j]]
                for (term, value) in zip(applied, values) {
                    sources.append(term)
                    targets.append(value)
                    ties.append(try context.mkEq(term, value))
                }
            }
            let lost = try context.apply(vocabulary.lost, [])
            let lostValue: Z3AST
            if let term = outcome.lost { lostValue = term } else { lostValue = try context.mkInt(0) }
            sources.append(lost)
            targets.append(lostValue)
            ties.append(try context.mkEq(lost, lostValue))
            let never = try context.mkInt(ProcessOutcome.noDecision)
            let last = try context.mkInt(setting.rounds)
            // Only a spec that reads the derived vocabulary can name `decision-round`; others get
            // exactly the encoding they had before it was an outcome value.
            for (j, process) in vocabulary.processes.enumerated() where readsDerived {
                let term = try context.apply(vocabulary.decisionRound, [process])
                let value: Z3AST
                if let given = outcome.decisionRounds?[j] {
                    value = given
                } else {
                    value = try context.mkIte(try context.mkEq(outcome.decisions[j], never), never, last)
                }
                sources.append(term)
                targets.append(value)
                ties.append(try context.mkEq(term, value))
            }
            // The derived terms first (they are defined over correct), then the outcome's values.
            let derived = readsDerived ? try vocabulary.derived() : (sources: [], targets: [], axioms: [])
            for axiom in derived.axioms { ties.append(axiom) }
            var properties: [Z3AST] = []
            for term in parsed {
                let expanded = try context.expandQuantifiers(in: term, over: vocabulary.proc, values: vocabulary.processes)
                let defined = try context.substitute(expanded, from: derived.sources, to: derived.targets)
                properties.append(try context.simplify(try context.substitute(defined, from: sources, to: targets)))
            }
            return (properties, ties)
        } catch {
            throw Diagnostic(.internalError, file: file,
                             message: "\(error); Z3 failed while encoding the spec symbolically — please report it")
        }
    }
}

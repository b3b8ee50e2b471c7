import Diagnostics
import Z3Kit

/// One process of a universe of representatives (`Spec.assertions(onRepresentatives:…)`): its
/// outcome values, which are concrete, and a Boolean term saying whether it is in the universe.
///
/// Not `Sendable`: `present` belongs to one Z3 context.
public struct Representative {
    /// `(input p)`.
    public var input: Int
    /// `(correct p)`.
    public var correct: Bool
    /// `(decision p)`; `ProcessOutcome.noDecision` for a process that never decided.
    public var decision: Int
    /// `(decision-round p)`; `ProcessOutcome.noDecision` when `decision` is.
    public var decisionRound: Int
    /// Whether the representative is present (a Boolean term of the caller's context).
    public var present: Z3AST

    public init(input: Int, correct: Bool, decision: Int, decisionRound: Int, present: Z3AST) {
        self.input = input
        self.correct = correct
        self.decision = decision
        self.decisionRound = decision == ProcessOutcome.noDecision ? ProcessOutcome.noDecision : decisionRound
        self.present = present
    }
}

extension Spec {
    /// The deepest nesting of quantifiers over `Proc` in the spec's assertions (a quantifier
    /// binding `k` processes counts `k`; `define-fun` bodies count where they are used), as Z3
    /// reads them at `setting.processes`.
    ///
    /// - Returns: the depth, or nil when some quantifier binds a `Proc` variable together with a
    ///   variable of another sort (the representatives argument does not cover it).
    /// - Throws: `Diagnostic(.internalError)` only if Z3 fails (the spec was validated).
    /// - Complexity: linear in the text, plus one Z3 context (about 5 ms).
    public func procQuantifierDepth() throws(Diagnostic) -> Int? {
        let context: Z3Context
        do { context = try Z3Context() } catch {
            throw Diagnostic(.internalError, file: file, message: "\(error); Z3 could not create a context")
        }
        let (vocabulary, parsed) = try solverAssertions(in: context)
        var depth = 0
        do throws(Z3Error) {
            for term in parsed {
                let measured = try context.quantifierDepth(in: term, over: vocabulary.proc)
                if measured.mixesSorts { return nil }
                depth = max(depth, measured.depth)
            }
        } catch {
            throw Diagnostic(.internalError, file: file, message: "\(error); Z3 failed while reading the spec — please report it")
        }
        return depth
    }

    /// The spec's assertions read in a universe of representatives: `Proc` has one value per
    /// entry of `representatives`, every quantifier over `Proc` ranges over the present ones
    /// only (relativized: `forall` instances become implications from presence, `exists`
    /// instances conjunctions with it), each representative's `input`, `correct`, `decision`,
    /// `decided` and `decision-round` are its numerals, and `faults` and `lost` are the given
    /// terms (so they may count processes the universe does not hold).
    ///
    /// Soundness (docs/checking.md, "Every n"): for a symmetric spec (no `pK`, no `index`) whose
    /// quantifiers over `Proc` nest at most `d` deep (`procQuantifierDepth`), the result is true
    /// exactly when the spec holds on an outcome in which, for every kind of process (input,
    /// correctness, decision, decision round), the number of processes of that kind capped at
    /// `d` equals the number of present representatives of that kind, and whose `faults` and
    /// `lost` are the given terms' values. The caller makes the presence terms say so.
    ///
    /// - Parameters:
    ///   - representatives: at least one.
    ///   - faults: `faults` (Int term).
    ///   - lost: `lost` (Int term); nil for the numeral 0.
    /// - Returns: one Boolean term per property, and the ties (`(= (input pj) v)` and the like
    ///   for every representative, `(= faults …)`, `(= lost …)`) to assert, which pin any
    ///   application the substitution could not see.
    /// - Throws: `Diagnostic(.internalError)` if Z3 fails; `Diagnostic(.badInput)` when a
    ///   quantifier over `Proc` cannot be relativized (it binds other sorts too).
    /// - Precondition: the spec is symmetric and does not read `index`.
    /// - Complexity: linear in the text, plus `representatives.count ^ k` instances per
    ///   quantifier binding `k` processes.
    public func assertions(onRepresentatives representatives: [Representative], faults: Z3AST, lost: Z3AST?,
                           in context: Z3Context) throws(Diagnostic) -> (properties: [Z3AST], ties: [Z3AST]) {
        precondition(!representatives.isEmpty, "Spec.assertions(onRepresentatives:): at least one representative")
        precondition(isSymmetric, "Spec.assertions(onRepresentatives:): the spec must be symmetric")
        let vocabulary: SpecVocabulary
        let parsed: [Z3AST]
        do throws(Z3Error) {
            vocabulary = try SpecVocabulary(context: context, processes: representatives.count)
            parsed = try vocabulary.parse(solverText)
        } catch {
            throw Diagnostic(.internalError, file: file,
                             message: "\(error); Z3 failed while reading the spec over representatives — please report it")
        }
        var sources: [Z3AST] = [], targets: [Z3AST] = [], ties: [Z3AST] = []
        do throws(Z3Error) {
            for (j, process) in vocabulary.processes.enumerated() {
                let r = representatives[j]
                sources.append(try context.apply(vocabulary.input, [process]))
                targets.append(try context.mkInt(r.input))
                sources.append(try context.apply(vocabulary.decision, [process]))
                targets.append(try context.mkInt(r.decision))
                sources.append(try context.apply(vocabulary.correct, [process]))
                targets.append(try context.mkBool(r.correct))
                sources.append(try context.apply(vocabulary.decided, [process]))
                targets.append(try context.mkBool(r.decision != ProcessOutcome.noDecision))
                sources.append(try context.apply(vocabulary.decisionRound, [process]))
                targets.append(try context.mkInt(r.decisionRound))
            }
            sources.append(try context.apply(vocabulary.faults, []))
            targets.append(faults)
            sources.append(try context.apply(vocabulary.lost, []))
            if let lost { targets.append(lost) } else { targets.append(try context.mkInt(0)) }
            for (s, t) in zip(sources, targets) { ties.append(try context.mkEq(s, t)) }
        } catch {
            throw Diagnostic(.internalError, file: file,
                             message: "\(error); Z3 failed while encoding the spec over representatives — please report it")
        }
        let presence = representatives.map(\.present)
        var properties: [Z3AST] = []
        for term in parsed {
            let expanded: Z3AST
            do {
                expanded = try context.expandQuantifiers(in: term, over: vocabulary.proc, values: vocabulary.processes,
                                                         presence: presence)
            } catch {
                throw Diagnostic(.badInput, file: file,
                                 message: "\(error); expected quantifiers over Proc that bind only Proc variables")
            }
            do throws(Z3Error) {
                properties.append(try context.simplify(try context.substitute(expanded, from: sources, to: targets)))
            } catch {
                throw Diagnostic(.internalError, file: file,
                                 message: "\(error); Z3 failed while encoding the spec over representatives — please report it")
            }
        }
        return (properties, ties)
    }
}

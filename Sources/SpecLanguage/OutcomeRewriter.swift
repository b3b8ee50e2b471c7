import Z3Kit

/// The evaluator's fast path for quantifier-free assertions (after `Proc` quantifiers are
/// expanded): substitute an outcome's values for `(input pj)`, `(decision pj)` and
/// `(correct pj)` and let Z3's simplifier reduce the result to `true` or `false`.
///
/// Soundness: substitution and simplification preserve meaning, so `true` means the assertion
/// holds on the outcome and `false` that it fails. Anything else (e.g. `(div x 0)`, which Z3
/// leaves unspecified) gives no answer and the caller asks the solver. Not `Sendable`.
struct OutcomeRewriter {
    private let context: Z3Context
    /// `(input p0), (decision p0), (correct p0), (input p1), …`, then (when `fixesExtras`)
    /// `(decision-round p0) …` and `lost`: what gets replaced.
    private let sources: [Z3AST]
    /// The current outcome's values for `sources`.
    private var targets: [Z3AST] = []
    private let trueTerm: Z3AST
    private let falseTerm: Z3AST
    /// Integer literals by value, made on first use.
    private var numerals: [Int: Z3AST] = [:]

    /// Whether `decision-round` and `lost` are replaced too (only a spec that reads them needs it).
    private let fixesExtras: Bool

    init(vocabulary: SpecVocabulary, fixesExtras: Bool) throws(Z3Error) {
        self.fixesExtras = fixesExtras
        context = vocabulary.context
        var sources: [Z3AST] = []
        for process in vocabulary.processes {
            sources.append(try context.apply(vocabulary.input, [process]))
            sources.append(try context.apply(vocabulary.decision, [process]))
            sources.append(try context.apply(vocabulary.correct, [process]))
        }
        if fixesExtras {
            for process in vocabulary.processes { sources.append(try context.apply(vocabulary.decisionRound, [process])) }
            sources.append(try context.apply(vocabulary.lost, []))
        }
        self.sources = sources
        trueTerm = try context.mkBool(true)
        falseTerm = try context.mkBool(false)
    }

    /// Makes `outcome` the one `value(of:)` evaluates on.
    /// - Complexity: O(n).
    mutating func fix(_ outcome: Outcome) throws(Z3Error) {
        targets.removeAll(keepingCapacity: true)
        for entry in outcome.processes {
            targets.append(try numeral(entry.input))
            targets.append(try numeral(entry.decision))
            targets.append(entry.correct ? trueTerm : falseTerm)
        }
        if fixesExtras {
            for entry in outcome.processes { targets.append(try numeral(entry.decisionRound)) }
            targets.append(try numeral(outcome.lost))
        }
    }

    /// The truth value of `assertion` on the fixed outcome, or nil if simplification does not
    /// reduce it to a literal (or Z3 fails).
    /// - Complexity: O(size of `assertion`).
    func value(of assertion: Z3AST) -> Bool? {
        guard let reduced = try? context.simplify(try context.substitute(assertion, from: sources, to: targets)) else {
            return nil
        }
        return context.literalBoolValue(reduced)
    }

    private mutating func numeral(_ value: Int) throws(Z3Error) -> Z3AST {
        if let known = numerals[value] { return known }
        let made = try context.mkInt(value)
        numerals[value] = made
        return made
    }
}

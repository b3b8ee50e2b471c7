import Diagnostics
import SpecLanguage
import Testing
import TestSupport

/// Nesting in specs: the reader accepts up to 1000 levels of parentheses and rejects more with
/// one located error (never a crash); what it accepts, and terms that `define-fun`s nest far
/// deeper than the text, go through Z3 and the evaluator on a small stack.
@Suite("Spec nesting limits", .timeLimit(.minutes(5)))
struct NestingTests {
    static let agreement = "(forall ((i Proc) (j Proc)) (=> (and (correct i) (correct j)) (= (decision i) (decision j))))"

    /// `(assert (not (not ... BODY)))` with `count` nots.
    static func negated(_ count: Int, _ body: String = "true") -> String {
        "(assert " + String(repeating: "(not ", count: count) + body + String(repeating: ")", count: count) + ")"
    }

    @Test func oneThousandLevelsAreReadAndChecked() {
        // (assert is level 1; 998 nots and (correct p0) make 1000.
        let ok = SmallStack.run(bytes: 1 << 20) { () -> Bool in
            guard let spec = try? SpecFixtures.parse(SpecFixtures.minimal(Self.negated(998, "(correct p0)"))),
                  let evaluator = try? SpecEvaluator(spec: spec) else { return false }
            let crashed = outcome([(0, false, -1), (1, true, 1), (1, true, 1)])
            let correct = outcome([(0, true, 0), (1, true, 1), (1, true, 1)])
            return evaluator.evaluate(crashed) == .fails(property: 0) && evaluator.evaluate(correct) == .holds
        }
        #expect(ok)
    }

    @Test func deeperNestingIsOneLocatedError() throws {
        // The 1001st '(' is the 1000th '(not', at column 9 + 5 * 999.
        for count in [1000, 30_000] {
            let error = try #require(SpecFixtures.diagnostic(SpecFixtures.minimal(Self.negated(count))))
            #expect(error.description == "spec.smt2:4:5004: error: expression nested too deeply (more than 1000 levels of parentheses); expected at most 1000 levels")
        }
        let parentheses = try #require(SpecFixtures.diagnostic(SpecFixtures.minimal(String(repeating: "(", count: 100_000))))
        #expect(parentheses.line == 4 && parentheses.column == 1001)
        #expect(parentheses.message.hasPrefix("expression nested too deeply"))
    }

    @Test func unclosedDeepListPointsAtTheInnermostOpening() throws {
        // 499 of the 501 lists close; the innermost open one is the first '(not'.
        let text = SpecFixtures.minimal("(assert " + String(repeating: "(not ", count: 500) + "true" + String(repeating: ")", count: 499))
        let error = try #require(SpecFixtures.diagnostic(text))
        #expect(error.line == 4 && error.column == 9, "\(error)")
        #expect(error.message.hasPrefix("unclosed '('"))
    }

    @Test func definitionsNestingFarDeeperThanTheTextAreSafe() {
        // a0 wraps x in 40 pairs (and (<= 0 (input p0)) (or (< (input p1) 0) ...)), which Z3
        // keeps as written; a1 applies a0 40 times: (a1 x) is 3,200 connectives deep, and on
        // outcomes (inputs are never negative) means x. The quantifier expansion walks it all.
        let k = 40
        let body = "(define-fun a0 ((x Bool)) Bool " + String(repeating: "(and (<= 0 (input p0)) (or (< (input p1) 0) ", count: k)
            + "x" + String(repeating: "))", count: k) + ")\n"
            + "(define-fun a1 ((x Bool)) Bool " + String(repeating: "(a0 ", count: k) + "x" + String(repeating: ")", count: k) + ")\n"
            + "(assert (a1 \(Self.agreement)))"
        let ok = SmallStack.run(bytes: 512 << 10) { () -> Bool in
            guard let spec = try? SpecFixtures.parse(SpecFixtures.minimal(body)),
                  let evaluator = try? SpecEvaluator(spec: spec) else { return false }
            let agree = outcome([(0, true, 1), (1, true, 1), (1, false, -1)])
            let disagree = outcome([(0, true, 0), (1, true, 1), (1, true, 1)])
            return evaluator.evaluate(agree) == .holds && evaluator.evaluate(disagree) == .fails(property: 0)
        }
        #expect(ok)
    }
}

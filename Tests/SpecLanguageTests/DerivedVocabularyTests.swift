import SpecLanguage
import Testing

/// The outcome's derived terms under crash faults with decisions at the last round:
/// `(index pj)` = j, `(decided p)` = `(correct p)`, `(decision-round p)` = R or -1, `faults` =
/// how many processes are not correct, `lost` = 0 — each decided exactly by the evaluator, in
/// ground assertions (substituted) and under quantifiers over Int (the solver's axioms).
@Suite("Derived outcome vocabulary", .timeLimit(.minutes(5)))
struct DerivedVocabularyTests {
    static func evaluator(_ assertion: String) throws -> SpecEvaluator {
        let text = "(set-info :processes 3) (set-info :faulty 2) (set-info :rounds 4)\n(assert \(assertion))\n"
        return try SpecEvaluator(spec: try Spec.parse(text, file: "d.smt2"))
    }

    /// p0 correct deciding 1, p1 crashed, p2 correct deciding 0.
    static let outcome = Outcome([ProcessOutcome(input: 1, correct: true, decision: 1, rounds: 4),
                                  ProcessOutcome(input: 0, correct: false, decision: ProcessOutcome.noDecision, rounds: 4),
                                  ProcessOutcome(input: 0, correct: true, decision: 0, rounds: 4)])

    @Test(arguments: [
        ("(= (index p2) 2)", true), ("(= (index p1) 0)", false),
        ("(forall ((i Proc)) (= (decided i) (correct i)))", true), ("(decided p1)", false),
        ("(= (decision-round p0) 4)", true), ("(= (decision-round p1) (- 1))", true),
        ("(= faults 1)", true), ("(= faults 2)", false), ("(= lost 0)", true),
        ("(exists ((k Int)) (and (> k faults) (< k 2)))", false),
        ("(forall ((k Int)) (=> (= k (index p1)) (> (+ k faults) 1)))", true),
    ])
    func eachTermHasItsValue(_ assertion: String, _ holds: Bool) throws {
        let verdict = try Self.evaluator(assertion).evaluate(Self.outcome)
        #expect(verdict == (holds ? .holds : .fails(property: 0)), "\(assertion): \(verdict)")
    }

    @Test func indexMakesASpecAsymmetric() throws {
        let symmetric = try Spec.parse("(set-info :processes 3) (set-info :crashes 1) (set-info :rounds 2)\n(assert (<= faults 1))\n", file: "s.smt2")
        #expect(symmetric.isSymmetric)
        let indexed = try Spec.parse("(set-info :processes 3) (set-info :crashes 1) (set-info :rounds 2)\n(assert (forall ((i Proc)) (>= (index i) 0)))\n", file: "s.smt2")
        #expect(!indexed.isSymmetric && indexed.readsIndex)
    }
}

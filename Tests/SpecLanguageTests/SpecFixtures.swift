import Diagnostics
import SpecLanguage
import Testing

/// Spec texts shared by the SpecLanguage tests.
enum SpecFixtures {
    /// A binary consensus spec, as in docs/spec-format.md (assertions on lines 17 and 18).
    static let consensus = """
        ; Binary consensus: 3 processes, at most 1 crash, decide after 2 rounds.
        (set-info :processes 3)
        (set-info :crashes 1)
        (set-info :rounds 2)
        (set-info :inputs 2)
        (set-info :decisions 2)
        (set-info :states 2)
        (set-info :round-aware false)
        (set-info :expect realizable)
        (define-fun agreement () Bool
          (forall ((i Proc) (j Proc))
            (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
        (define-fun validity () Bool
          (forall ((v Int))
            (=> (forall ((i Proc)) (= (input i) v))
                (forall ((i Proc)) (=> (correct i) (= (decision i) v))))))
        (assert agreement)
        (assert validity)

        """

    /// The three required attributes (lines 1–3) and then `body`.
    static func minimal(_ body: String = "(assert true)") -> String {
        "(set-info :processes 3)\n(set-info :crashes 1)\n(set-info :rounds 2)\n" + body
    }

    /// Parses `text` as `spec.smt2`.
    static func parse(_ text: String) throws(Diagnostic) -> Spec {
        try Spec.parse(text, file: "spec.smt2")
    }

    /// The diagnostic `text` is rejected with, or nil (recording an issue) if it is accepted.
    static func diagnostic(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
        do {
            _ = try parse(text)
            Issue.record("spec was accepted", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }
}

/// Builds an outcome from `(input, correct, decision)` triples, one per process.
func outcome(_ entries: [(Int, Bool, Int)]) -> Outcome {
    Outcome(entries.map { ProcessOutcome(input: $0.0, correct: $0.1, decision: $0.2, rounds: 2) })
}

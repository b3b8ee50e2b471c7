import Diagnostics
import SpecLanguage
import Testing

@Suite("Spec syntax errors are located", .timeLimit(.minutes(5)))
struct SExpressionSyntaxTests {
    /// Expects `text` to be rejected as bad input at `line`:`column` with `fragment` in the message.
    private func expectError(_ text: String, _ line: Int, _ column: Int, _ fragment: String,
                             kind: Diagnostic.Kind = .badInput,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let error = SpecFixtures.diagnostic(text, sourceLocation: sourceLocation) else { return }
        #expect(error.kind == kind, sourceLocation: sourceLocation)
        #expect(error.file == "spec.smt2", sourceLocation: sourceLocation)
        #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
        #expect(error.column == column, "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains("expected"), "\(error)", sourceLocation: sourceLocation)
    }

    @Test func unclosedParenthesisPointsAtItsOpening() {
        expectError(SpecFixtures.minimal("(assert\n  (and true true)"), 4, 1, "unclosed '('")
    }

    @Test func strayClosingParenthesis() {
        expectError(SpecFixtures.minimal("(assert true))"), 4, 14, "unexpected ')'")
    }

    @Test func unterminatedString() {
        expectError(SpecFixtures.minimal("(assert (= \"abc true))"), 4, 12, "unterminated string")
    }

    @Test func unterminatedQuotedSymbol() {
        expectError(SpecFixtures.minimal("; comment with ( and \"\n(assert |p0)"), 5, 9, "unterminated quoted symbol")
    }

    @Test func malformedToken() {
        expectError(SpecFixtures.minimal("(assert 'x)"), 4, 9, "malformed token ''x'")
    }

    @Test func descriptionReadsFileLineColumn() {
        let error = SpecFixtures.diagnostic(SpecFixtures.minimal("(assert true))"))
        #expect(error?.description.hasPrefix("spec.smt2:4:14: error: unexpected ')'") == true)
    }
}

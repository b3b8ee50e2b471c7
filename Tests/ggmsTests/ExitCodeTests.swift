import Diagnostics
import Records
import Testing
@testable import ggms

@Suite(.timeLimit(.minutes(5))) struct ExitCodeTests {
    @Test func everyDiagnosticKindHasItsDocumentedExitCode() {
        func code(_ kind: Diagnostic.Kind) -> Int32 { ExitStatus.code(for: Diagnostic(kind, file: nil, message: "m")) }
        #expect(code(.badInput) == 65)
        #expect(code(.missingFile) == 66)
        #expect(code(.usage) == 64)
        // A Z3 failure is a bug in ggms, never bad input.
        #expect(code(.internalError) == 70)
    }
}

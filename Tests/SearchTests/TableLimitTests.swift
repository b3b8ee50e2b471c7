import Diagnostics
import SpecLanguage
import Testing
@testable import Search

@Suite(.timeLimit(.minutes(5))) struct TableLimitTests {
    @Test func tooManyStatesIsLocatedAtStatesWithANoteAtProcesses() throws {
        let text = "(set-info :processes 9)\n(set-info :crashes 1)\n(set-info :rounds 2)\n(set-info :states 8)\n(assert true)\n"
        let spec = try Spec.parse(text, file: "big.smt2")
        do {
            try Synthesis.requireTableFits(spec)
            Issue.record("9^8 states fit")
        } catch {
            #expect(error.kind == .badInput)
            #expect(error.location == SourceLocation(file: "big.smt2", line: 4, column: 19), "\(error)")
            #expect(error.message.contains("':states' is 8"), "\(error)")
            #expect(error.message.contains("expected n^states <= 4194304, here at most 6 states"), "\(error)")
            #expect(error.notes == [.init(at: SourceLocation(file: "big.smt2", line: 1, column: 22), "n = 9 is set here")])
        }
    }

    @Test func largestFittingSettingsPass() throws {
        for (n, states) in [(6, 8), (8, 7), (12, 6), (21, 5), (45, 4), (63, 3)] {
            let text = "(set-info :processes \(n))\n(set-info :crashes 1)\n(set-info :rounds 2)\n(set-info :states \(states))\n(assert true)\n"
            try Synthesis.requireTableFits(try Spec.parse(text, file: "ok.smt2"))
        }
    }
}

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

    /// Under identities the observations name each sender: `(M+1)^(n-1)` of them (the spec
    /// reader already keeps `n` at most 14 there).
    @Test func identitiesBoundTheTableBySender() throws {
        func spec(n: Int, states: Int) throws -> Spec {
            try Spec.parse("(set-info :processes \(n))\n(set-info :crashes 1)\n(set-info :rounds 2)\n(set-info :states \(states))\n"
                           + "(set-info :identities true)\n(assert true)\n", file: "ids.smt2")
        }
        // 3^13 and 5^9 fit; 4^12 = 2^24 does not (counted, 13^3 would).
        try Synthesis.requireTableFits(try spec(n: 14, states: 2))
        try Synthesis.requireTableFits(try spec(n: 10, states: 4))
        for (n, states, most) in [(13, 3, "here at most 2 states"), (12, 4, "here at most 3 states")] {
            let large = try spec(n: n, states: states)
            do {
                try Synthesis.requireTableFits(large)
                Issue.record("n = \(n), \(states) states fit by sender")
            } catch {
                #expect(error.kind == .badInput)
                #expect(error.message.contains("indexed by what each of the other n-1 processes sent"), "\(error)")
                #expect(error.message.contains("(states+1)^(n-1) <= 4194304"), "\(error)")
                #expect(error.message.contains(most), "\(error)")
            }
        }
    }
}

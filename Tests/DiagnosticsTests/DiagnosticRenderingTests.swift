import Diagnostics
import Testing

@Suite(.timeLimit(.minutes(5))) struct DiagnosticRenderingTests {
    @Test func errorLineIsUnchangedWithoutNotes() {
        let located = Diagnostic(.badInput, file: "a.smt2", line: 3, column: 7, message: "bad; expected good")
        #expect(located.description == "a.smt2:3:7: error: bad; expected good")
        #expect(Diagnostic(.missingFile, file: "a.smt2", message: "gone").description == "a.smt2: error: gone")
        #expect(Diagnostic(.usage, file: nil, message: "no").description == "error: no")
        #expect(Diagnostic(file: "f", line: 2, message: "m").description == "f:2: error: m")
    }

    @Test func notesFollowTheErrorLineInOrder() {
        let location = SourceLocation(file: "p.protocol", line: 9, column: 3)
        var diagnostic = Diagnostic(.badInput, at: location, message: "gap; expected a rule")
        diagnostic.notes.append(.init(at: SourceLocation(file: "p.protocol", line: 7, column: 3), "this rule led here"))
        diagnostic = diagnostic.adding(.init(file: "s.smt2", "the spec"))
            .adding(.init(file: "s.smt2", line: 4, "line only"))
            .adding(.init("observation heard(0) = 2, missing = 1"))
        #expect(diagnostic.description == """
            p.protocol:9:3: error: gap; expected a rule
            p.protocol:7:3: note: this rule led here
            s.smt2: note: the spec
            s.smt2:4: note: line only
            note: observation heard(0) = 2, missing = 1
            """)
        #expect(diagnostic.headline == "p.protocol:9:3: error: gap; expected a rule")
        #expect(diagnostic.description.split(separator: "\n").first.map(String.init) == diagnostic.headline)
        #expect(diagnostic.location == location)
    }

    @Test func notesTakePartInEquality() {
        let plain = Diagnostic(file: "f", line: 1, column: 1, message: "m")
        #expect(plain != plain.adding(.init("n")))
        #expect(plain.adding(.init("n")) == plain.adding(.init("n")))
    }

    @Test func internalErrorsSayInternal() {
        let diagnostic = Diagnostic(.internalError, file: "a.smt2", message: "Z3 failed — please report it")
        #expect(diagnostic.description == "a.smt2: internal error: Z3 failed — please report it")
        #expect(diagnostic.location == nil)
    }
}

@Suite(.timeLimit(.minutes(5))) struct PrintableMessageTests {
    @Test func quotedUserTextCannotBreakTheLine() {
        let diagnostic = Diagnostic(file: "a\nb.smt2", line: 1, column: 2, message: "malformed token 'x\u{1B}[31m\ty\r\n\u{7F}\u{85}'; expected a symbol")
            .adding(.init("bidi \u{202E}gnp.exe\u{2028}end"))
        #expect(diagnostic.description == #"""
            a\nb.smt2:1:2: error: malformed token 'x\u{1B}[31m\ty\r\n\u{7F}\u{0085}'; expected a symbol
            note: bidi \u{202E}gnp.exe\u{2028}end
            """#)
        // The stored message stays as given; only printing escapes.
        #expect(diagnostic.message.contains("\u{1B}"))
    }

    @Test func ordinaryTextIsUnchanged() {
        let message = "unknown constant q; expected p0 … p2 — café, ∀ i: Proc"
        #expect(Diagnostic(file: nil, message: message).description == "error: " + message)
    }
}

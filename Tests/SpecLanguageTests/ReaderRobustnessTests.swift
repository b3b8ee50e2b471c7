import Diagnostics
import Foundation
import SpecLanguage
import Testing

/// Regressions from fuzzing the spec reader (issue "Reader robustness"): every rejection is a
/// located `.badInput` whose position lies inside the text, under any line ending.
@Suite("Spec reader robustness", .timeLimit(.minutes(5)))
struct ReaderRobustnessTests {
    private func expectError(_ text: String, _ line: Int, _ column: Int, _ fragment: String,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let error = SpecFixtures.diagnostic(text, sourceLocation: sourceLocation) else { return }
        #expect(error.kind == .badInput, "\(error)", sourceLocation: sourceLocation)
        #expect(error.line == line && error.column == column, "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
    }

    @Test func nulInACommentIsALocatedErrorNotAnInternalOne() {
        // Z3 reads a C string and used to stop at the NUL: "0 assertions for 2 asserts".
        expectError(SpecFixtures.minimal("; a comment \u{0} here\n(assert true)\n(assert true)"), 4, 13, "NUL character")
    }

    @Test func nulAnywhereIsLocated() {
        expectError(SpecFixtures.minimal("(assert (= \"a\u{0}b\" \"c\"))"), 4, 14, "NUL character")
        expectError("\u{0}", 1, 1, "NUL character")
    }

    @Test func unknownConstantUnderCRLFIsOnItsLine() {
        let text = SpecFixtures.minimal("(assert true)\n(assert\n  (= p0 q))\n").replacingOccurrences(of: "\n", with: "\r\n")
        expectError(text, 6, 9, "unknown constant q")
    }

    @Test func loneCarriageReturnIsWhitespaceAsInSMTLIB() {
        // Lines end at line feeds only (as for Z3), so this is all line 4.
        expectError(SpecFixtures.minimal("(assert true)\r(assert\r (= p0 q))"), 4, 30, "unknown constant q")
    }

    @Test func errorAtAMultiLineQuotedSymbolIsNotPastItsLine() {
        // Z3 gives the symbol's last line with its first column: 5:19, past the end of "b|)(assert true)".
        expectError(SpecFixtures.minimal("(define-sort S () |a\nb|)(assert true)"), 4, 19, "unknown sort")
        expectError(SpecFixtures.minimal("(assert (forall ((x |I\nnt|)) true))"), 4, 21, "unknown sort")
    }

    @Test func unknownMultiLineQuotedConstantPointsAtIt() {
        expectError(SpecFixtures.minimal("(assert (and |x\nyyyyyyyyyyyyyyyyyyyy|\n  q))"), 4, 14, "unknown constant x y")
        // Z3 appends the sort to the name here ("a bInt"); the symbol is still found.
        expectError(SpecFixtures.minimal("(assert (as |a\nb| Int))"), 4, 13, "unknown constant a b")
        // After a multi-line symbol, a later error on its last line is where Z3 says.
        expectError(SpecFixtures.minimal("(define-fun |a\nbc| () Bool true)\n(assert (and |a\nbc| q))"), 7, 5,
                    "unknown constant q")
    }

    @Test func unknownConstantIsTheLastUseBeforeZ3sPosition() {
        // The first `q` is bound; the unbound one is on line 5.
        expectError(SpecFixtures.minimal("(assert (forall ((q Int)) (> q 0)))\n(assert (= q 1))"), 5, 12,
                    "unknown constant q")
    }

    @Test func sortHintOnlyForSortMismatches() {
        let mismatch = SpecFixtures.diagnostic(SpecFixtures.minimal("(assert (= (input p0) true))"))
        #expect(mismatch?.message.contains("expected matching sorts") == true, "\(String(describing: mismatch))")
        let argument = SpecFixtures.diagnostic(SpecFixtures.minimal("(assert (ite 1 true false))"))
        #expect(argument?.message.contains("expected matching sorts") == true, "\(String(describing: argument))")
        // "pattern matching is only supported …" contains "ort" but is no sort mismatch.
        let syntax = SpecFixtures.diagnostic(SpecFixtures.minimal("(assert (match 1 ((x true))))"))
        #expect(syntax?.message.contains("supported") == true, "\(String(describing: syntax))")
        #expect(syntax?.message.contains("matching sorts") == false, "\(String(describing: syntax))")
        let unknownSort = SpecFixtures.diagnostic(SpecFixtures.minimal("(assert (forall ((x Port)) true))"))
        #expect(unknownSort?.message.contains("expected Int, Bool, Proc or a sort from define-sort") == true)
    }

    @Test func attributeLocationsAreKept() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.consensus)
        #expect(spec.attributeLocation("states") == SourceLocation(file: "spec.smt2", line: 7, column: 19))
        #expect(spec.attributeLocation(":processes") == SourceLocation(file: "spec.smt2", line: 2, column: 22))
        #expect(spec.attributeLocation("nonsense") == nil)
        #expect(try SpecFixtures.parse(SpecFixtures.minimal()).attributeLocation("states") == nil)
        // A process count from the command line has no place in the file.
        #expect(try spec.withProcesses(4).attributeLocation("processes") == nil)
    }

    @Test func notUTF8IsLocatedAtTheFirstBadByte() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ggms-not-utf8-\(UUID().uuidString).smt2")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(Array(SpecFixtures.minimal("(assert tr").utf8) + [0xFF] + Array("ue)".utf8)).write(to: url)
        do {
            _ = try Spec.load(path: url.path)
            Issue.record("accepted")
        } catch {
            #expect(error.kind == .badInput)
            #expect(error.line == 4 && error.column == 11, "\(error)")
            #expect(error.message.contains("not UTF-8"), "\(error)")
        }
    }
}

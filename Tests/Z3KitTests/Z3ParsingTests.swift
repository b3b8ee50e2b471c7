import Testing
import Z3Kit

@Suite("Z3Context.parseSMTLIB2", .timeLimit(.minutes(5)))
struct Z3ParsingTests {
    /// A context with `Proc = {p0, p1, p2}` and `(correct Proc) Bool`, `(input Proc) Int`.
    private func vocabulary() throws -> (Z3Context, [(name: String, sort: Z3Sort)], [(name: String, decl: Z3FuncDecl)]) {
        let context = try Z3Context()
        let (proc, _) = try context.mkEnumerationSort(name: "Proc", constants: ["p0", "p1", "p2"])
        let correct = try context.mkFuncDecl(name: "correct", domain: [proc], range: context.boolSort())
        let input = try context.mkFuncDecl(name: "input", domain: [proc], range: context.intSort())
        return (context, [("Proc", proc)], [("correct", correct), ("input", input)])
    }

    private func parseError(_ text: String) throws -> Z3ParseError? {
        let (context, sorts, decls) = try vocabulary()
        do {
            _ = try context.parseSMTLIB2(text, sorts: sorts, decls: decls)
            return nil
        } catch let .parse(error) {
            return error
        }
    }

    @Test func parsesAndSolvesWithDeclaredVocabulary() throws {
        let (context, sorts, decls) = try vocabulary()
        let terms = try context.parseSMTLIB2("""
            (define-fun all () Bool (forall ((i Proc)) (correct i)))
            (assert all)
            (assert (not (correct p1)))
            """, sorts: sorts, decls: decls)
        #expect(terms.count == 2)
        let solver = try Z3Solver(context: context)
        try solver.assert(terms[0])
        #expect(solver.check() == .sat)
        try solver.assert(terms[1])
        #expect(solver.check() == .unsat)
    }

    @Test func errorOnFirstLineIsLocated() throws {
        let error = try #require(try parseError("(assert (correct q))"))
        #expect(error.line == 1)
        #expect(error.column == 18)
        #expect(error.message == "unknown constant q")
    }

    @Test func errorOnLaterLineUsesOneBasedColumn() throws {
        let error = try #require(try parseError("(assert true)\n\n   (assert (correct p7))"))
        #expect(error.line == 3)
        #expect(error.column == 21)
        #expect(error.message == "unknown constant p7")
    }

    @Test func columnCountsCharactersNotBytes() throws {
        let error = try #require(try parseError("(assert true)\n  (assert (= \"é\" p3))"))
        #expect(error.line == 2)
        #expect(error.column == 18)
    }

    @Test func nonBooleanAssertIsAParseError() throws {
        let error = try #require(try parseError("(assert (correct p0))\n(assert (input p0))"))
        #expect(error.line == 2)
        #expect(error.message.contains("not Boolean"))
    }

    @Test func staleErrorDoesNotPoisonTheNextParse() throws {
        let (context, sorts, decls) = try vocabulary()
        #expect(throws: Z3Error.self) { try context.parseSMTLIB2("(assert q)", sorts: sorts, decls: decls) }
        #expect(try context.parseSMTLIB2("(assert (correct p0))", sorts: sorts, decls: decls).count == 1)
    }
}

@Suite("Z3ParseError reading", .timeLimit(.minutes(5)))
struct Z3ParseErrorTests {
    @Test func onlyTheFirstErrorIsRead() throws {
        let context = try Z3Context()
        let text = "(assert x)\n(assert y)"
        // Z3 normally stops at the first error; a message with two is still read as the first.
        do {
            _ = try context.parseSMTLIB2(text)
            Issue.record("unknown constants were accepted")
        } catch let .parse(error) {
            #expect(error.line == 1 && error.column == 9)
            #expect(error.message == "unknown constant x")
            #expect(error.description == "line 1 column 9: unknown constant x")
        }
    }
}

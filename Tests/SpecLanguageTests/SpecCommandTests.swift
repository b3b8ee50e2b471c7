import Diagnostics
import Foundation
import SpecLanguage
import Testing

@Suite("Spec commands, Z3 errors, properties and symmetry", .timeLimit(.minutes(5)))
struct SpecCommandTests {
    private func expectError(_ text: String, _ line: Int, _ column: Int, _ fragment: String,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let error = SpecFixtures.diagnostic(text, sourceLocation: sourceLocation) else { return }
        #expect(error.kind == .badInput, sourceLocation: sourceLocation)
        #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
        #expect(error.column == column, "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains("; expected") || error.message.contains("; a spec may use"), "\(error)",
                sourceLocation: sourceLocation)
    }

    /// SMT-LIB2's own benchmark attributes and housekeeping commands are accepted and ignored.
    @Test func standardAttributesAndCommandsAreIgnored() throws {
        let spec = try Spec.parse(SpecFixtures.minimal("(set-info :status sat)\n(set-info :source |hand written|)\n(set-option :produce-models true)\n(check-sat)\n(get-model)\n(assert true)"), file: "s.smt2")
        #expect(spec.setting.processes >= 2)
    }

    @Test func unsupportedCommand() {
        expectError(SpecFixtures.minimal("(assert true)\n  (declare-fun f (Int) Int)"), 5, 4,
                    "unsupported command 'declare-fun'; expected set-info, define-fun, define-sort or assert")
        expectError(SpecFixtures.minimal("()"), 4, 1, "is not a command")
        expectError(SpecFixtures.minimal("(push 1)"), 4, 2, "unsupported command 'push'")
    }

    @Test func atLeastOneAssertion() {
        expectError(SpecFixtures.minimal("(define-fun ok () Bool true)"), 1, 1, "no assertion")
    }

    @Test func vocabularyCannotBeRedefined() {
        expectError(SpecFixtures.minimal("(define-fun input () Int 1)\n(assert true)"), 4, 13,
                    "'input' is part of the engine's vocabulary")
        expectError(SpecFixtures.minimal("(define-sort Proc () Int)\n(assert true)"), 4, 14, "vocabulary")
    }

    @Test func z3UnknownConstantIsMapped() {
        expectError(SpecFixtures.minimal("(assert true)\n(assert (correct q))"), 5, 18, "unknown constant q; expected")
    }

    @Test func z3NonBooleanAssertionIsMapped() {
        expectError(SpecFixtures.minimal("(assert (input p0))"), 4, 19,
                    "invalid assert command, term is not Boolean; expected a Boolean term")
    }

    @Test func z3SortErrorIsMapped() {
        expectError(SpecFixtures.minimal("(assert (= (input p0) p1))"), 4, 25, "expected matching sorts")
    }

    @Test func processConstantBeyondN() {
        expectError(SpecFixtures.minimal("(assert\n   (correct p7))"), 5, 13,
                    "unknown process constant 'p7'; expected one of p0 … p2")
    }

    @Test func ignoredCommandsDoNotShiftPositions() {
        // set-info, check-sat and exit are hidden from Z3 without moving later positions.
        expectError(SpecFixtures.minimal("(check-sat) (assert (correct r))"), 4, 30, "unknown constant r")
    }

    @Test func propertiesAreNamedAndLocated() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.consensus)
        #expect(spec.propertyNames == ["agreement", "validity"])
        #expect(spec.properties[0].location == Diagnostics.SourceLocation(file: "spec.smt2", line: 17, column: 1))
        #expect(spec.properties[1].text == "(assert validity)")
        let other = try SpecFixtures.parse(SpecFixtures.minimal("""
            (define-fun ok () Bool true)
            (assert (! (correct p0) :named first-correct))
            (assert (and ok
                         true))
            (assert ok)
            """))
        #expect(other.propertyNames == ["first-correct", "assertion 2", "ok"])
        #expect(other.properties[1].text == "(assert (and ok\n             true))")
        #expect(other.properties[1].location.line == 6)
    }

    @Test func symmetry() throws {
        let symmetric = try SpecFixtures.parse(SpecFixtures.consensus)
        #expect(symmetric.isSymmetric)
        #expect(symmetric.mentionedProcesses == [])
        let pinned = try SpecFixtures.parse(SpecFixtures.minimal("""
            (define-fun leader () Bool (correct p2))
            (assert (=> leader (= (decision |p2|) (input p0))))
            """))
        #expect(!pinned.isSymmetric)
        #expect(pinned.mentionedProcesses == [0, 2])
    }

    @Test func loadReadsAFileAndReportsMissingOnes() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("ggms-spec-\(UInt64.random(in: 0...UInt64.max)).smt2").path
        try SpecFixtures.consensus.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let spec = try Spec.load(path: path)
        #expect(spec.file == path)
        #expect(spec.properties.count == 2)
        #expect(throws: Diagnostic(.missingFile, file: path + ".none",
                                   message: "cannot read spec file; expected an existing SMT-LIB2 file")) {
            try Spec.load(path: path + ".none")
        }
    }

    @Test func withProcesses() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.consensus)
        let large = try spec.withProcesses(16)
        #expect(large.setting.processes == 16)
        #expect(large.setting.crashes == 1)
        #expect(large.isSymmetric)
        #expect(large.propertyNames == spec.propertyNames)
        #expect(throws: Diagnostic.self) { try spec.withProcesses(1) }
        let crashy = try SpecFixtures.parse("(set-info :processes 4)\n(set-info :crashes 2)\n(set-info :rounds 3)\n(assert true)")
        do {
            _ = try crashy.withProcesses(2)
            Issue.record("2 processes with 2 crashes was accepted")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.message.contains("expected more than 2 processes"))
        }
        let pinned = try SpecFixtures.parse(SpecFixtures.minimal("(assert (correct p2))"))
        #expect(try pinned.withProcesses(5).mentionedProcesses == [2])
        do {
            _ = try pinned.withProcesses(2)
            Issue.record("p2 at n = 2 was accepted")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.line == 4 && error.column == 18)
            #expect(error.message.contains("at least 3 processes"))
        }
    }
}

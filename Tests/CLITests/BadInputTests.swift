import Foundation
import Testing

/// Bad input ends cleanly: the documented exit code, one diagnostic line on stderr in the form
/// `FILE:LINE:COL: error: what is wrong; what was expected` (the location parts only where they
/// exist), and nothing on stdout. The exact texts are in the golden files; this checks the shape.
@Suite(.timeLimit(.minutes(5))) struct BadInputTests {
    /// Where the diagnostic must point.
    enum Location: Sendable { case lineAndColumn, fileOnly, none }

    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var exitCode: Int32
        var location: Location
        var testDescription: String { arguments.joined(separator: " ") }
        /// The file the diagnostic must name, if any.
        var file: String?
    }

    static let fixtures = "Tests/CLITests/Fixtures/"
    static let consensus = "Specs/consensus3.smt2"
    static let floodset = "Protocols/floodset.protocol"

    static func spec(_ name: String) -> Case {
        Case(arguments: ["verify", fixtures + name, floodset], exitCode: 65, location: .lineAndColumn, file: fixtures + name)
    }

    static func proto(_ name: String, location: Location = .lineAndColumn) -> Case {
        Case(arguments: ["verify", consensus, fixtures + name], exitCode: 65, location: location, file: fixtures + name)
    }

    static let cases: [Case] = [
        spec("unbalanced.smt2"),
        spec("unknown-attribute.smt2"),
        spec("too-many-crashes.smt2"),
        spec("missing-rounds.smt2"),
        spec("unknown-constant.smt2"),
        spec("declare-fun.smt2"),
        proto("syntax-error.protocol"),
        proto("unknown-state.protocol"),
        proto("duplicate-state.protocol"),
        proto("missing-init.protocol"),
        proto("decision-out-of-range.protocol"),
        proto("literal-too-large.protocol"),
        proto("nested-too-deeply.protocol"),
        proto("guard-too-long.protocol"),
        proto("dead-rule.protocol"),
        spec("nested-too-deeply.smt2"),
        // Reader robustness: bytes that are not text, and CRLF line endings.
        spec("not-utf8.smt2"),
        spec("nul-in-comment.smt2"),
        spec("crlf-unknown-constant.smt2"),
        proto("not-utf8.protocol"),
        // A gap is found while checking, not parsing: the diagnostic points at the last rule
        // (where a covering rule would go) and names the observation that no rule covers.
        proto("gap.protocol"),
        Case(arguments: ["verify", "Specs/nonexistent.smt2", floodset], exitCode: 66, location: .fileOnly,
             file: "Specs/nonexistent.smt2"),
        Case(arguments: ["verify", consensus, "Protocols/nonexistent.protocol"], exitCode: 66, location: .fileOnly,
             file: "Protocols/nonexistent.protocol"),
        Case(arguments: ["verify", "--processes", "1...3", consensus, floodset], exitCode: 64, location: .none),
        Case(arguments: ["verify", "--processes", "x", consensus, floodset], exitCode: 64, location: .none),
        Case(arguments: ["verify", "--processes", "2...3", "Specs/consensus4.smt2", floodset], exitCode: 64,
             location: .fileOnly, file: "Specs/consensus4.smt2"),
        // A protocol where a spec belongs, or a spec where a protocol belongs: said before either
        // file is read (the golden files hold the texts).
        Case(arguments: ["verify", floodset, consensus], exitCode: 64, location: .none),
        Case(arguments: ["verify", floodset, "Protocols/majority.protocol"], exitCode: 64, location: .none),
        Case(arguments: ["verify", consensus, "Specs/consensus4.smt2"], exitCode: 64, location: .none),
        Case(arguments: ["synthesize", floodset], exitCode: 64, location: .none),
        Case(arguments: ["show", consensus, "--table", floodset], exitCode: 64, location: .none),
        Case(arguments: ["show", "Specs"], exitCode: 66, location: .fileOnly, file: "Specs"),
        // Numbers a user can type negative reach ggms's own check.
        Case(arguments: ["synthesize", consensus, "--seed", "-1"], exitCode: 64, location: .none),
        Case(arguments: ["synthesize", consensus, "--time-limit", "-5"], exitCode: 64, location: .none),
        Case(arguments: ["synthesize", consensus, "--time-limit", "0"], exitCode: 64, location: .none),
        Case(arguments: ["synthesize", consensus, "--max-processes", "2"], exitCode: 64, location: .none),
        Case(arguments: ["synthesize", consensus, "--output", "Specs"], exitCode: 64, location: .none),
        Case(arguments: ["bench", "--time-limit", "-1"], exitCode: 64, location: .none),
        // `ggms bench` checks its whole input before any run starts.
        Case(arguments: ["bench", "--strategies", "ggms,dsf"], exitCode: 64, location: .none),
        Case(arguments: ["bench", "--seeds", "0"], exitCode: 64, location: .none),
        Case(arguments: ["bench", "--suite", "Specs/nonexistent", "--strategies", "dfs"], exitCode: 66, location: .fileOnly,
             file: "Specs/nonexistent"),
        Case(arguments: ["bench", "--suite", fixtures + "bench-malformed", "--strategies", "dfs"], exitCode: 65,
             location: .lineAndColumn, file: fixtures + "bench-malformed/broken.smt2"),
    ]

    @Test(arguments: cases)
    func badInputWritesOnlyADiagnostic(_ c: Case) throws {
        let output = try GGMSRunner.run(c.arguments)
        #expect(output.exitCode == c.exitCode, "stderr: \(output.stderr)")
        // `verify` prints the header before its check; a gap the check finds closes it with a
        // `stopped` line, with no verdict. Anything found before a check leaves stdout empty.
        let foundByTheCheck = output.stdout.hasSuffix("\nstopped at n = 3: the check failed (the error is on stderr)\n")
        #expect(output.stdout.isEmpty || (c.arguments.first == "verify" && foundByTheCheck),
                "stdout should be empty, got:\n\(output.stdout)")
        Self.checkDiagnostic(output.stderr, c)
    }

    static func checkDiagnostic(_ stderr: String, _ c: Case) {
        // One error line, then only `note:` lines (a gap points at its rules and observation).
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 2 && lines.last!.isEmpty && lines.dropFirst().dropLast().allSatisfy { $0.contains(": note: ") || $0.hasPrefix("note: ") },
                "expected one error line (and note lines) on stderr, got:\n\(stderr)")
        let line = String(lines.first ?? "")
        let prefix: String
        switch c.location {
        case .lineAndColumn: prefix = #"^\#(NSRegularExpression.escapedPattern(for: c.file ?? "")):[1-9][0-9]*:[1-9][0-9]*: error: "#
        case .fileOnly: prefix = #"^\#(NSRegularExpression.escapedPattern(for: c.file ?? "")): error: "#
        case .none: prefix = "^error: "
        }
        // What is wrong; what was expected.
        let pattern = try! Regex(prefix + #"[^;]+; .+$"#)
        #expect(line.wholeMatch(of: pattern) != nil, "diagnostic not in the form \(prefix)WHAT; EXPECTED:\n\(line)")
    }

    /// A spec that is not UTF-8 is malformed input (65), not a missing file, located at the
    /// first bad byte.
    @Test func specThatIsNotUTF8() throws {
        let file = try Self.temporaryFile(named: "latin1.smt2", contents: Data("; caf".utf8) + Data([0xE9, 0x0A]))
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let output = try GGMSRunner.run(["verify", file.path, Self.floodset])
        #expect(output.exitCode == 65, "stderr: \(output.stderr)")
        #expect(output.stdout.isEmpty)
        Self.checkDiagnostic(output.stderr, Case(arguments: [], exitCode: 65, location: .lineAndColumn, file: file.path))
        #expect(output.stderr.hasPrefix(file.path + ":1:6: error: not UTF-8 text"), "\(output.stderr)")
    }

    /// A protocol that is not UTF-8 is malformed input (65), as for a spec.
    @Test func protocolThatIsNotUTF8() throws {
        let file = try Self.temporaryFile(named: "latin1.protocol", contents: Data("# caf".utf8) + Data([0xE9, 0x0A]))
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let output = try GGMSRunner.run(["verify", Self.consensus, file.path])
        #expect(output.stdout.isEmpty)
        #expect(output.exitCode == 65, "stderr: \(output.stderr)")
        Self.checkDiagnostic(output.stderr, Case(arguments: [], exitCode: 65, location: .lineAndColumn, file: file.path))
    }

    static func temporaryFile(named name: String, contents: Data) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ggms-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(name)
        try contents.write(to: file)
        return file
    }
}

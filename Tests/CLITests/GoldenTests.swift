// Golden tests of the `ggms` command line, in the style of mypyvy's.
//
// Each case is a pair of files in `Tests/CLITests/Golden/`:
//   NAME.cmd     one command line: the arguments after `ggms`, paths relative to the repository
//                root (`#` lines are comments; single and double quotes group words);
//   NAME.expect  what that command prints and how it exits:
//                  --- stdout
//                  ...
//                  --- stderr
//                  ...
//                  --- exit N
// The command runs from the repository root; volatile parts of its output (durations such as
// `0.02 s` and `"seconds" : 0.0123`, periodic progress lines, absolute paths) are normalized
// before the comparison (see `GoldenCase.normalize`).
//
// To add a case, write NAME.cmd, then regenerate and READ the .expect file before committing:
//
//   GGMS_UPDATE_GOLDEN=1 swift test --filter CLITests
//
// With GGMS_UPDATE_GOLDEN=1 the tests rewrite every .expect file from the current output instead
// of comparing. A golden file records what the tool answers, not what is right: check verdicts,
// counterexample tables and messages by hand.
//
// The binary under test is the `ggms` product built next to the test bundle: run
// `swift build --build-tests` before `swift test --skip-build`.

import Foundation
import Testing

/// One golden case: `Golden/NAME.cmd` and `Golden/NAME.expect`.
struct GoldenCase: Sendable, CustomTestStringConvertible {
    static let directory = GGMSRunner.root.appendingPathComponent("Tests/CLITests/Golden")

    /// Whether to rewrite the .expect files instead of comparing.
    static let updating = ProcessInfo.processInfo.environment["GGMS_UPDATE_GOLDEN"] == "1"

    var name: String
    var testDescription: String { name }

    var commandFile: URL { Self.directory.appendingPathComponent(name + ".cmd") }
    var expectFile: URL { Self.directory.appendingPathComponent(name + ".expect") }

    /// Every `.cmd` file, by name.
    static var all: [GoldenCase] {
        names(withExtension: "cmd").map(GoldenCase.init(name:))
    }

    static func names(withExtension ext: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix("." + ext) }.map { String($0.dropLast(ext.count + 1)) }.sorted()
    }

    /// The arguments written in the .cmd file.
    func arguments() throws -> [String] {
        let text = try String(contentsOf: commandFile, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard lines.count == 1 else {
            throw GGMSRunner.RunnerError("\(commandFile.path) must hold exactly one command line, found \(lines.count)")
        }
        return try Self.split(lines[0])
    }

    /// Splits a command line into words, honouring single and double quotes.
    static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for ch in line {
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
            } else if ch == "'" || ch == "\"" {
                quote = ch
                inWord = true
            } else if ch == " " || ch == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(ch)
                inWord = true
            }
        }
        if quote != nil { throw GGMSRunner.RunnerError("unbalanced quote in command line: \(line)") }
        if inWord { words.append(current) }
        return words
    }

    /// The .expect text for one run, after normalization.
    static func render(_ output: GGMSRunner.Output) -> String {
        func block(_ text: String) -> String {
            let normalized = normalize(text)
            if normalized.isEmpty || normalized.hasSuffix("\n") { return normalized }
            return normalized + "\n\\ no newline at end\n"
        }
        return "--- stdout\n" + block(output.stdout) + "--- stderr\n" + block(output.stderr) + "--- exit \(output.exitCode)\n"
    }

    /// Replaces what changes from run to run or machine to machine with placeholders.
    static func normalize(_ text: String) -> String {
        var s = text
        // Absolute paths: the repository root and the temporary directory.
        let rootPath = GGMSRunner.root.path
        s = s.replacingOccurrences(of: rootPath + "/", with: "<root>/").replacingOccurrences(of: rootPath, with: "<root>")
        let temp = FileManager.default.temporaryDirectory.standardizedFileURL.path
        if temp.count > 1 { s = s.replacingOccurrences(of: temp, with: "<tmp>") }
        // Periodic progress lines on stderr (printed every few seconds when stderr is not a terminal).
        s = s.replacing(try! Regex(#"(?m)^verifying n=\d+ \(\w+\): [^\n]*\n"#), with: "")
        // Durations in text: "0.02 s", "12.5 s".
        s = s.replacing(try! Regex(#"\b\d+\.\d+ s\b"#), with: "<seconds> s")
        // Durations in JSON: "seconds" : 0.0020043220000000002 (possibly in exponent form).
        s = s.replacing(try! Regex(#""seconds" : -?[0-9][0-9.eE+\-]*"#), with: #""seconds" : "<seconds>""#)
        // The versions every JSON record carries (Z3's and OpenBLAS's depend on the machine).
        s = s.replacing(try! Regex(#""(ggms|z3|openblas)" : "[^"\n]*""#), with: { #""\#($0.output[1].substring ?? "")" : "<version>""# })
        return s
    }
}

@Suite(.timeLimit(.minutes(5))) struct GoldenTests {
    @Test("golden", arguments: GoldenCase.all)
    func golden(_ golden: GoldenCase) throws {
        let arguments = try golden.arguments()
        let output = try GGMSRunner.run(arguments)
        let actual = GoldenCase.render(output)
        let command = "ggms " + arguments.joined(separator: " ")

        // Invariants that hold whatever the .expect file says.
        #expect(output.exitCode != 70, "\(command): internal error\n\(output.stderr)")
        #expect(!output.stderr.contains("Fatal error") && !output.stderr.contains("Stack dump"),
                "\(command): crashed\n\(output.stderr)")
        if output.exitCode >= 64 {
            // Bad input found before any check leaves stdout empty; `verify` prints each n's
            // header before its check, so an error a check finds (a reachable gap, an engine
            // failure) ends stdout with a `stopped` line instead; under --json a failure prints
            // its error record.
            let last = output.stdout.split(separator: "\n").last.map(String.init) ?? ""
            let errorRecord = arguments.contains("--json") && output.stdout.contains(#""outcome" : "error""#)
            #expect(output.stdout.isEmpty || errorRecord || (arguments.first == "verify" && last.hasPrefix("stopped")),
                    "\(command) failed with \(output.exitCode) but wrote to stdout")
        }

        if GoldenCase.updating {
            try actual.write(to: golden.expectFile, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: golden.expectFile, encoding: .utf8) else {
            Issue.record("\(golden.expectFile.path) is missing; generate it with GGMS_UPDATE_GOLDEN=1 and read it")
            return
        }
        if actual != expected {
            Issue.record("""
                \(command) differs from \(golden.name).expect (- expected, + actual; \
                rerun with GGMS_UPDATE_GOLDEN=1 if the change is intended):
                \(LineDiff.render(expected: expected, actual: actual))
                """)
        }
    }

    @Test func everyCaseHasBothFiles() {
        let commands = Set(GoldenCase.names(withExtension: "cmd"))
        let expects = Set(GoldenCase.names(withExtension: "expect"))
        #expect(!commands.isEmpty, "no .cmd files in \(GoldenCase.directory.path)")
        #expect(expects.subtracting(commands).isEmpty, "an .expect without a .cmd: \(expects.subtracting(commands).sorted())")
        if !GoldenCase.updating {
            #expect(commands.subtracting(expects).isEmpty, "a .cmd without an .expect: \(commands.subtracting(expects).sorted())")
        }
    }

    @Test func normalizationHidesDurationsAndPaths() {
        let root = GGMSRunner.root.path
        #expect(GoldenCase.normalize("explored  27 states, 11 distinct outcomes, 0.00 s\n")
                == "explored  27 states, 11 distinct outcomes, <seconds> s\n")
        #expect(GoldenCase.normalize(#"  "seconds" : 0.0020043220000000002,"#) == #"  "seconds" : "<seconds>","#)
        #expect(GoldenCase.normalize(#"  "seconds" : 1.5e-05,"#) == #"  "seconds" : "<seconds>","#)
        #expect(GoldenCase.normalize("verifying n=4 (fast): 10 states, 2 outcomes, 5.0 s\nok\n") == "ok\n")
        #expect(GoldenCase.normalize("\(root)/Specs/x.smt2: error") == "<root>/Specs/x.smt2: error")
        #expect(GoldenCase.normalize("covered   200 of 200 raw executions") == "covered   200 of 200 raw executions")
        #expect(GoldenCase.normalize("R=2 rounds, 3 states") == "R=2 rounds, 3 states")
        #expect(GoldenCase.normalize(#"    "z3" : "4.8.12.0","#) == #"    "z3" : "<version>","#)
    }

    @Test func commandLinesSplitLikeAShell() throws {
        #expect(try GoldenCase.split("verify  a.smt2 'b c.protocol' --processes \"3...6\"")
                == ["verify", "a.smt2", "b c.protocol", "--processes", "3...6"])
        #expect(try GoldenCase.split("show ''") == ["show", ""])
    }
}

/// A minimal line diff (longest common subsequence) for failure messages.
enum LineDiff {
    static func render(expected: String, actual: String) -> String {
        let a = expected.components(separatedBy: "\n"), b = actual.components(separatedBy: "\n")
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var lines: [String] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                lines.append("  " + a[i]); i += 1; j += 1
            } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                lines.append("- " + a[i]); i += 1
            } else {
                lines.append("+ " + b[j]); j += 1
            }
        }
        return lines.joined(separator: "\n")
    }
}

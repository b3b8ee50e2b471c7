import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `ggms bench` end to end on tiny suites: real child runs (seconds in a debug build), the three
/// report files, and the two ways a run can go wrong without being a timeout — a wrong answer
/// (a soundness bug: exit 70) and a child that cannot run at all (a harness error: reported,
/// exit 0). Bad command lines are golden cases (`Golden/error-bench-*`).
@Suite(.timeLimit(.minutes(5))) struct BenchTests {
    /// consensus n=3 f=1 at R=1 (unrealizable) and R=2 (realizable): one lower-bound pair.
    static let fixture = "Tests/CLITests/Fixtures/bench"

    /// bench.csv's header: the field names of the runs in `ggms bench --json`.
    static let csvHeader = "family,spec,processes,crashes,rounds,states,expect,strategy,seed,outcome,success,seconds,checkerCalls,backtracks,iterations,exitCode,note"

    @Test func dfsOnALowerBoundPairWritesTheThreeReports() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try GGMSRunner.run(["bench", "--suite", Self.fixture, "--strategies", "dfs", "--seeds", "1",
                                         "--time-limit", "20", "--output-dir", directory.path])
        #expect(output.exitCode == 0, "stderr:\n\(output.stderr)")
        #expect(output.stdout.contains("dfs: 2 of 2 specs solved at every seed"), "stdout:\n\(output.stdout)")
        // Not a terminal: one progress line per finished run.
        #expect(output.stderr.contains("[1/2] consensus-n3-f1-r1 dfs seed 1: unrealizable in "), "stderr:\n\(output.stderr)")
        #expect(output.stderr.contains("[2/2] consensus-n3-f1-r2 dfs seed 1: found in "), "stderr:\n\(output.stderr)")

        let csv = try Self.read(directory, "bench.csv").split(separator: "\n").map(String.init)
        try #require(csv.count == 3, "bench.csv:\n\(csv.joined(separator: "\n"))")
        #expect(csv[0] == Self.csvHeader)
        let rows = csv.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        for row in rows { #expect(row.count == 17, "row \(row)") }
        // family, spec, processes, crashes, rounds, states, expect, strategy, seed, outcome, success; exit code and an empty note last.
        #expect(rows[0].prefix(11) == ["consensus", "consensus-n3-f1-r1", "3", "1", "1", "2", "unrealizable", "dfs", "1", "unrealizable", "true"])
        #expect(rows[0].suffix(2) == ["1", ""])
        #expect(rows[1].prefix(11) == ["consensus", "consensus-n3-f1-r2", "3", "1", "2", "2", "realizable", "dfs", "1", "found", "true"])
        #expect(rows[1].suffix(2) == ["0", ""])
        for row in rows {
            #expect(Double(row[11]).map { $0 >= 0 && $0 < 20 } == true, "seconds \(row[11])")
            #expect(row[12...14].allSatisfy { Int($0) != nil }, "counts \(row[12...14])")
        }

        let markdown = try Self.read(directory, "bench.md")
        #expect(markdown.contains("### consensus (unrealizable)"))
        #expect(markdown.contains("## Lower bound: consensus needs f+1 rounds"))
        #expect(markdown.contains("| n | f | R | expected | dfs |"))
        #expect(markdown.contains("| 3 | 1 | 1 | unrealizable | unrealizable "), "bench.md:\n\(markdown)")
        #expect(markdown.contains("| 3 | 1 | 2 | realizable | found "), "bench.md:\n\(markdown)")
        #expect(markdown.contains("- `dfs`: 2 of 2 specs solved at every seed (seed 1 only)"))
        #expect(!markdown.contains("Interrupted") && !markdown.contains("SOUNDNESS") && !markdown.contains("Harness errors"))

        let svg = try Self.read(directory, "bench.svg")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.contains(">consensus — 1 spec</text>") && svg.contains(">consensus (unrealizable) — 1 spec</text>"))
        #expect(svg.contains("<title>dfs: 1 of 1 run solved</title>"))
        #expect(XMLParser(data: Data(svg.utf8)).parse(), "bench.svg is not well-formed XML")
    }

    /// A suite whose spec claims the wrong `:expect`: dfs's correct answer then contradicts it,
    /// which is exactly what a soundness bug looks like to the bench.
    @Test func anAnswerAgainstTheExpectationIsASoundnessBug() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let suite = directory.appendingPathComponent("suite")
        try FileManager.default.createDirectory(at: suite, withIntermediateDirectories: true)
        let short = try String(contentsOf: GGMSRunner.root.appendingPathComponent(Self.fixture + "/consensus-n3-f1-r1.smt2"), encoding: .utf8)
        try short.replacingOccurrences(of: "(set-info :expect unrealizable)", with: "(set-info :expect realizable)")
            .write(to: suite.appendingPathComponent("consensus-n3-f1-r1.smt2"), atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("out")
        let output = try GGMSRunner.run(["bench", "--suite", suite.path, "--strategies", "dfs", "--seeds", "1",
                                         "--time-limit", "20", "--output-dir", out.path])
        #expect(output.exitCode == 70, "stderr:\n\(output.stderr)")
        #expect(output.stderr.contains("WRONG ANSWER: unrealizable"), "stderr:\n\(output.stderr)")
        #expect(output.stderr.contains("error: SOUNDNESS BUG: consensus-n3-f1-r1 dfs seed 1 said unrealizable"), "stderr:\n\(output.stderr)")
        let markdown = try Self.read(out, "bench.md")
        #expect(markdown.contains("## SOUNDNESS BUGS"))
        #expect(markdown.contains("said **unrealizable**, expected realizable"))
        #expect(try Self.read(out, "bench.csv").contains(",realizable,dfs,1,unrealizable,false,"))
    }

    /// A spec that loads but that `ggms synthesize` refuses (8 states at n = 40 is too large a
    /// table): the child exits 65, which the bench reports as a harness error, not a timeout.
    @Test func aChildThatCannotRunIsAHarnessError() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let suite = directory.appendingPathComponent("suite")
        try FileManager.default.createDirectory(at: suite, withIntermediateDirectories: true)
        let base = try String(contentsOf: GGMSRunner.root.appendingPathComponent(Self.fixture + "/consensus-n3-f1-r2.smt2"), encoding: .utf8)
        try base.replacingOccurrences(of: "(set-info :processes 3)", with: "(set-info :processes 40)")
            .replacingOccurrences(of: "(set-info :states 2)", with: "(set-info :states 8)")
            .write(to: suite.appendingPathComponent("consensus-n40-f1-r2.smt2"), atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("out")
        let output = try GGMSRunner.run(["bench", "--suite", suite.path, "--strategies", "dfs", "--seeds", "1",
                                         "--time-limit", "20", "--output-dir", out.path])
        #expect(output.exitCode == 0, "stderr:\n\(output.stderr)")
        #expect(output.stderr.contains("harness error: exit 65 (malformed input)"), "stderr:\n\(output.stderr)")
        let markdown = try Self.read(out, "bench.md")
        #expect(markdown.contains("## Harness errors"))
        #expect(markdown.contains("| consensus-n40-f1-r2 | dfs | 1 | 65 | exit 65 (malformed input)"), "bench.md:\n\(markdown)")
        #expect(markdown.contains("0/1 (1 error)"))
        let line = try #require(try Self.read(out, "bench.csv").split(separator: "\n").dropFirst().first).description
        let row = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        // outcome, success, seconds (the child's wall clock), no counts without a record, exit code, the message (quoted: it holds commas).
        #expect(row[9...10] == ["error", "false"] && Double(row[11]) != nil, "\(row)")
        #expect(row[12...15] == ["", "", "", "65"] && row[16].hasPrefix("\"exit 65 (malformed input): "), "\(row)")
        #expect(line.hasSuffix("\""), "\(line)")
    }

    /// A spec without `:expect` is scored n/a: its answer and time are shown, it is neither a
    /// success nor a failure.
    @Test func aSpecWithoutExpectationIsNotScored() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let suite = directory.appendingPathComponent("suite")
        try FileManager.default.createDirectory(at: suite, withIntermediateDirectories: true)
        let base = try String(contentsOf: GGMSRunner.root.appendingPathComponent(Self.fixture + "/consensus-n3-f1-r2.smt2"), encoding: .utf8)
        try base.replacingOccurrences(of: "(set-info :expect realizable)", with: "")
            .write(to: suite.appendingPathComponent("consensus-n3-f1-r2.smt2"), atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("out")
        let output = try GGMSRunner.run(["bench", "--suite", suite.path, "--strategies", "dfs", "--seeds", "1",
                                         "--time-limit", "20", "--output-dir", out.path])
        #expect(output.exitCode == 0, "stderr:\n\(output.stderr)")
        #expect(output.stdout.contains("dfs: 0 of 0 specs solved at every seed (1 spec without :expect, n/a)"), "stdout:\n\(output.stdout)")
        // Not scored: the success cell is empty (absent in --json), never false or 0.
        #expect(try Self.read(out, "bench.csv").contains(",,dfs,1,found,,"))
        let markdown = try Self.read(out, "bench.md")
        #expect(markdown.contains("| dfs | n/a (1/1 answered) |"), "bench.md:\n\(markdown)")
        #expect(markdown.contains("(n/a on 1 spec without :expect)"), "bench.md:\n\(markdown)")
    }

    /// SIGTERM during a run: the bench stops it, writes the reports and marks it interrupted
    /// (not a timeout), exit 3.
    @Test func anInterruptedRunShowsAsInterrupted() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let suite = directory.appendingPathComponent("suite")
        try FileManager.default.createDirectory(at: suite, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: GGMSRunner.root.appendingPathComponent("Specs/faults/slow/byzantine-n4-f1-r3-k3.smt2"),
                                         to: suite.appendingPathComponent("byzantine-n4-f1-r3-k3.smt2"))
        let out = directory.appendingPathComponent("out")
        let output = try GGMSRunner.run(["bench", "--suite", suite.path, "--strategies", "dfs", "--seeds", "1",
                                         "--time-limit", "600", "--output-dir", out.path], signals: [.after(4, SIGTERM)])
        #expect(output.exitCode == 3, "stderr:\n\(output.stderr)")
        #expect(output.stderr.contains("interrupted after 0 of 1 run;"), "stderr:\n\(output.stderr)")
        #expect(try Self.read(out, "bench.csv").contains(",dfs,1,interrupted,false,"))
        let markdown = try Self.read(out, "bench.md")
        #expect(markdown.contains("0/1 (1 interrupted)"), "bench.md:\n\(markdown)")
        #expect(markdown.contains("1 interrupted"))
    }

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ggms-bench-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func read(_ directory: URL, _ file: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
    }
}

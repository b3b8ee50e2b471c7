import Foundation
import Testing

/// `ggms bench --slurm DIR` and `ggms bench --report DIR` end to end (README "Benchmark sweeps
/// on Slurm"): the job script run by hand for each `SLURM_ARRAY_TASK_ID`, a report with a run
/// left out (not-run, exit 3, never a failure) and with every run (the same answers as a local
/// bench); and the shape of `ggms bench --json`.
@Suite(.timeLimit(.minutes(5))) struct BenchSweepTests {
    static let fixture = BenchTests.fixture

    /// Runs `DIR/bench.sbatch` with `SLURM_ARRAY_TASK_ID=task` as Slurm would (bash, the test's ggms).
    static func runTask(_ directory: URL, _ task: Int) throws -> Int32 {
        try GGMSRunner.runArrayTask(directory.appendingPathComponent("bench.sbatch"), task)
    }

    /// bench.csv's rows without the header, as cells.
    static func rows(_ directory: URL) throws -> [[String]] {
        try BenchTests.read(directory, "bench.csv").split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test func aSweepRunByHandReportsWhatALocalBenchDoes() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sweep = directory.appendingPathComponent("sweep")
        let planned = try GGMSRunner.run(["bench", "--suite", Self.fixture, "--strategies", "dfs", "--seeds", "1",
                                          "--time-limit", "20", "--slurm", sweep.path])
        #expect(planned.exitCode == 0, "stderr:\n\(planned.stderr)")
        #expect(planned.stdout.contains("planned 2 runs of \(Self.fixture)"), "\(planned.stdout)")
        #expect(!FileManager.default.fileExists(atPath: sweep.appendingPathComponent("bench.csv").path), "nothing runs")

        let script = try BenchTests.read(sweep, "bench.sbatch")
        #expect(script.contains("#SBATCH --array=0-1\n"), "\(script)")
        let executable = try GGMSRunner.executable().resolvingSymlinksInPath().path
        #expect(script.contains("ggms=\"${GGMS:-\(executable)}\""), "the running ggms, absolute:\n\(script)")
        let table = try BenchTests.read(sweep, "runs.tsv").split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        try #require(table.count == 3, "\(table)")
        #expect(table[0] == ["task", "spec", "strategy", "seed", "timeLimit", "record", "arguments"])
        #expect(table[1].prefix(6) == ["0", "consensus-n3-f1-r1", "dfs", "1", "20", sweep.appendingPathComponent("run-0.json").path])
        let specPath = GGMSRunner.root.appendingPathComponent(Self.fixture + "/consensus-n3-f1-r2.smt2").path
        #expect(table[2][6].hasPrefix("'synthesize' '\(specPath)' '--jobs' '1' '--strategy' 'dfs' '--seed' '1' '--time-limit' '20.0' '--quiet'"), "\(table[2][6])")

        // Task 1 only: task 0 is not run, which the report says and does not count as a failure.
        #expect(try Self.runTask(sweep, 1) == 0)
        let partial = try GGMSRunner.run(["bench", "--report", sweep.path, "--json"])
        #expect(partial.exitCode == 3, "stderr:\n\(partial.stderr)")
        #expect(partial.stderr.contains("1 of 2 runs have no result yet"), "stderr:\n\(partial.stderr)")
        let partialJSON = try #require(try JSONSerialization.jsonObject(with: Data(partial.stdout.utf8)) as? [String: Any])
        #expect(partialJSON["outcome"] as? String == "incomplete")
        var rows = try Self.rows(sweep)
        try #require(rows.count == 2)
        #expect(rows[0][9...] == ["not-run", "", "", "", "", "", "", ""], "no result: nothing but the plan, \(rows[0])")
        #expect(rows[1][9...10] == ["found", "true"], "\(rows[1])")
        let markdown = try BenchTests.read(sweep, "bench.md")
        #expect(markdown.contains("**1 of 2 runs have no result yet**") && markdown.contains("Tasks without a result: 0."), "\(markdown)")
        #expect(!markdown.contains("Harness errors") && !markdown.contains("SOUNDNESS"))

        // A task beyond the array says so and runs nothing.
        #expect(try Self.runTask(sweep, 2) == 64)

        // Every task done: the answers of a local bench, into another directory.
        #expect(try Self.runTask(sweep, 0) == 0)
        let out = directory.appendingPathComponent("out")
        let full = try GGMSRunner.run(["bench", "--report", sweep.path, "--output-dir", out.path])
        #expect(full.exitCode == 0, "stderr:\n\(full.stderr)")
        #expect(full.stdout.contains("dfs: 2 of 2 specs solved at every seed"), "\(full.stdout)")
        rows = try Self.rows(out)
        #expect(try BenchTests.read(out, "bench.csv").hasPrefix(BenchTests.csvHeader + "\n"))
        #expect(rows.map { Array($0[0...10]) } == [
            ["consensus", "consensus-n3-f1-r1", "3", "1", "1", "2", "unrealizable", "dfs", "1", "unrealizable", "true"],
            ["consensus", "consensus-n3-f1-r2", "3", "1", "2", "2", "realizable", "dfs", "1", "found", "true"],
        ])
        #expect(rows.map { $0[15] } == ["1", "0"])
        #expect(try BenchTests.read(out, "bench.md").contains("| 3 | 1 | 1 | unrealizable | unrealizable "))

        // Planning again into the same directory would mix the old results in: refused.
        let again = try GGMSRunner.run(["bench", "--suite", Self.fixture, "--strategies", "dfs", "--slurm", sweep.path])
        #expect(again.exitCode == 64 && again.stderr.contains("holds the results of an earlier sweep (2 run-K.status files)"), "stderr:\n\(again.stderr)")
    }

    @Test func aReportNeedsASweep() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try GGMSRunner.run(["bench", "--report", directory.path])
        #expect(output.exitCode == 66, "stderr:\n\(output.stderr)")
        #expect(output.stderr.contains("plan.json: error: cannot read the sweep's plan"), "stderr:\n\(output.stderr)")
        let json = try GGMSRunner.run(["bench", "--suite", Self.fixture, "--strategies", "dfs", "--slurm", directory.path, "--json"])
        #expect(json.exitCode == 64 && json.stderr.contains("--json with --slurm"), "stderr:\n\(json.stderr)")
    }

    /// `--json`: one object on stdout (the summary goes to stderr); each run's keys are bench.csv's
    /// column names, and a field that does not apply is absent, never 0.
    @Test func theJSONRecordHasTheDocumentedShape() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let suite = directory.appendingPathComponent("suite")
        try FileManager.default.createDirectory(at: suite, withIntermediateDirectories: true)
        for name in ["consensus-n3-f1-r1.smt2", "consensus-n3-f1-r2.smt2"] {
            var text = try String(contentsOf: GGMSRunner.root.appendingPathComponent(Self.fixture + "/" + name), encoding: .utf8)
            // The realizable spec loses its :expect: not scored.
            text = text.replacingOccurrences(of: "(set-info :expect realizable)", with: "")
            try text.write(to: suite.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let output = try GGMSRunner.run(["bench", "--suite", suite.path, "--strategies", "dfs", "--seeds", "1",
                                         "--time-limit", "20", "--output-dir", directory.appendingPathComponent("out").path, "--json"])
        #expect(output.exitCode == 0, "stderr:\n\(output.stderr)")
        #expect(output.stderr.contains("dfs: 1 of 1 spec solved at every seed"), "the summary goes to stderr:\n\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], "stdout:\n\(output.stdout)")
        #expect(Set(object.keys) == ["kind", "versions", "outcome", "seconds", "runs"])
        #expect(object["kind"] as? String == "bench" && object["outcome"] as? String == "completed")
        #expect((object["seconds"] as? Double).map { $0 > 0 } == true)
        let versions = try #require(object["versions"] as? [String: Any])
        #expect(Set(versions.keys) == ["ggms", "z3", "openblas"])
        let runs = try #require(object["runs"] as? [[String: Any]])
        try #require(runs.count == 2)
        let columns = Set(BenchTests.csvHeader.split(separator: ",").map(String.init))
        for run in runs { #expect(Set(run.keys).isSubset(of: columns), "\(run.keys.sorted())") }
        let always: Set<String> = ["family", "spec", "processes", "crashes", "rounds", "states", "strategy", "seed", "outcome",
                                   "seconds", "checkerCalls", "backtracks", "iterations", "exitCode"]
        // Scored: every field but note.
        #expect(Set(runs[0].keys) == always.union(["expect", "success"]), "\(runs[0].keys.sorted())")
        #expect(runs[0]["outcome"] as? String == "unrealizable" && runs[0]["success"] as? Bool == true && runs[0]["exitCode"] as? Int == 1)
        #expect(runs[0]["processes"] as? Int == 3 && runs[0]["crashes"] as? Int == 1 && runs[0]["rounds"] as? Int == 1)
        // Not scored: no expect, no success.
        #expect(Set(runs[1].keys) == always, "\(runs[1].keys.sorted())")
        #expect(runs[1]["outcome"] as? String == "found")
        #expect(try BenchTests.read(directory.appendingPathComponent("out"), "bench.csv").hasPrefix(BenchTests.csvHeader + "\n"))
    }
}

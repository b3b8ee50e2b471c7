import ArgumentParser
import Bench
import Diagnostics
import Foundation
import Utilities

/// `ggms bench --slurm DIR` (plan a sweep: one Slurm array task per run) and
/// `ggms bench --report DIR` (the reports of its finished runs); see `BenchSweep`.
extension BenchCommand {
    /// Writes DIR/plan.json, DIR/runs.tsv and DIR/bench.sbatch (executable) and says how to
    /// submit them. Nothing runs.
    func writeSweep(_ directory: String, strategies: [BenchStrategy], specs: [BenchSpec]) throws {
        guard !json else {
            throw ggms.report(Diagnostic(.usage, file: nil, message: "--json with --slurm: nothing runs, so there is no result to print; expected --json on a bench or on --report DIR"))
        }
        // Results of an earlier sweep would be read as this one's: refuse rather than mix them.
        let earlier = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasPrefix("run-") && $0.hasSuffix(".status") }
        guard earlier.isEmpty else {
            throw ggms.report(Diagnostic(.usage, file: nil, message: "--slurm \(directory) holds the results of an earlier sweep (\(earlier.count) run-K.status file\(earlier.count == 1 ? "" : "s")); expected a new or empty directory (report the earlier sweep with --report \(directory))"))
        }
        let executable = ggmsExecutable.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? SplitCommand.currentExecutable()
        let sweep = BenchSweep(command: Self.commandLine(), date: ISO8601DateFormatter().string(from: Date()), build: Self.build,
                               machine: Machine.description, suite: suite, timeLimit: timeLimit, seeds: seeds,
                               strategies: strategies, specs: specs, directory: directory, executable: executable)
        let plan = JSONText.encode(AnyEncodable(sweep)) + "\n"
        let files = [(plan, BenchSweep.Files.plan), (sweep.table(), BenchSweep.Files.runs), (sweep.script(), BenchSweep.Files.script)]
        do {
            try FileManager.default.createDirectory(atPath: sweep.directory, withIntermediateDirectories: true)
            for (text, name) in files { try text.write(toFile: sweep.path(name), atomically: true, encoding: .utf8) }
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sweep.path(BenchSweep.Files.script))
        } catch {
            throw ggms.report(Diagnostic(.usage, file: nil, message: "cannot write into --slurm \(directory): \(error.localizedDescription); expected a writable directory"))
        }
        let script = (directory as NSString).appendingPathComponent(BenchSweep.Files.script)
        print("planned \(sweep.runs.count) runs of \(suite) (\(strategies.map(\.rawValue).joined(separator: ", ")); time limit \(BenchFormat.plain(timeLimit)) s) in \(directory)")
        print("run them: sbatch \(script)  (or by hand: SLURM_ARRAY_TASK_ID=0 bash \(script), … \(sweep.runs.count - 1))")
        print("then: ggms bench --report \(directory)")
    }

    /// Reads the sweep in `directory` and its finished runs, and writes the reports (into
    /// `--output-dir`, by default the sweep's directory).
    func writeReport(ofSweep directory: String, clock: Stopwatch) throws {
        let sweep: BenchSweep
        do throws(Diagnostic) { sweep = try BenchSweep.load(directory: Loading.resolve(directory)) } catch { throw ggms.report(error) }
        let outputDir = self.outputDir ?? directory
        try Self.createOutputDirectory(outputDir)
        let bench = sweep.report(results: sweep.results(in: Loading.resolve(directory)), readFrom: directory)
        try finish(bench, outputDir: outputDir, clock: clock)
    }
}

import ArgumentParser
import Bench
import Checking
import Diagnostics
import Dispatch
import Foundation
import Records
import Utilities

/// `ggms bench`: every strategy on every spec of a suite, each run a child
/// `ggms synthesize … --json`; writes bench.md, bench.csv and bench.svg (see `BenchReport`).
///
/// With `--slurm DIR` it runs nothing and plans a Slurm job array instead (`BenchSweep`);
/// `--report DIR` later writes the same three files from the finished tasks
/// (`BenchCommand+Slurm`). `--json` prints a `BenchRecord` on stdout at the end.
///
/// Exit codes: 0 when every run finished (timeouts and harness errors are reported, not fatal),
/// 3 when Ctrl-C stopped it, or a sweep's report finds runs without a result (the reports then
/// cover the finished runs), 70 when some run gave the wrong answer (a soundness bug, whatever
/// else happened), 64/65/66 for bad input, which is reported before any run starts.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Compare synthesis strategies on a suite of specs; write bench.md, bench.csv and bench.svg (use a release build).",
        discussion: """
        Each run is a child process `ggms synthesize SPEC --strategy S --seed N --time-limit T \
        --quiet --json`. dfs and cegis are deterministic and run with seed 1 only; mcts and random \
        cannot prove unrealizability and are not run on specs that expect unrealizable. \
        --slurm DIR runs nothing: it writes DIR/plan.json, DIR/runs.tsv (one line per run with its \
        exact command) and DIR/bench.sbatch (a Slurm job array, one task per run; by hand: \
        SLURM_ARRAY_TASK_ID=K bash DIR/bench.sbatch). --report DIR then writes the reports from \
        the finished tasks (runs without a result are not-run, not failures). --json prints one \
        JSON object at the end (the runs with bench.csv's column names). Exit codes: 0 done, 3 \
        interrupted or a report with runs not done (reports cover the finished runs), 64 usage, \
        65 malformed spec or plan, 66 missing suite or plan, 70 a run gave the wrong answer \
        (soundness bug) or internal error.
        """)

    @Option(help: "Directory of .smt2 specs (every *.smt2 file directly in it).") var suite = "Specs/bench"
    @Option(help: "Comma-separated strategies to compare (ggms-no-encoder: ggms with --no-encoder; ggms-no-symbolic: ggms with --no-symbolic-learning).") var strategies = BenchStrategy.defaultList
    @Option(parsing: .unconditional, help: "Seeds per spec and randomized strategy (1...N); dfs and cegis run seed 1 only.") var seeds = 3
    @Option(parsing: .unconditional, help: "Seconds each run may search, above 0.") var timeLimit = 60.0
    @Option(parsing: .unconditional, help: "Runs at once (each run is single-threaded).") var jobs = 1
    @Option(help: "Directory to write bench.md, bench.csv and bench.svg into (default: Results; with --report, the sweep's directory).") var outputDir: String?
    @Option(help: "Run nothing: write a Slurm job array for the runs into this directory (plan.json, runs.tsv, bench.sbatch).") var slurm: String?
    @Option(help: "Write the reports of a Slurm sweep (ggms bench --slurm DIR) from its finished runs; the plan gives suite, strategies, seeds and time limit.") var report: String?
    @Option(name: .customLong("ggms"), help: "The ggms executable the Slurm tasks run (default: this one; the GGMS environment variable overrides it at run time).") var ggmsExecutable: String?
    @Flag(help: "Print one JSON object on stdout at the end: versions, outcome, wall seconds and every run (fields named as bench.csv's columns).") var json = false

    func run() throws {
        let clock = Stopwatch()
        if let report {
            guard slurm == nil else {
                throw ggms.report(Diagnostic(.usage, file: nil, message: "--report and --slurm together; expected --slurm DIR to plan a sweep, then --report DIR once its tasks are done"))
            }
            return try writeReport(ofSweep: report, clock: clock)
        }
        let strategyList: [BenchStrategy]
        let specs: [BenchSpec]
        do throws(Diagnostic) {
            strategyList = try BenchStrategy.parseList(strategies)
            try validateNumbers()
            specs = try BenchSuite.load(directory: Loading.resolve(suite))
        } catch {
            throw ggms.report(error)
        }
        let plan = BenchPlan.jobs(specs: specs, strategies: strategyList, seeds: seeds)
        guard !plan.isEmpty else {
            throw ggms.report(Diagnostic(.usage, file: nil, message: "no runs to do: \(strategyList.map(\.rawValue).joined(separator: ", ")) cannot prove unrealizability and every spec of \(suite) expects unrealizable; expected a complete strategy (ggms, ggms-no-encoder, ggms-no-symbolic, mcts-dfs, dfs or cegis)"))
        }
        if let slurm { return try writeSweep(slurm, strategies: strategyList, specs: specs) }
        let outputDir = self.outputDir ?? "Results"
        try Self.createOutputDirectory(outputDir)
        guard let executable = Self.executablePath() else {
            throw internalFailure("cannot find the ggms executable to run children with")
        }
        let temporary = FileManager.default.temporaryDirectory
            .appendingPathComponent("ggms-bench-\(getpid())-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        } catch {
            throw internalFailure("cannot create a temporary directory \(temporary): \(error)")
        }
        defer { try? FileManager.default.removeItem(atPath: temporary) }

        let date = ISO8601DateFormatter().string(from: Date())
        let token = CancellationToken()
        let runner = BenchRunner(executable: executable, specs: specs, timeLimit: timeLimit, workers: jobs,
                                 temporaryDirectory: temporary, cancellation: token)
        let progress = BenchProgress(total: plan.count)
        let signalSource = Self.stopOnInterrupt(token, runner: runner, progress: progress) {
            try? FileManager.default.removeItem(atPath: temporary)
        }
        defer { signalSource.cancel() }
        // A live line redraws every second so the elapsed time moves. (A dispatch source must be
        // resumed before it is released, so it exists only when it runs.)
        var timer: DispatchSourceTimer?
        if progress.live {
            let source = DispatchSource.makeTimerSource(queue: .global())
            source.schedule(deadline: .now() + 1, repeating: 1)
            source.setEventHandler { progress.tick() }
            source.resume()
            timer = source
        }

        let finished = runner.run(plan) { event in
            switch event {
            case .started(let index):
                progress.started(index: index, label: Self.label(plan[index], specs: specs))
            case .finished(let index, let result):
                let spec = specs[result.job.specIndex]
                var dedupeKey: String?
                if case .harnessError(let message) = result.outcome { dedupeKey = result.job.strategy.rawValue + message }
                progress.finished(index: index, label: Self.label(plan[index], specs: specs),
                                  line: Self.describe(result, spec: spec, timeLimit: timeLimit),
                                  alarming: spec.contradicts(result.outcome) || dedupeKey != nil, dedupeKey: dedupeKey)
            }
        }
        timer?.cancel()
        progress.stop()

        let interrupted = token.isCancelled && finished.contains { $0 == nil || $0?.outcome == .interrupted }
        let bench = BenchReport(
            command: Self.commandLine(), machine: Machine.description, date: date, build: Self.build, suite: suite,
            timeLimit: timeLimit, seeds: seeds, jobs: jobs, strategies: strategyList, specs: specs, planned: plan,
            results: finished.compactMap { $0 }, interrupted: interrupted)
        try finish(bench, outputDir: outputDir, clock: clock)
    }

    /// Writes the three reports, prints the summary (on stderr under `--json`, which then prints
    /// the `BenchRecord`), and ends with the exit code the runs call for.
    func finish(_ bench: BenchReport, outputDir: String, clock: Stopwatch) throws {
        try write(bench, outputDir: outputDir)
        let say: (String) -> Void = json ? { Terminal.error($0) } : { print($0) }
        for line in Self.summaryLines(bench) { say(line) }
        say("wrote \(Self.files.map { (outputDir as NSString).appendingPathComponent($0) }.joined(separator: ", "))")
        if json { JSONText.printResult(BenchRecord(report: bench, seconds: clock.seconds)) }
        let specs = bench.specs
        let wrong = bench.wrongAnswers
        if !wrong.isEmpty {
            for run in wrong {
                let spec = specs[run.job.specIndex]
                Terminal.error("error: SOUNDNESS BUG: \(Self.label(run.job, specs: specs)) said \(run.outcome.csvName), but \(spec.path) expects \(spec.expect?.rawValue ?? "?")")
            }
            throw ExitCode(ExitStatus.internalError)
        }
        let errors = bench.harnessErrors.count
        if errors > 0 {
            Terminal.error("warning: \(plural(errors, "run")) failed in the harness (see Harness errors in \((outputDir as NSString).appendingPathComponent("bench.md")))")
        }
        if bench.interrupted {
            let done = bench.results.filter { $0.outcome != .interrupted }.count
            Terminal.error("interrupted after \(formatCount(done)) of \(plural(bench.planned.count, "run")); the reports cover them and mark the runs that were stopped as interrupted")
            throw ExitCode(ExitStatus.inconclusive)
        }
        let missing = bench.notRun
        if bench.sweepDirectory != nil, !missing.isEmpty {
            Terminal.error("\(missing.count) of \(bench.planned.count) runs have no result yet (not run, still running, or stopped before writing their status); the reports cover the \(bench.results.count) finished runs and list the others as not-run")
            throw ExitCode(ExitStatus.inconclusive)
        }
    }

    static func createOutputDirectory(_ outputDir: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: outputDir, withIntermediateDirectories: true)
        } catch {
            throw ggms.report(Diagnostic(.usage, file: nil, message: "cannot create --output-dir \(outputDir) (\(error.localizedDescription)); expected a writable directory"))
        }
    }

    private static let files = ["bench.md", "bench.csv", "bench.svg"]

    private func validateNumbers() throws(Diagnostic) {
        guard seeds >= 1 else {
            throw Diagnostic(.usage, file: nil, message: "--seeds \(seeds) is below 1; expected at least 1 seed")
        }
        try NumberArguments.seconds(timeLimit)
        guard jobs >= 1 else {
            throw Diagnostic(.usage, file: nil, message: "--jobs \(jobs) is below 1; expected at least 1 run at once")
        }
    }

    private func write(_ report: BenchReport, outputDir: String) throws {
        let texts = [report.markdown(), report.csv(), BenchPlot.svg(report)]
        let files = zip(Self.files, texts).map { (text: $0.1, path: (outputDir as NSString).appendingPathComponent($0.0)) }
        do throws(OutputFile.Failure) { try OutputFile.write(files) } catch { throw ggms.report(error.diagnostic(option: "--output-dir")) }
    }

    // MARK: - Text

    static func label(_ job: BenchJob, specs: [BenchSpec]) -> String {
        "\(specs[job.specIndex].name) \(job.strategy.rawValue) seed \(job.seed)"
    }

    /// One line about a finished run: `found in 0.42 s`, `timeout (60 s)`, `harness error: …`,
    /// `WRONG ANSWER: …`.
    static func describe(_ result: BenchRunResult, spec: BenchSpec, timeLimit: Double) -> String {
        if spec.contradicts(result.outcome) {
            return "WRONG ANSWER: \(result.outcome.csvName)\(Self.time(result)), but the spec expects \(spec.expect?.rawValue ?? "?") (soundness bug)"
        }
        switch result.outcome {
        case .found, .unrealizable:
            return "\(result.outcome.csvName)\(Self.time(result))"
        case .inconclusive:
            return "timeout (no answer within \(BenchFormat.plain(timeLimit)) s)" + (result.note.map { "; \($0)" } ?? "")
        case .harnessError(let message):
            return "harness error: \(message)"
        case .interrupted:
            return "interrupted" + (result.seconds.map { " after \(BenchFormat.seconds($0)) s" } ?? "")
        }
    }

    /// ` in 0.42 s`, or nothing when the run has no time.
    private static func time(_ result: BenchRunResult) -> String {
        result.seconds.map { " in \(BenchFormat.seconds($0)) s" } ?? ""
    }

    /// The per-strategy lines printed on stdout at the end.
    static func summaryLines(_ report: BenchReport) -> [String] {
        report.strategies.map { strategy in
            let indices = report.specs.indices.filter { BenchPlan.isApplicable(strategy, to: report.specs[$0]) && report.specs[$0].scored }
            let solved = indices.filter { report.cell(spec: $0, strategy: strategy).solvedEverySeed }.count
            let unscored = report.specs.filter { !$0.scored }.count
            return "\(strategy.rawValue): \(formatCount(solved)) of \(plural(indices.count, "spec")) solved at every seed"
                + (unscored > 0 ? " (\(plural(unscored, "spec")) without :expect, n/a)" : "")
        }
    }

    /// The command line as typed, with words that need it quoted.
    static func commandLine() -> String {
        CommandLine.arguments.map { word in
            word.isEmpty || word.contains(where: { " \t\"'$`\\|&;<>()*?".contains($0) }) ? "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'" : word
        }.joined(separator: " ")
    }

    /// How this executable (and so every child) was built.
    static var build: String {
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }

    /// This executable's path, to run children with.
    static func executablePath() -> String? {
        let fm = FileManager.default
        if let path = Bundle.main.executablePath, fm.isExecutableFile(atPath: path) { return path }
        if let path = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe"), fm.isExecutableFile(atPath: path) { return path }
        guard let first = CommandLine.arguments.first, !first.isEmpty else { return nil }
        if first.contains("/") {
            let path = URL(fileURLWithPath: first).standardizedFileURL.path
            return fm.isExecutableFile(atPath: path) ? path : nil
        }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = (String(directory) as NSString).appendingPathComponent(first)
            if fm.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Ctrl-C or SIGTERM: cancels `token` (the runner kills its children and the reports are
    /// written from the finished runs); a second one kills the children, runs `cleanUp` and
    /// exits at once with 128 + the signal (130 for Ctrl-C; see `StopSignals`).
    static func stopOnInterrupt(_ token: CancellationToken, runner: BenchRunner, progress: BenchProgress,
                                cleanUp: @escaping @Sendable () -> Void) -> StopSignals {
        StopSignals(first: { number in
            token.cancel()
            progress.note("\n\(StopSignals.name(number)): stopping the running children; writing the reports from the finished runs (\(StopSignals.quitHint(number)))")
        }, second: { _ in
            runner.killRunning()
            progress.stop()
            cleanUp()
        })
    }
}

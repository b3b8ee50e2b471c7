import Diagnostics
import Foundation

/// A bench planned for a Slurm job array instead of run at once (`ggms bench --slurm DIR`): the
/// planned runs, with everything the report needs, so that `ggms bench --report DIR` can write
/// the same bench.md, bench.csv and bench.svg from the runs' records once the tasks are done.
///
/// The directory holds (file names in `BenchSweep.Files`):
/// - `plan.json`: this value (the configuration, the suite's specs, the runs in plan order);
/// - `runs.tsv`: one line per run after a header: task, spec, strategy, seed, time limit, record
///   path, and the exact `ggms` arguments quoted for bash (the last field);
/// - `bench.sbatch`: the job array, task K runs line K (see `script()`);
/// - per finished task K: `run-K.json` (the run record), `run-K.err` (the child's stderr),
///   `run-K.status` (`EXIT SECONDS`: the exit status and the wall-clock seconds, written last),
///   and `run-K.protocol` when a protocol was found.
public struct BenchSweep: Codable, Sendable {
    public enum Files {
        public static let plan = "plan.json", runs = "runs.tsv", script = "bench.sbatch"
        /// `run-7.json`, `run-7.status`, …: the files of task `task`.
        public static func run(_ task: Int, _ suffix: String) -> String { "run-\(task).\(suffix)" }
    }

    /// The `ggms bench --slurm` command line as typed.
    public var command: String
    /// When it was planned, ISO 8601.
    public var date: String
    /// The build of the ggms that planned it (`release` or `debug`).
    public var build: String
    /// The machine it was planned on (the runs go to the cluster's nodes).
    public var machine: String
    /// `--suite` as given.
    public var suite: String
    public var timeLimit: Double
    public var seeds: Int
    public var strategies: [BenchStrategy]
    /// The suite's specs, with absolute paths.
    public var specs: [BenchSpec]
    /// The runs in plan order; task K is `runs[K]`.
    public var runs: [BenchJob]
    /// The sweep's directory, absolute.
    public var directory: String
    /// The ggms executable the tasks run, absolute (`GGMS` overrides it at run time).
    public var executable: String

    public init(command: String, date: String, build: String, machine: String, suite: String, timeLimit: Double, seeds: Int,
                strategies: [BenchStrategy], specs: [BenchSpec], directory: String, executable: String) {
        self.command = command
        self.date = date
        self.build = build
        self.machine = machine
        self.suite = suite
        self.timeLimit = timeLimit
        self.seeds = seeds
        self.strategies = strategies
        self.specs = specs.map { var spec = $0; spec.path = URL(fileURLWithPath: spec.path).standardizedFileURL.path; return spec }
        runs = BenchPlan.jobs(specs: specs, strategies: strategies, seeds: seeds)
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
        self.executable = executable
    }

    /// The path of `name` in the sweep's directory.
    public func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    /// The `ggms` arguments of task `task`: the local bench's (`BenchJob.synthesizeArguments`),
    /// with the protocol and the record in the sweep's directory.
    public func arguments(task: Int) -> [String] {
        let job = runs[task]
        return job.synthesizeArguments(specPath: specs[job.specIndex].path, timeLimit: timeLimit,
                                       output: path(Files.run(task, "protocol")))
            + ["--record", path(Files.run(task, "json"))]
    }

    /// Seconds after which a task kills its run (as the local runner does: the time limit plus
    /// `BenchRunner.grace(timeLimit:)`).
    public var deadline: Double { timeLimit + BenchRunner.grace(timeLimit: timeLimit) }

    /// runs.tsv: a header and one line per task.
    public func table() -> String {
        var lines = ["task\tspec\tstrategy\tseed\ttimeLimit\trecord\targuments"]
        for (task, job) in runs.enumerated() {
            let fields = [String(task), specs[job.specIndex].name, job.strategy.rawValue, String(job.seed),
                          BenchFormat.plain(timeLimit), path(Files.run(task, "json"))].map(Self.oneField)
            lines.append((fields + [arguments(task: task).map(Self.quoted).joined(separator: " ")]).joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// bench.sbatch: the Slurm job array, one task per run. Task `SLURM_ARRAY_TASK_ID` (also when
    /// the script is run by hand with it set) takes its line of runs.tsv, removes any earlier
    /// files of the task, runs `ggms` with the line's arguments under `timeout` (killed at
    /// `deadline`), and writes `run-K.status` last. Exit status 0 for every answer (found,
    /// unrealizable, inconclusive), the run's own otherwise, so Slurm marks only failures.
    public func script() -> String {
        let last = runs.count - 1
        let minutes = Int((deadline / 60).rounded(.up)) + 1
        return """
        #!/bin/bash
        # ggms: a benchmark sweep of \(runs.count) runs over \(Self.oneLine(suite)), one Slurm array task each (written by ggms bench --slurm).
        # Submit: sbatch bench.sbatch   By hand: SLURM_ARRAY_TASK_ID=3 bash bench.sbatch
        # Then: ggms bench --report \(Self.oneLine(directory))
        #SBATCH --job-name=ggms-bench
        #SBATCH --array=0-\(last)
        #SBATCH --ntasks=1
        #SBATCH --cpus-per-task=1
        #SBATCH --time=\(minutes)
        #SBATCH --output=\(directory)/slurm-%A_%a.out
        set -u
        dir=\(Self.quoted(directory))
        ggms="${GGMS:-\(executable.replacingOccurrences(of: "\"", with: "\\\""))}"
        task="${SLURM_ARRAY_TASK_ID:?set SLURM_ARRAY_TASK_ID to the run to do, 0 to \(last)}"
        line=$(awk -F'\\t' -v k="$task" 'NR > 1 && $1 == k' "$dir/\(Files.runs)")
        if [[ -z "$line" ]]; then echo "bench.sbatch: no run $task in $dir/\(Files.runs) (expected 0 to \(last))" >&2; exit 64; fi
        eval "set -- $(printf '%s\\n' "$line" | cut -f7-)"
        rm -f "$dir/run-$task.status" "$dir/run-$task.json" "$dir/run-$task.protocol" "$dir/run-$task.err"
        export OPENBLAS_NUM_THREADS=1
        start=$(date +%s.%N)
        timeout --signal=KILL \(BenchFormat.plain(deadline.rounded(.up))) "$ggms" "$@" 2> "$dir/run-$task.err"
        status=$?
        seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
        printf '%s %s\\n' "$status" "$seconds" > "$dir/run-$task.status.tmp" && mv "$dir/run-$task.status.tmp" "$dir/run-$task.status"
        case $status in 0|1|3) exit 0 ;; *) exit "$status" ;; esac

        """
    }

    /// Single-quoted for bash.
    public static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// A TSV field or comment: tabs and line breaks become spaces.
    static func oneField(_ text: String) -> String {
        String(text.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    static func oneLine(_ text: String) -> String { oneField(text) }

    // MARK: - Reading back

    /// The sweep planned in `directory` (its plan.json).
    /// - Throws: `Diagnostic(.missingFile)` when there is no plan.json; `.badInput` when it
    ///   cannot be read as a plan.
    public static func load(directory: String) throws(Diagnostic) -> BenchSweep {
        let file = (directory as NSString).appendingPathComponent(Files.plan)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw Diagnostic(.missingFile, file: file, message: "cannot read the sweep's plan; expected a directory written by ggms bench --slurm")
        }
        do {
            return try JSONDecoder().decode(BenchSweep.self, from: data)
        } catch {
            throw Diagnostic(.badInput, file: file, message: "is not a bench sweep plan (\(error)); expected the plan.json ggms bench --slurm wrote")
        }
    }

    /// The result of every task, by task: nil for a task without `run-K.status` (not run yet,
    /// still running, or killed by Slurm before it could write it), which the reports show as
    /// `not-run`, never as a failure. Files are read from `directory` (where the plan was found,
    /// which may differ from `self.directory` when the sweep was moved).
    /// - Complexity: reads three small files per finished task.
    public func results(in directory: String) -> [BenchRunResult?] {
        runs.indices.map { task in
            let file = { (suffix: String) in (directory as NSString).appendingPathComponent(Files.run(task, suffix)) }
            guard let text = FileManager.default.contents(atPath: file("status")).map({ String(decoding: $0, as: UTF8.self) }) else {
                return nil
            }
            let words = text.split(whereSeparator: \.isWhitespace)
            guard words.count == 2, let status = Int32(words[0]), let wall = Double(words[1]) else {
                return BenchRunResult(job: runs[task], outcome: .harnessError(message: "unreadable \(Files.run(task, "status")): '\(Self.oneLine(text))'"),
                                      exitCode: nil, seconds: nil)
            }
            // bash reports a child ended by signal N as 128 + N; `timeout --signal=KILL` ends an
            // overdue run with 137.
            let signal: Int32? = status > 128 && status < 160 ? status - 128 : nil
            if signal == SIGKILL, wall >= deadline - 1 {
                return BenchRunResult(job: runs[task], outcome: .inconclusive, exitCode: status, seconds: wall,
                                      note: "killed: still running \(Int(BenchRunner.grace(timeLimit: timeLimit))) s after its time limit")
            }
            let child = BenchChild.Exit(status: status, signal: signal, stdout: Data(),
                                        stderr: FileManager.default.contents(atPath: file("err")) ?? Data(), wallSeconds: wall)
            return BenchRunner.interpret(child, job: runs[task], recordFile: file("json"))
        }
    }

    /// The report of the sweep from `results` (`results(in:)`).
    public func report(results: [BenchRunResult?], readFrom directory: String) -> BenchReport {
        BenchReport(command: command, machine: "Slurm job array (planned on \(machine))", date: date, build: build, suite: suite,
                    timeLimit: timeLimit, seeds: seeds, jobs: runs.count, strategies: strategies, specs: specs, planned: runs,
                    results: results.compactMap { $0 }, interrupted: false, sweepDirectory: directory)
    }
}

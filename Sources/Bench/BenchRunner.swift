import Checking
import Dispatch
import Foundation
import Records
import Search
import Synchronization

/// Runs benchmark jobs as child processes of the `ggms` executable
/// (`ggms synthesize SPEC --strategy S --seed N --time-limit T --quiet --json --output …`), up
/// to `workers` at a time, and reads each child's run record from its stdout.
///
/// Children run in their own process groups (Foundation's `Process` puts them there), so a
/// Ctrl-C at the terminal reaches only the bench; once `cancellation` is set the runner kills
/// its children within about 0.1 s, starts no more, and drops the killed runs. A child that
/// outlives its own time limit by `grace` seconds is killed and counts as inconclusive.
/// The runner prints nothing: it reports through `onEvent`.
public final class BenchRunner: Sendable {
    /// What happened, for progress display. Called from worker threads.
    public enum Event: Sendable {
        /// Job `index` started.
        case started(index: Int)
        /// Job `index` finished (runs killed because of cancellation are not reported).
        case finished(index: Int, result: BenchRunResult)
    }

    public let executable: String
    public let specs: [BenchSpec]
    /// Seconds each child may search (`--time-limit`).
    public let timeLimit: Double
    /// Most children running at once, at least 1.
    public let workers: Int
    /// Where children write their protocol and record files; the caller creates and removes it.
    public let temporaryDirectory: String
    public let cancellation: CancellationToken
    /// Seconds past `timeLimit` after which a child is killed.
    public var grace: Double { Self.grace(timeLimit: timeLimit) }

    /// Seconds past a run's time limit after which it is killed: the limit itself, at least 30.
    public static func grace(timeLimit: Double) -> Double { max(30, timeLimit) }

    /// Process ids of running children, by job index.
    private let running = Mutex<[Int: pid_t]>([:])

    public init(executable: String, specs: [BenchSpec], timeLimit: Double, workers: Int, temporaryDirectory: String,
         cancellation: CancellationToken) {
        precondition(workers >= 1 && timeLimit > 0, "workers >= 1 and timeLimit > 0 (validated by the command)")
        self.executable = executable
        self.specs = specs
        self.timeLimit = timeLimit
        self.workers = workers
        self.temporaryDirectory = temporaryDirectory
        self.cancellation = cancellation
    }

    /// Runs `jobs` and returns their results by index: nil for a job that never ran or was
    /// killed because of cancellation. Blocks until every started child has ended.
    public func run(_ jobs: [BenchJob], onEvent: @escaping @Sendable (Event) -> Void) -> [BenchRunResult?] {
        let results = Mutex<[BenchRunResult?]>(Array(repeating: nil, count: jobs.count))
        let next = Mutex(0)
        let group = DispatchGroup()
        for _ in 0..<min(workers, jobs.count) {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                while !self.cancellation.isCancelled {
                    let index = next.withLock { value -> Int in defer { value += 1 }; return value }
                    guard index < jobs.count else { return }
                    onEvent(.started(index: index))
                    guard let result = self.runOne(jobs[index], index: index) else { return }
                    results.withLock { $0[index] = result }
                    onEvent(.finished(index: index, result: result))
                }
            }
        }
        group.wait()
        return results.withLock { $0 }
    }

    /// Kills every running child at once (for a second Ctrl-C, just before exiting).
    public func killRunning() {
        for pid in running.withLock({ Array($0.values) }) { kill(pid, SIGKILL) }
    }

    /// The child's command line (without the executable).
    func arguments(for job: BenchJob, index: Int) -> [String] {
        let spec = specs[job.specIndex]
        let output = (temporaryDirectory as NSString)
            .appendingPathComponent("\(index)-\(spec.name)-\(job.strategy.rawValue)-s\(job.seed).protocol")
        return job.synthesizeArguments(specPath: spec.path, timeLimit: timeLimit, output: output, json: true)
    }

    // MARK: - One child

    private func runOne(_ job: BenchJob, index: Int) -> BenchRunResult? {
        let arguments = arguments(for: job, index: index)
        let child = BenchChild.run(executable: executable, arguments: arguments, deadline: timeLimit + grace,
                                     cancellation: cancellation) { pid in
            self.running.withLock { $0[index] = pid }
        }
        running.withLock { $0[index] = nil }
        switch child.stop {
        case .cancelled:
            return BenchRunResult(job: job, outcome: .interrupted, exitCode: child.status, seconds: child.wallSeconds)
        case .deadline:
            return BenchRunResult(job: job, outcome: .inconclusive, exitCode: child.status, seconds: child.wallSeconds,
                                  note: "killed: still running \(Int(grace)) s after its time limit")
        case .none:
            break
        }
        if let launchError = child.launchError {
            return BenchRunResult(job: job, outcome: .harnessError(message: "could not start \(executable): \(launchError)"),
                                  exitCode: nil, seconds: nil)
        }
        return Self.interpret(child, job: job, recordFile: (arguments.last! as NSString).deletingPathExtension + ".json")
    }

    /// Reads a finished child: its exit status and the run record on stdout (or, failing that,
    /// in `recordFile`), decoded as `RunRecord`. The exit status and the record's outcome must
    /// agree (0 found, 1 unrealizable, 3 inconclusive); anything else is a harness error. A run
    /// record without `stats` (an older ggms) leaves the counts nil and the time the wall clock's.
    static func interpret(_ child: BenchChild.Exit, job: BenchJob, recordFile: String) -> BenchRunResult {
        var result = BenchRunResult(job: job, outcome: .inconclusive, exitCode: child.status, seconds: child.wallSeconds)
        let expected: [Int32: SynthesisOutcome.Kind] = [ExitStatus.success: .found, ExitStatus.negative: .unrealizable,
                                                        ExitStatus.inconclusive: .inconclusive]
        guard let answer = expected[child.status], child.signal == nil else {
            result.outcome = .harnessError(message: describeFailure(child))
            return result
        }
        let decoder = RunRecord.decoder()
        guard let record = (try? decoder.decode(RunRecord.self, from: child.stdout))
                ?? FileManager.default.contents(atPath: recordFile).flatMap({ try? decoder.decode(RunRecord.self, from: $0) })
        else {
            result.outcome = .harnessError(message: "exit \(child.status) but no readable run record on stdout or in \(recordFile)")
            return result
        }
        guard record.outcome == answer else {
            result.outcome = .harnessError(message: "exit \(child.status) but the run record says '\(record.outcome.rawValue)'")
            return result
        }
        // A child stopped by the same Ctrl-C as the bench says so in its record.
        result.outcome = answer == .inconclusive && record.reason == "interrupted" ? .interrupted : BenchOutcome(answer)
        if let stats = record.stats {
            // A counter the run's strategy does not have stays absent (never 0).
            func counter(_ field: SynthesisStats.Field, _ value: Int) -> Int? {
                SynthesisStats.applies(field, options: record.options, found: record.outcome == .found) ? value : nil
            }
            result.seconds = stats.totalSeconds
            result.checkerCalls = counter(.checkerCalls, stats.checkerCalls)
            result.backtracks = counter(.backtracks, stats.backtracks)
            result.iterations = counter(.iterations, stats.iterations)
        }
        return result
    }

    /// One line for a child that failed: the meaning of its exit code and its first stderr line.
    static func describeFailure(_ child: BenchChild.Exit) -> String {
        let meanings: [Int32: String] = [
            ExitStatus.usage: "usage error", ExitStatus.badInput: "malformed input",
            ExitStatus.missingFile: "missing file", ExitStatus.internalError: "internal error",
        ]
        var what = child.signal.map { "killed by signal \($0)" } ?? "exit \(child.status)"
        if let meaning = meanings[child.status], child.signal == nil { what += " (\(meaning))" }
        let firstLine = String(decoding: child.stderr, as: UTF8.self)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        guard let firstLine else { return what }
        return what + ": " + (firstLine.count > 240 ? String(firstLine.prefix(240)) + "…" : firstLine)
    }
}

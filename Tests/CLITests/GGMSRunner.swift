import Foundation
import Testing

/// Runs the `ggms` executable that SwiftPM built next to this test bundle.
///
/// The `CLITests` target does not link the command line; it drives the real binary the way a
/// user does, from the repository root, with `OPENBLAS_NUM_THREADS=1`, and captures stdout,
/// stderr and the exit status. Build it first: `swift build --build-tests` builds every product.
/// `GGMS_BINARY=/path/to/ggms` overrides where the binary is looked for.
enum GGMSRunner {
    /// What one run of `ggms` printed and how it ended.
    struct Output: Sendable {
        var stdout: String
        var stderr: String
        /// The exit status (or, if the process was killed by a signal, 128 + the signal).
        var exitCode: Int32
        /// Seconds from the first signal sent to the child until it exited (nil if none was
        /// sent): how fast it stopped, without the start-up time a loaded machine stretches.
        var secondsFromFirstSignalToExit: Double? = nil
    }

    /// The repository root: three levels above this file (`Tests/CLITests/GGMSRunner.swift`).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .standardizedFileURL

    /// Longest a single run may take before it is killed and the test fails.
    static let timeLimitSeconds: Double = 60

    /// The `ggms` executable in the build products directory of the running test binary.
    static func executable() throws -> URL {
        let fm = FileManager.default
        if let override = ProcessInfo.processInfo.environment["GGMS_BINARY"], !override.isEmpty {
            guard fm.isExecutableFile(atPath: override) else {
                throw RunnerError("GGMS_BINARY=\(override) is not an executable file")
            }
            return URL(fileURLWithPath: override)
        }
        var starts: [URL] = []
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            starts.append(URL(fileURLWithPath: exe))
        }
        if let first = CommandLine.arguments.first, first.contains("/") {
            starts.append(URL(fileURLWithPath: first).standardizedFileURL)
        }
        starts.append(Bundle.main.bundleURL)
        starts += Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
        var looked: [String] = []
        for start in starts {
            // Walk up a few levels: on Linux the test binary sits in the products directory
            // itself; on macOS it is inside `ggmsPackageTests.xctest/Contents/MacOS/`.
            var directory = start.deletingLastPathComponent()
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("ggms")
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   fm.isExecutableFile(atPath: candidate.path) {
                    return candidate
                }
                looked.append(directory.path)
                if directory.path == "/" { break }
                directory = directory.deletingLastPathComponent()
            }
        }
        throw RunnerError("""
            the ggms executable was not found next to the test binary (looked in \(Set(looked).sorted().joined(separator: ", "))); \
            build it first with `swift build --build-tests` (same --scratch-path as `swift test`), or set GGMS_BINARY
            """)
    }

    /// A signal to send the child: some seconds after it starts, or as soon as its stderr (or
    /// stdout) contains a text (so a second signal surely comes after the first was handled).
    struct Signal: Sendable {
        enum Trigger: Sendable {
            case after(seconds: Double)
            case stderrContains(String)
            case stdoutContains(String)
        }
        var number: Int32
        var trigger: Trigger

        static func after(_ seconds: Double, _ number: Int32) -> Signal { Signal(number: number, trigger: .after(seconds: seconds)) }
        static func when(stderrContains text: String, _ number: Int32) -> Signal { Signal(number: number, trigger: .stderrContains(text)) }
        static func when(stdoutContains text: String, _ number: Int32) -> Signal { Signal(number: number, trigger: .stdoutContains(text)) }
    }

    /// Runs `ggms ARGUMENTS` in the repository root and waits for it; with `interruptAfter`,
    /// sends it SIGINT (Ctrl-C) that many seconds after it starts; `signals` are sent as they
    /// say. `environment` is added to the test process's own; `workingDirectory` replaces the
    /// repository root as the directory it runs in.
    static func run(_ arguments: [String], interruptAfter seconds: Double? = nil, signals: [Signal] = [],
                    environment extra: [String: String] = [:], workingDirectory: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.currentDirectoryURL = workingDirectory ?? root
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        // synthesize's --jobs default is the machine's cores; the goldens and the signal tests
        // were written for one search thread (tests of --jobs pass it explicitly).
        environment["GGMS_JOBS"] = "1"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice

        let signals = (seconds.map { [Signal.after($0, SIGINT)] } ?? []) + signals
        let watchers = signals.compactMap { signal -> (text: String, number: Int32, onStdout: Bool)? in
            switch signal.trigger {
            case .stderrContains(let text): return (text, signal.number, false)
            case .stdoutContains(let text): return (text, signal.number, true)
            case .after: return nil
            }
        }
        try process.run()
        let pid = process.processIdentifier
        let watchdog = Watchdog()
        // Drain both pipes concurrently so a chatty stderr cannot block the child; both are
        // read as they come, for the signals that wait for a text on one.
        let collected = Collected()
        let group = DispatchGroup()
        for (handle, isStdout) in [(out.fileHandleForReading, true), (err.fileHandleForReading, false)] {
            group.enter()
            DispatchQueue.global().async {
                var data = Data()
                var pending = watchers.filter { $0.onStdout == isStdout }.map { ($0.text, $0.number) }
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    data.append(chunk)
                    guard !pending.isEmpty else { continue }
                    let text = String(decoding: data, as: UTF8.self)
                    for (needle, number) in pending where text.contains(needle) { watchdog.send(number, to: pid) }
                    pending.removeAll { text.contains($0.0) }
                }
                collected.set(data, stdout: isStdout)
                group.leave()
            }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeLimitSeconds) { watchdog.fire(pid) }
        for signal in signals {
            if case .after(let delay) = signal.trigger {
                DispatchQueue.global().asyncAfter(deadline: .now() + delay) { watchdog.send(signal.number, to: pid) }
            }
        }
        process.waitUntilExit()
        let exited = ContinuousClock.now
        watchdog.disarm()
        group.wait()
        if watchdog.fired {
            throw RunnerError("ggms \(arguments.joined(separator: " ")) ran longer than \(Int(timeLimitSeconds)) s and was killed")
        }
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return Output(stdout: String(decoding: collected.stdout, as: UTF8.self),
                      stderr: String(decoding: collected.stderr, as: UTF8.self),
                      exitCode: status,
                      secondsFromFirstSignalToExit: watchdog.firstSignal.map { instant in
                          let gap = exited - instant
                          return Double(gap.components.seconds) + Double(gap.components.attoseconds) * 1e-18
                      })
    }

    struct RunnerError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// The two pipes' contents, filled from reader threads.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var out = Data(), err = Data()
        func set(_ data: Data, stdout: Bool) {
            lock.lock(); defer { lock.unlock() }
            if stdout { out = data } else { err = data }
        }
        var stdout: Data { lock.lock(); defer { lock.unlock() }; return out }
        var stderr: Data { lock.lock(); defer { lock.unlock() }; return err }
    }

    /// Kills the child at the time limit unless it was disarmed first; remembers whether it did.
    private final class Watchdog: @unchecked Sendable {
        private let lock = NSLock()
        private var armed = true, killed = false
        private var firstSent: ContinuousClock.Instant?
        func fire(_ pid: Int32) {
            lock.lock(); defer { lock.unlock() }
            if armed { killed = true; kill(pid, SIGKILL) }
        }
        /// Sends `signal` unless the child has already been waited for.
        func send(_ signal: Int32, to pid: Int32) {
            lock.lock(); defer { lock.unlock() }
            if armed {
                kill(pid, signal)
                if firstSent == nil { firstSent = .now }
            }
        }
        /// When the first signal was sent, if one was.
        var firstSignal: ContinuousClock.Instant? { lock.lock(); defer { lock.unlock() }; return firstSent }
        func disarm() { lock.lock(); armed = false; lock.unlock() }
        var fired: Bool { lock.lock(); defer { lock.unlock() }; return killed }
    }

    /// Runs a Slurm array script (`cubes.sbatch`, `bench.sbatch`) by hand for one task, as Slurm
    /// would: bash, `SLURM_ARRAY_TASK_ID=task`, `GGMS` the ggms under test; output discarded.
    static func runArrayTask(_ script: URL, _ task: Int) throws -> Int32 {
        try runArrayTask(script, id: String(task))
    }

    /// The same with `SLURM_ARRAY_TASK_ID` set to `id` as written (a test of bad ids).
    static func runArrayTask(_ script: URL, id: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path]
        var environment = ProcessInfo.processInfo.environment
        environment["SLURM_ARRAY_TASK_ID"] = id
        environment["GGMS"] = try executable().path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

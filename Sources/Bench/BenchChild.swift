import Checking
import Dispatch
import Foundation
import Synchronization
import Utilities

/// One child process of the bench, run to its end (or killed) with its output captured.
enum BenchChild {
    /// Why the bench stopped a child itself.
    enum Stop: Sendable {
        /// `cancellation` was set (Ctrl-C).
        case cancelled
        /// The child ran past `deadline` seconds.
        case deadline
    }

    /// How a child ended.
    struct Exit: Sendable {
        /// The exit status, or 128 + the signal when a signal ended it.
        var status: Int32
        /// The signal that ended the child, if one did.
        var signal: Int32?
        var stdout: Data
        var stderr: Data
        var wallSeconds: Double
        /// Set when the bench killed the child.
        var stop: Stop?
        /// Set when the child could not be started at all.
        var launchError: String?
    }

    /// Runs `executable ARGUMENTS` with stdin from /dev/null and stdout and stderr captured,
    /// polling every 0.1 s; kills it (SIGKILL) once `cancellation` is set or after `deadline`
    /// seconds. `OPENBLAS_NUM_THREADS` defaults to 1 in the child's environment.
    /// `started` receives the child's process id as soon as it runs.
    static func run(executable: String, arguments: [String], deadline: Double, cancellation: CancellationToken,
                    started: (pid_t) -> Void) -> Exit {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        if environment["OPENBLAS_NUM_THREADS"] == nil { environment["OPENBLAS_NUM_THREADS"] = "1" }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }

        let clock = Stopwatch()
        do {
            try process.run()
        } catch {
            return Exit(status: -1, stdout: Data(), stderr: Data(), wallSeconds: 0, launchError: "\(error)")
        }
        // Drain both pipes concurrently so a chatty child cannot block on a full pipe.
        let captured = Mutex<(stdout: Data, stderr: Data)>((Data(), Data()))
        let readers = DispatchGroup()
        for (handle, isStdout) in [(out.fileHandleForReading, true), (err.fileHandleForReading, false)] {
            DispatchQueue.global().async(group: readers) {
                let data = handle.readDataToEndOfFile()
                captured.withLock { if isStdout { $0.stdout = data } else { $0.stderr = data } }
            }
        }
        let pid = process.processIdentifier
        started(pid)
        var stop: Stop?
        while exited.wait(timeout: .now() + 0.1) == .timedOut {
            guard stop == nil else { continue }
            if cancellation.isCancelled {
                stop = .cancelled
            } else if clock.seconds > deadline {
                stop = .deadline
            }
            if stop != nil { kill(pid, SIGKILL) }
        }
        let wall = clock.seconds
        readers.wait()
        let signaled = process.terminationReason == .uncaughtSignal
        let output = captured.withLock { $0 }
        return Exit(status: signaled ? 128 + process.terminationStatus : process.terminationStatus,
                    signal: signaled ? process.terminationStatus : nil,
                    stdout: output.stdout, stderr: output.stderr, wallSeconds: wall, stop: stop)
    }
}

import Foundation
import Synchronization

/// Names the input in flight when the process dies of a signal (a trap, a segfault, an
/// abort), so the crash can be replayed with `--replay`. The handler only formats digits into
/// a preallocated buffer and calls `write`, which is async-signal-safe, then re-raises.
enum CrashReport {
    /// The index of the input being judged, or -1 between inputs.
    static let current = Atomic<Int>(-1)
    private static let seedValue = Atomic<UInt64>(0)
    private nonisolated(unsafe) static let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)

    static func install(seed: UInt64) {
        seedValue.store(seed, ordering: .relaxed)
        for signal in [SIGSEGV, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE] {
            Foundation.signal(signal, crashHandler)
        }
    }

    /// Writes the message for `signal` and re-raises it with the default action.
    fileprivate static func died(of signal: Int32) {
        var length = 0
        append("\nggms-fuzz: died of signal ", &length)
        append(UInt64(signal), &length)
        let index = current.load(ordering: .relaxed)
        if index >= 0 {
            append(" on input ", &length)
            append(UInt64(index), &length)
            append("; replay it with --seed ", &length)
            append(seedValue.load(ordering: .relaxed), &length)
            append(" --replay ", &length)
            append(UInt64(index), &length)
        }
        append("\n", &length)
        _ = write(2, buffer, length)
        Foundation.signal(signal, SIG_DFL)
        raise(signal)
    }

    private static func append(_ text: StaticString, _ length: inout Int) {
        text.withUTF8Buffer { bytes in
            for byte in bytes where length < 256 {
                buffer[length] = byte
                length += 1
            }
        }
    }

    private static func append(_ value: UInt64, _ length: inout Int) {
        var divisor: UInt64 = 1
        while value / divisor >= 10 { divisor *= 10 }
        while divisor > 0, length < 256 {
            buffer[length] = UInt8(48 + (value / divisor) % 10)
            length += 1
            divisor /= 10
        }
    }
}

private func crashHandler(_ signal: Int32) {
    CrashReport.died(of: signal)
}

/// Stops the run when one input takes longer than the limit: a hang is a finding.
enum Watchdog {
    static func start(limitSeconds: Double, seed: UInt64) {
        Thread.detachNewThread {
            var watched = -1
            var since = ContinuousClock.now
            while true {
                Thread.sleep(forTimeInterval: 0.5)
                let now = CrashReport.current.load(ordering: .relaxed)
                if now != watched {
                    (watched, since) = (now, .now)
                } else if now >= 0, since.duration(to: .now) > .seconds(limitSeconds) {
                    FileHandle.standardError.write(Data(
                        "ggms-fuzz: input \(now) has run for more than \(limitSeconds) s (a hang); replay it with --seed \(seed) --replay \(now)\n".utf8))
                    exit(1)
                }
            }
        }
    }
}

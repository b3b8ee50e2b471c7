import Foundation
import Synchronization

/// The one background thread that stops Z3 checks from outside: a check whose deadline has
/// passed, or whose context was interrupted (`Z3Interrupter.interrupt`).
///
/// Why it exists. Z3's own `timeout` parameter deadlocks in Debian's Z3 4.8.12 (a check blocked
/// on a libz3 mutex while Z3's timer threads wait), so no solver here ever sets it. Every bound
/// on a check is enforced with `Z3_interrupt` instead, from this thread.
///
/// Why it repeats. `Z3_interrupt` reaches only a check that has already entered the solver; one
/// that arrives a moment before is ignored (measured on 4.8.12: an interrupt of an idle context
/// has no effect, and a later check runs normally). So once an entry is due, the watchdog keeps
/// interrupting its check every `repeatInterval` until the check ends; `Z3InterruptState` only
/// lets an interrupt through while that very check is still running.
///
/// Cost: two lock round trips per check (arm and disarm), plus a condition signal when the new
/// deadline is the earliest. Safe with many contexts on many threads: entries are keyed by their
/// context's state and the check's serial number.
final class Z3Watchdog: Sendable {
    static let shared = Z3Watchdog()

    /// How often a due check is interrupted again until it returns.
    static let repeatInterval: Duration = .milliseconds(5)

    private struct Entry {
        var due: ContinuousClock.Instant
        let target: Z3InterruptState
        let serial: UInt64
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    nonisolated(unsafe) private var entries: [Entry] = []
    nonisolated(unsafe) private var started = false

    private init() {}

    /// Interrupts check `serial` of `target` at `due` (and again every `repeatInterval` while it
    /// keeps running), unless `disarm` comes first.
    func arm(_ target: Z3InterruptState, serial: UInt64, due: ContinuousClock.Instant) {
        condition.lock()
        defer { condition.unlock() }
        let earliest = entries.map(\.due).min()
        entries.append(Entry(due: due, target: target, serial: serial))
        if !started {
            started = true
            let thread = Thread { [self] in run() }
            thread.name = "ggms.z3-watchdog"
            thread.start()
        }
        if earliest.map({ due < $0 }) ?? true { condition.signal() }
    }

    /// Forgets check `serial` of `target` (it has returned).
    func disarm(_ target: Z3InterruptState, serial: UInt64) {
        condition.lock()
        defer { condition.unlock() }
        entries.removeAll { $0.target === target && $0.serial == serial }
    }

    private func run() {
        let clock = ContinuousClock()
        while true {
            condition.lock()
            while entries.isEmpty { condition.wait() }
            let now = clock.now
            guard let earliest = entries.map(\.due).min(), earliest <= now else {
                let wait = entries.map(\.due).min()! - now
                // NSCondition waits on the wall clock; a short cap keeps deadlines (monotonic)
                // enforced even if the system clock is set back.
                let seconds = min(Double(wait.components.seconds) + Double(wait.components.attoseconds) * 1e-18, 0.1)
                _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
                condition.unlock()
                continue
            }
            let due = entries.filter { $0.due <= now }
            entries.removeAll { $0.due <= now }
            condition.unlock()
            for entry in due where entry.target.interrupt(serial: entry.serial) {
                // Still running: try again shortly (the interrupt may have come too early).
                condition.lock()
                entries.append(Entry(due: now + Self.repeatInterval, target: entry.target, serial: entry.serial))
                condition.unlock()
            }
        }
    }
}

import CZ3
import Synchronization

/// What a context's checks may be stopped by, shared between the context (which runs checks)
/// and `Z3Interrupter`s and the watchdog (which stop them from other threads).
///
/// It holds the context's address, never the context itself (the context owns this state), and
/// forgets it when the context is deleted, so a stop that comes later is a no-op. `Z3_interrupt`
/// is only ever called under the lock, while a check that `begin` registered is still running.
final class Z3InterruptState: Sendable {
    private struct State {
        /// `Z3_context` as a bit pattern; 0 once the context is gone.
        var address: UInt = 0
        /// Serial number of the running check, if one runs.
        var running: UInt64?
        var nextSerial: UInt64 = 1
        /// Set by `Z3Interrupter.interrupt`: no check runs on this context any more.
        var stopped = false
        /// Serials of checks interrupted because their deadline passed.
        var expired: Set<UInt64> = []
    }

    private let state: Mutex<State>

    init(context: OpaquePointer) {
        state = Mutex(State(address: UInt(bitPattern: context)))
    }

    /// How a check ended, as far as stopping goes.
    enum Ending { case normal, expired, stopped }

    /// Registers a check about to start, with its deadline (if any).
    /// - Returns: the check's serial, or nil when the context was stopped (run no check).
    func begin(deadline: ContinuousClock.Instant?) -> UInt64? {
        let serial = state.withLock { s -> UInt64? in
            guard !s.stopped else { return nil }
            let serial = s.nextSerial
            s.nextSerial += 1
            s.running = serial
            return serial
        }
        if let serial, let deadline { Z3Watchdog.shared.arm(self, serial: serial, due: deadline) }
        return serial
    }

    /// Unregisters check `serial` (it returned) and says whether something stopped it.
    func end(_ serial: UInt64) -> Ending {
        Z3Watchdog.shared.disarm(self, serial: serial)
        return state.withLock { s in
            s.running = nil
            if s.stopped { return .stopped }
            return s.expired.remove(serial) != nil ? .expired : .normal
        }
    }

    /// Called by the watchdog when check `serial` is due: interrupts it if it still runs.
    /// - Returns: whether it was still running (the watchdog then tries again shortly).
    func interrupt(serial: UInt64) -> Bool {
        state.withLock { s in
            guard s.running == serial, s.address != 0 else { return false }
            if !s.stopped { s.expired.insert(serial) }
            Z3_interrupt(OpaquePointer(bitPattern: s.address))
            return true
        }
    }

    /// Stops the running check (if any) and refuses every later one.
    func stop() {
        let running = state.withLock { s -> UInt64? in
            s.stopped = true
            return s.address == 0 ? nil : s.running
        }
        if let running { Z3Watchdog.shared.arm(self, serial: running, due: .now) }
    }

    var isStopped: Bool { state.withLock { $0.stopped } }

    /// The context is being deleted: later interrupts do nothing.
    func contextClosed() {
        state.withLock { $0.address = 0 }
    }
}

import Dispatch
import Synchronization

/// Why a `CancellationToken` was cancelled.
public enum CancellationReason: String, Sendable, Codable {
    /// The user stopped the work (Ctrl-C, SIGTERM) or the caller did.
    case interrupted
    /// The work's deadline (a run's time limit) passed.
    case deadline
}

/// A flag another thread (say, a Ctrl-C handler) sets to stop a long check or search.
///
/// Work polls `isCancelled` (a relaxed atomic load, cheap enough for hot loops). Work that
/// blocks where it cannot poll — a Z3 query — registers a handler for the time it runs
/// (`whileRunning(onCancel:_:)`), and `cancel()` calls it, which stops the query at once.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)
    /// `CancellationReason` raw value + 1 of the first `cancel`, 0 before.
    private let why = Atomic<Int>(0)
    /// Handlers of the operations running now, by registration number.
    private let handlers = Mutex<(next: Int, active: [Int: @Sendable () -> Void])>((0, [:]))

    public init() {}

    /// Asks the work to stop at its next poll, and runs the handlers registered now (on this
    /// thread, in registration order, each once). The first call's `reason` is kept.
    public func cancel(_ reason: CancellationReason = .interrupted) {
        let pending = handlers.withLock { state -> [@Sendable () -> Void] in
            let code = reason == .interrupted ? 1 : 2
            _ = why.compareExchange(expected: 0, desired: code, ordering: .sequentiallyConsistent)
            flag.store(true, ordering: .sequentiallyConsistent)
            let actions = state.active.sorted { $0.key < $1.key }.map(\.value)
            state.active = [:]
            return actions
        }
        for action in pending { action() }
    }

    public var isCancelled: Bool { flag.load(ordering: .relaxed) }

    /// Why the token was cancelled; nil while it is not.
    public var reason: CancellationReason? {
        switch why.load(ordering: .sequentiallyConsistent) {
        case 1: return .interrupted
        case 2: return .deadline
        default: return nil
        }
    }

    /// Runs `operation` with a new token that is cancelled when this one is (same reason) or
    /// when `deadline` passes (`.deadline`), whichever comes first, so that a time limit reaches
    /// everything that polls the token or registered a handler on it — Z3 queries included —
    /// and not only the places that read a clock.
    /// - Complexity: one timer (Dispatch) and one handler registration.
    public func scoped<T, E: Error>(deadline: ContinuousClock.Instant?,
                                    _ operation: (CancellationToken) throws(E) -> T) throws(E) -> T {
        try Self.scoped(parent: self, deadline: deadline, operation)
    }

    /// `scoped(deadline:_:)` for an optional parent (none: only the deadline cancels).
    public static func scoped<T, E: Error>(parent: CancellationToken?, deadline: ContinuousClock.Instant?,
                                           _ operation: (CancellationToken) throws(E) -> T) throws(E) -> T {
        let child = CancellationToken()
        if let deadline {
            let wait = deadline - .now
            let seconds = Double(wait.components.seconds) + Double(wait.components.attoseconds) * 1e-18
            DispatchQueue.global().asyncAfter(deadline: .now() + max(seconds, 0)) { [weak child] in
                child?.cancel(.deadline)
            }
        }
        return try parent.whileRunning(onCancel: { [weak child, weak parent] in
            child?.cancel(parent?.reason ?? .interrupted)
        }) { () throws(E) -> T in try operation(child) }
    }

    /// Runs `operation`; if the token is cancelled while it runs, `onCancel` runs once, on the
    /// cancelling thread (or at once, on this thread, when the token already is cancelled).
    /// After `operation` returns, `onCancel` is no longer called.
    ///
    /// Use it to stop something `operation` blocks in, such as a Z3 query
    /// (`SpecEvaluator.Interrupter.interrupt`); `onCancel` must be safe to call from any thread
    /// and must not wait for `operation`.
    /// - Complexity: O(1) plus two lock round trips.
    public func whileRunning<T, E: Error>(onCancel: @escaping @Sendable () -> Void,
                                          _ operation: () throws(E) -> T) throws(E) -> T {
        let id = handlers.withLock { state -> Int? in
            if flag.load(ordering: .sequentiallyConsistent) { return nil }
            let id = state.next
            state.next += 1
            state.active[id] = onCancel
            return id
        }
        guard let id else {
            onCancel()
            return try operation()
        }
        defer { _ = handlers.withLock { $0.active.removeValue(forKey: id) } }
        return try operation()
    }
}

extension Optional where Wrapped == CancellationToken {
    /// `token.whileRunning(onCancel:_:)`, or just `operation` when there is no token.
    public func whileRunning<T, E: Error>(onCancel: @escaping @Sendable () -> Void,
                                          _ operation: () throws(E) -> T) throws(E) -> T {
        switch self {
        case .some(let token): return try token.whileRunning(onCancel: onCancel, operation)
        case .none: return try operation()
        }
    }
}

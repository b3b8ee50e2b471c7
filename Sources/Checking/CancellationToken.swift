import Synchronization

/// A flag another thread (say, a Ctrl-C handler) sets to stop a long check or search.
///
/// Work polls `isCancelled` (a relaxed atomic load, cheap enough for hot loops). Work that
/// blocks where it cannot poll — a Z3 query — registers a handler for the time it runs
/// (`whileRunning(onCancel:_:)`), and `cancel()` calls it, which stops the query at once.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)
    /// Handlers of the operations running now, by registration number.
    private let handlers = Mutex<(next: Int, active: [Int: @Sendable () -> Void])>((0, [:]))

    public init() {}

    /// Asks the work to stop at its next poll, and runs the handlers registered now (on this
    /// thread, in registration order, each once).
    public func cancel() {
        let pending = handlers.withLock { state -> [@Sendable () -> Void] in
            flag.store(true, ordering: .sequentiallyConsistent)
            let actions = state.active.sorted { $0.key < $1.key }.map(\.value)
            state.active = [:]
            return actions
        }
        for action in pending { action() }
    }

    public var isCancelled: Bool { flag.load(ordering: .relaxed) }

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

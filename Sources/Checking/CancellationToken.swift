import Synchronization

/// A flag another thread (say, a Ctrl-C handler) sets to stop a long check or search.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    /// Asks the work to stop at its next poll.
    public func cancel() { flag.store(true, ordering: .relaxed) }
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

import Foundation

/// Resources that one thread uses at a time — a Z3 evaluator, a checker's caches — for work
/// spread over threads (`Parallel`): a thread takes an idle one or makes a new one, and gives
/// it back when done, so there are at most as many as threads ever ran at once, each reused.
///
/// Thread-safe (one lock around the idle list); `make` runs outside the lock.
public final class Pool<Resource, Failure: Error>: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [Resource]
    private let make: () throws(Failure) -> Resource

    /// A pool holding `first` (say, the caller's own evaluator) and making more with `make`.
    public init(_ first: Resource? = nil, make: @escaping () throws(Failure) -> Resource) {
        idle = first.map { [$0] } ?? []
        self.make = make
    }

    /// Runs `body` with a resource no other thread is using, then puts it back.
    /// - Throws: `make`'s failure when a new resource was needed and could not be made.
    public func with<T>(_ body: (Resource) -> T) throws(Failure) -> T {
        lock.lock()
        let ready = idle.popLast()
        lock.unlock()
        let resource: Resource
        if let ready { resource = ready } else { resource = try make() }
        defer {
            lock.lock()
            idle.append(resource)
            lock.unlock()
        }
        return body(resource)
    }
}

import Foundation

/// Runs `body(i)` for `i` in `0..<count`, each on its own OS thread (not Swift's cooperative
/// pool, whose few threads the blocking Z3 checks would occupy), and waits for all of them.
public func onThreads<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
    let results = ResultBox<T>(count)
    let group = DispatchGroup()
    for i in 0..<count {
        group.enter()
        Thread.detachNewThread {
            results.set(i, Result { try body(i) })
            group.leave()
        }
    }
    group.wait()
    return try results.values()
}

final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<T, any Error>?]
    init(_ count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<T, any Error>) { lock.withLock { slots[i] = value } }
    func values() throws -> [T] { try lock.withLock { try slots.map { try $0!.get() } } }
}

/// Calls `action` on its own thread after `delay`.
public func after(_ delay: Duration, _ action: @escaping @Sendable () -> Void) {
    Thread.detachNewThread {
        if delay > .zero { Thread.sleep(forTimeInterval: Double(delay.components.attoseconds) * 1e-18 + Double(delay.components.seconds)) }
        action()
    }
}


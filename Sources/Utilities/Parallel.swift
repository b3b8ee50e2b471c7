import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Independent work items on a few threads: the package's one way to spread a fixed set of
/// tasks (parts of a brute-force check, the larger n of a generalization) over `--jobs` cores.
///
/// Items are handed out in index order from a shared counter, so a thread that finishes early
/// takes the next one (dynamic balance); the answers come back in index order, whatever order
/// they finished in. With one thread (or one item) everything runs inline on the calling
/// thread, so `threads: 1` is exactly the sequential loop.
public enum Parallel {
    /// Stack of each worker thread: the explicit checkers recurse once per round and process.
    public static let stackSize = 8 << 20

    /// `body(0) … body(count - 1)` on up to `threads` threads (the caller's among them); returns
    /// their answers in index order once every item has run.
    /// - Complexity: `threads - 1` thread creations, two lock acquisitions per item (taking it, storing its answer).
    public static func map<T: Sendable>(_ count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let workers = max(1, min(threads, count))
        if workers == 1 { return (0..<count).map(body) }
        let shared = Shared<T>(count: count)
        return withoutActuallyEscaping(body) { body in
            let work: @Sendable () -> Void = {
                while let item = shared.take() { shared.put(body(item), at: item) }
            }
            // Joined before returning, so no thread keeps `body` past this call. A thread that
            // cannot be made leaves its share to the others (the caller's thread at least).
            var threads: [pthread_t] = []
            for _ in 1..<workers {
                if let thread = start(work) { threads.append(thread) }
            }
            work()
            for thread in threads { pthread_join(thread, nil) }
            return shared.answers()
        }
    }

    /// A thread running `work` with a stack of `stackSize`; nil when none could be made.
    private static func start(_ work: @escaping @Sendable () -> Void) -> pthread_t? {
        let job = Unmanaged.passRetained(Job(work)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        var thread = pthread_t()
        let status = pthread_create(&thread, &attributes, { raw in
            // Released (with the closure it holds) when this scope ends, before the join.
            Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue().work()
            return nil
        }, job)
        guard status == 0 else {
            Unmanaged<Job>.fromOpaque(job).release()
            return nil
        }
        return thread
    }

    /// What a thread runs, passed through `pthread_create`'s context pointer.
    private final class Job {
        let work: @Sendable () -> Void
        init(_ work: @escaping @Sendable () -> Void) { self.work = work }
    }

    /// The counter that hands out items and the answers so far.
    private final class Shared<T: Sendable>: Sendable {
        private let state: Mutex<(next: Int, answers: [T?])>

        init(count: Int) { state = Mutex((0, Array(repeating: nil, count: count))) }

        /// The next item not yet handed out; nil when none is left.
        func take() -> Int? {
            state.withLock { s -> Int? in
                guard s.next < s.answers.count else { return nil }
                defer { s.next += 1 }
                return s.next
            }
        }

        func put(_ answer: T, at item: Int) { state.withLock { $0.answers[item] = answer } }

        /// Every answer, in index order. - Precondition: every item has run.
        func answers() -> [T] { state.withLock { $0.answers.map { $0! } } }
    }
}

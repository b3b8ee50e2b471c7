import Dispatch
import Synchronization
import Testing
import Utilities

/// `Parallel.map` and `Pool`: every item once, answers in order, resources never shared.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ParallelTests {
    @Test(arguments: [(0, 1), (0, 4), (1, 4), (7, 1), (7, 3), (50, 2), (3, 8)])
    func everyItemOnceInOrder(_ count: Int, threads: Int) {
        let runs = Mutex([Int](repeating: 0, count: count))
        let answers = Parallel.map(count, threads: threads) { item -> Int in
            runs.withLock { $0[item] += 1 }
            return item * item
        }
        #expect(answers == (0..<count).map { $0 * $0 })
        #expect(runs.withLock { $0 } == [Int](repeating: 1, count: count))
    }

    /// Items run on several threads at once: two items that each wait for the other finish.
    @Test func itemsRunAtOnce() {
        let signals = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        let answers = Parallel.map(2, threads: 2) { item -> Bool in
            signals[item].signal()
            return signals[1 - item].wait(timeout: .now() + 10) == .success
        }
        #expect(answers == [true, true])
    }

    /// A pool makes a resource only when none is idle, and no two threads hold the same one.
    @Test func poolHandsEachResourceToOneThreadAtATime() throws {
        final class Resource: Sendable { let busy = Atomic<Bool>(false) }
        final class Count: Sendable { let made = Atomic<Int>(0) }
        let count = Count()
        let pool = Pool<Resource, Never>(Resource()) {
            count.made.add(1, ordering: .relaxed)
            return Resource()
        }
        let clashes = Parallel.map(40, threads: 3) { _ -> Bool in
            pool.with { resource in
                let clash = resource.busy.exchange(true, ordering: .sequentiallyConsistent)
                for _ in 0..<1000 { _ = count.made.load(ordering: .relaxed) }
                resource.busy.store(false, ordering: .sequentiallyConsistent)
                return clash
            }
        }
        #expect(!clashes.contains(true))
        #expect(count.made.load(ordering: .relaxed) <= 2)
    }
}

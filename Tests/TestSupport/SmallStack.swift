import Foundation

/// Runs code on a thread with a small, fixed stack, so a test can show that something
/// recursive stays within a budget whatever thread the test itself runs on.
public enum SmallStack {
    /// Runs `body` to completion on a new thread whose stack is `bytes` long, and returns
    /// its result. A stack overflow crashes the test process (there is no way to catch it),
    /// which is the failure such a test looks for.
    /// - Precondition: `bytes` is at least 64 KB (Foundation's minimum is platform-dependent).
    public static func run<Result: Sendable>(bytes: Int, _ body: @escaping @Sendable () -> Result) -> Result {
        precondition(bytes >= 64 << 10, "a thread needs at least 64 KB of stack")
        let box = Box<Result>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = body()
            done.signal()
        }
        thread.stackSize = bytes
        thread.start()
        done.wait()
        return box.value!
    }

    /// Hands the result from the thread back; written once before the semaphore is signalled.
    private final class Box<Value>: @unchecked Sendable {
        var value: Value?
    }
}

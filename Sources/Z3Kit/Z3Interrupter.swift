/// Stops the work of one context from another thread, for good: the check running now ends
/// at once (`.unknown(reason: Z3CheckResult.interrupted)`), and every later check on the
/// context answers the same without starting.
///
/// Sendable and safe from any thread (a Ctrl-C handler, a cancellation token's handler). It
/// holds only the context's stop state, not the context: after the context is released an
/// interrupt does nothing. Interrupting is idempotent and returns at once; the watchdog thread
/// (`Z3Watchdog`) delivers `Z3_interrupt`, repeating it until the running check has returned,
/// since Z3 ignores an interrupt that arrives just before a check starts. There is no way back:
/// make a new context for new work.
public final class Z3Interrupter: Sendable {
    private let state: Z3InterruptState

    /// A handle for `context`'s checks.
    public init(_ context: Z3Context) { state = context.interruptState }

    /// Stops the running check, if any, and every later one. Safe from any thread.
    public func interrupt() { state.stop() }

    /// Whether `interrupt()` was called.
    public var isInterrupted: Bool { state.isStopped }
}

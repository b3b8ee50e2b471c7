import CZ3

/// Stops a running check of one context from another thread (`Z3_interrupt`).
///
/// Z3's API documents `Z3_interrupt` as the one call that may be made concurrently with other
/// calls on the same context; this type exposes exactly that call and nothing else, which is
/// why it can be `Sendable` while `Z3Context` is not. It keeps the context alive. The
/// interrupted check answers `.unknown(reason: "canceled")`; the context stays usable.
public final class Z3Interrupter: @unchecked Sendable {
    private let context: Z3Context

    /// A handle for `context`.
    public init(_ context: Z3Context) { self.context = context }

    /// Interrupts the check running on the context now, if any. Safe from any thread.
    public func interrupt() { Z3_interrupt(context.pointer) }
}

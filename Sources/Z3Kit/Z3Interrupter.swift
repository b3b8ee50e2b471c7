import CZ3

/// Stops a running check of one context from another thread (`Z3_interrupt`).
///
/// `Z3_interrupt` is the one Z3 call meant to be made from another thread while the context
/// works (Z3 implements it under the context's lock); this type exposes exactly that call and
/// nothing else, which is why it can be `Sendable` while `Z3Context` is not. It keeps the
/// context alive. The interrupted check answers `.unknown(reason: "canceled")`. Z3 may keep the
/// context's resource limit cancelled afterwards, so treat an interrupted context as finished.
public final class Z3Interrupter: @unchecked Sendable {
    private let context: Z3Context

    /// A handle for `context`.
    public init(_ context: Z3Context) { self.context = context }

    /// Interrupts the check running on the context now, if any. Safe from any thread.
    public func interrupt() { Z3_interrupt(context.pointer) }
}

/// Wall-clock seconds since creation, on the monotonic `ContinuousClock` (unaffected by changes
/// of the system time): the package's one way to time a run, a check or a child process.
/// Reading it is O(1) (one clock read).
public struct Stopwatch: Sendable {
    private let start = ContinuousClock.now

    /// Starts timing now.
    public init() {}

    /// The instant `seconds` after creation (a deadline for a time limit).
    public func instant(after seconds: Double) -> ContinuousClock.Instant { start + .seconds(seconds) }

    /// Seconds elapsed since creation.
    public var seconds: Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

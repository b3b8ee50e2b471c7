/// Wall-clock seconds since creation (monotonic).
struct Stopwatch {
    private let start = ContinuousClock.now

    /// The instant `seconds` after creation (a deadline for a time limit).
    func instant(after seconds: Double) -> ContinuousClock.Instant { start + .seconds(seconds) }

    var seconds: Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

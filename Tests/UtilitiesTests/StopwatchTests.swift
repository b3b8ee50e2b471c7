import Testing
import Utilities

@Suite("Stopwatch", .timeLimit(.minutes(5)))
struct StopwatchTests {
    @Test func secondsGrowFromZero() {
        let clock = Stopwatch()
        let first = clock.seconds
        let second = clock.seconds
        #expect(first >= 0 && second >= first)
    }

    @Test func deadlineIsAfterTheStart() {
        let clock = Stopwatch()
        #expect(clock.instant(after: 3600) > ContinuousClock.now)
        #expect(clock.instant(after: 0) <= ContinuousClock.now)
    }
}

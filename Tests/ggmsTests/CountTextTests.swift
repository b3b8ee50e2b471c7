@testable import Checking
import Testing
@testable import ggms
import Utilities

/// `formatCount` and `plural` (the one place for counts in text) and the progress line of
/// `verify` built on them.
@Suite(.timeLimit(.minutes(5))) struct CountTextTests {
    @Test func separators() {
        #expect(formatCount(0) == "0")
        #expect(formatCount(999) == "999")
        #expect(formatCount(1025) == "1,025")
        #expect(formatCount(1_000_000) == "1,000,000")
        #expect(formatCount(-123) == "-123")
        #expect(formatCount(-123_456) == "-123,456")
        #expect(formatCount(24_640.0) == "24,640")
        #expect(formatCount(-1234.0) == "-1,234")
        #expect(formatCount(1.8e19) == "1.8e19")
        #expect(formatCount(Double.infinity) == "more than 1.8e308")
    }

    @Test func plurals() {
        #expect(plural(1, "round") == "1 round")
        #expect(plural(0, "round") == "0 rounds")
        #expect(plural(2, "round") == "2 rounds")
        #expect(plural(1025, "state") == "1,025 states")
        #expect(plural(1, "Z3 query", "Z3 queries") == "1 Z3 query")
        #expect(plural(3, "Z3 query", "Z3 queries") == "3 Z3 queries")
        #expect(plural(1.0, "raw execution") == "1 raw execution")
        #expect(plural(5152.0, "raw execution") == "5,152 raw executions")
    }

    @Test func progressLine() {
        // 512.5 states/s rounds to 513.
        let fast = CheckProgress(statesExplored: 1025, distinctOutcomes: 1, seconds: 2, round: 1)
        #expect(VerifyProgress.line(fast, n: 5, checker: .fast, rounds: 2)
                == "verifying n=5 (fast): round 1 of 2, 1,025 states, 513 states/s, 1 outcome, 2.0 s")
        let deciding = CheckProgress(statesExplored: 1, distinctOutcomes: 3, seconds: 0.5, round: 3)
        #expect(VerifyProgress.line(deciding, n: 3, checker: .brute, rounds: 2)
                == "verifying n=3 (brute): decisions after round 2, 1 state, 2 states/s, 3 outcomes, 0.5 s")
        let symbolic = CheckProgress(statesExplored: 15, distinctOutcomes: 0, seconds: 0.3, solverQuery: 2)
        #expect(VerifyProgress.line(symbolic, n: 5, checker: .symbolic, rounds: 2)
                == "verifying n=5 (symbolic): Z3 query 2, 15 symbolic process states, 0.3 s")
    }
}

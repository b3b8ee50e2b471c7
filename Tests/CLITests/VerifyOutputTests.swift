import Foundation
import Testing

/// `ggms verify` end to end where the golden files cannot go: Ctrl-C while Z3 decides an
/// outcome, and JSON whose counts overflow a Double on a violation (too long for a golden file).
@Suite(.timeLimit(.minutes(5))) struct VerifyOutputTests {
    /// A spec Z3 cannot decide (Fermat's cubes): each outcome query runs to its timeout, 10 s
    /// by default, so only an interrupted Z3 query ends the run within seconds.
    static let undecidable = "Tests/CLITests/Fixtures/nonlinear.smt2"

    @Test(arguments: ["fast", "brute", "symbolic"])
    func ctrlCStopsZ3AndIsInterrupted(_ checker: String) throws {
        let output = try GGMSRunner.run(["verify", "--checker", checker, Self.undecidable, "Protocols/floodset.protocol"],
                                        interruptAfter: 1.5)
        #expect(output.exitCode == 3, "\(output.stderr)")
        #expect(output.stdout.contains("unknown: interrupted (not a pass)"), "\(output.stdout)")
        #expect(output.stderr.contains("interrupted: stopping"), "\(output.stderr)")
        // From Ctrl-C to exit: well under the 10 s query it interrupts (generous for a loaded
        // machine; timed from the signal, so a slow start-up does not count).
        let stopped = try #require(output.secondsFromFirstSignalToExit)
        #expect(stopped < 7, "stopped \(stopped) s after Ctrl-C")
    }

    @Test func ctrlCWithJSONPrintsTheWholeResult() throws {
        let output = try GGMSRunner.run(["verify", "--json", Self.undecidable, "Protocols/floodset.protocol"],
                                        interruptAfter: 1.5)
        #expect(output.exitCode == 3, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "unknown")
        #expect(object["reason"] as? String == "interrupted")
        #expect(object["rawExecutionsTotal"] as? Int == 200)
    }

    @Test func violationWithOverflowingCountsKeepsVerdictAndCounterexample() throws {
        let output = try GGMSRunner.run(["verify", "--json", "Tests/CLITests/Fixtures/overflowing-count-violated.smt2",
                                         "Tests/CLITests/Fixtures/one-state.protocol"])
        #expect(output.exitCode == 1, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "violated")
        #expect(object["rawExecutionsTotal"] as? String == "inf")
        #expect(object["rawExecutionsCovered"] == nil)
        let counterexample = try #require(object["counterexample"] as? [String: Any])
        #expect(counterexample["failedProperty"] as? String == "no-crash")
        #expect((counterexample["decisions"] as? [Any])?.count == 63)
    }
}

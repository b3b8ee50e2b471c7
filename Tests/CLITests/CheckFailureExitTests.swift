import Foundation
import Testing

/// How `verify` ends when a check fails instead of giving a verdict, with every checker: a
/// reachable gap is bad input (exit 65, one located diagnostic naming `n`); an engine failure —
/// a counterexample replay that disagrees with the checker, Z3 failing — is an internal error
/// (exit 70), never bad input, never a verdict. The engine failures cannot be provoked by any
/// input, so `GGMS_TEST_CHECK_FAILURE` (`Sources/ggms/TestHooks.swift`) makes the check throw one.
/// The header printed before the check is closed on stdout by a `stopped` line, with no verdict.
@Suite(.timeLimit(.minutes(5))) struct CheckFailureExitTests {
    static let checkers = ["fast", "brute", "symbolic"]
    static let gapProtocol = "Tests/CLITests/Fixtures/gap.protocol"

    @Test(arguments: checkers)
    func gapIsBadInputAtTheProtocol(_ checker: String) throws {
        let output = try GGMSRunner.run(["verify", "--checker", checker, "Specs/consensus3.smt2", Self.gapProtocol])
        #expect(output.exitCode == 65, "stderr: \(output.stderr)")
        #expect(Self.headerThenStopped(output.stdout), "stdout: \(output.stdout)")
        let pattern = try Regex(#"^\#(NSRegularExpression.escapedPattern(for: Self.gapProtocol)):[1-9][0-9]*:[1-9][0-9]*: error: at n = 3, no rule applies in round [0-9]+ to state .+\n(.*note: .+\n)+$"#)
        #expect(output.stderr.wholeMatch(of: pattern) != nil, "stderr: \(output.stderr)")
    }

    @Test(arguments: checkers, ["replay", "solver"])
    func engineFailureIsInternal(_ checker: String, _ failure: String) throws {
        let output = try GGMSRunner.run(["verify", "--checker", checker, "Specs/consensus3.smt2", "Protocols/floodset.protocol"],
                                        environment: ["GGMS_TEST_CHECK_FAILURE": failure])
        #expect(output.exitCode == 70, "stderr: \(output.stderr)")
        #expect(Self.headerThenStopped(output.stdout), "stdout: \(output.stdout)")
        #expect(output.stderr.hasPrefix("internal error: "), "stderr: \(output.stderr)")
        #expect(output.stderr.contains("this is a bug in ggms"), "stderr: \(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 1, "stderr: \(output.stderr)")
    }

    /// The three header lines, then `stopped at n = 3`, and nothing that reads as a verdict.
    static func headerThenStopped(_ stdout: String) -> Bool {
        let lines = stdout.split(separator: "\n").map(String.init)
        return lines.count == 4 && lines[0].hasPrefix("spec ") && lines[1].hasPrefix("protocol ") && lines[2].hasPrefix("checker ")
            && lines[3] == "stopped at n = 3: the check failed (the error is on stderr)"
    }

    /// Without the hook the same command verifies: the hook, not the input, made it fail.
    @Test func withoutTheHookItVerifies() throws {
        let output = try GGMSRunner.run(["verify", "Specs/consensus3.smt2", "Protocols/floodset.protocol"])
        #expect(output.exitCode == 0, "stderr: \(output.stderr)")
    }
}

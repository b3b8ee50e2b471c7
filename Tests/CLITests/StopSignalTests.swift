import Foundation
import Testing

/// SIGTERM stops `ggms synthesize` like Ctrl-C, and a second signal of either kind quits at
/// once (README "ggms synthesize SPEC"), on a real child process in the middle of a long run.
@Suite(.timeLimit(.minutes(5))) struct StopSignalTests {
    /// Runs for minutes (n = 8, f = 6): the search is still going when the signals arrive.
    static let long = "Tests/CLITests/Fixtures/consensus-n8-f6.smt2"

    /// SIGTERM (what `kill`, timeouts and job schedulers send) stops a long run like Ctrl-C:
    /// the best so far is kept, the record is written and the exit is 3.
    @Test(.timeLimit(.minutes(5)))
    func sigtermStopsALongRunAndWritesTheRecord() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let protocolFile = directory.appendingPathComponent("long.protocol")
        let start = ContinuousClock.now
        let output = try GGMSRunner.run(["synthesize", Self.long, "--output", protocolFile.path],
                                        signals: [.after(3, SIGTERM)])
        #expect(output.exitCode == 3, "stderr:\n\(output.stderr)")
        #expect(ContinuousClock.now - start < .seconds(60))
        #expect(output.stderr.contains("terminated (SIGTERM): stopping and keeping what was found"), "stderr:\n\(output.stderr)")
        #expect(output.stdout.contains("inconclusive: interrupted"), "stdout:\n\(output.stdout)")
        #expect(!FileManager.default.fileExists(atPath: protocolFile.path))
        let record = try Scratch.jsonObject(directory.appendingPathComponent("long.json"))
        #expect(record["outcome"] as? String == "inconclusive")
        #expect(record["reason"] as? String == "interrupted")
        // The best table so far is described in raw executions, never as a rounded share.
        #expect(record["bestScore"] == nil)
        if let best = record["best"] as? [String: Any] {
            #expect(best["failing"] is Double && best["total"] is Double)
        }
    }

    /// A second signal quits at once with 128 + that signal, writing nothing.
    @Test(.timeLimit(.minutes(5)), arguments: [SIGINT, SIGTERM])
    func aSecondSignalQuitsAtOnce(_ second: Int32) throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try GGMSRunner.run(["synthesize", Self.long, "--output", directory.appendingPathComponent("long.protocol").path],
                                        signals: [.after(3, SIGTERM), .when(stderrContains: "stopping and keeping what was found", second)])
        #expect(output.exitCode == 128 + second, "stderr:\n\(output.stderr)")
        #expect(output.stdout.isEmpty, "stdout:\n\(output.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    /// `ggms verify` too: SIGTERM while Z3 decides an outcome stops the check (exit 3).
    @Test(.timeLimit(.minutes(5)))
    func sigtermStopsVerify() throws {
        let output = try GGMSRunner.run(["verify", "Tests/CLITests/Fixtures/nonlinear.smt2", "Protocols/floodset.protocol"],
                                        signals: [.after(1.5, SIGTERM)])
        #expect(output.exitCode == 3, "\(output.stderr)")
        #expect(output.stdout.contains("unknown: interrupted (not a pass)"), "\(output.stdout)")
        #expect(output.stderr.contains("terminated (SIGTERM): stopping"), "\(output.stderr)")
    }
}

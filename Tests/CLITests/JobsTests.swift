import Foundation
import Testing

/// `ggms synthesize --jobs N` (README "Every core"): the answer of one thread, the cubes in the
/// report and the record, the time limit and Ctrl-C on every thread, and the range of --jobs.
@Suite(.timeLimit(.minutes(5))) struct JobsTests {
    @Test(arguments: [("Specs/consensus3-short.smt2", Int32(1)), ("Specs/consensus3.smt2", Int32(0))])
    func twoThreadsGiveTheAnswerAndRecordTheCubes(_ spec: String, _ expected: Int32) throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try GGMSRunner.run(["synthesize", spec, "--jobs", "2", "--cubes", "4", "--output", directory.appendingPathComponent("p.protocol").path])
        #expect(output.exitCode == expected, "stderr:\n\(output.stderr)")
        #expect(output.stdout.contains("threads: 1 searching the whole space, 1 with cegis on it for up to 20 s, then on 4 cubes"), "\(output.stdout)")
        let record = try Scratch.jsonObject(directory.appendingPathComponent("p.json"))
        let count = try #require(record["cubeCount"] as? Int)
        #expect(count >= 4)
        #expect((record["options"] as? [String: Any])?["jobs"] as? Int == 2)
        #expect(!((record["cubeRuns"] as? [Any]) ?? []).isEmpty)
    }

    /// Without `--cubes`, no thread of two takes cubes: thread 1's cegis sweeps them after its
    /// opening and then stays on the whole space, spread; a third thread takes the cubes, with
    /// cegis.
    @Test(arguments: [("Specs/consensus3-short.smt2", Int32(1)), ("Specs/consensus3.smt2", Int32(0))])
    func withoutCubesTheCompanionSweepsThemThenStaysOnTheWholeSpace(_ spec: String, _ expected: Int32) throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let two = try GGMSRunner.run(["synthesize", spec, "--jobs", "2", "--output", directory.appendingPathComponent("two.protocol").path])
        #expect(two.exitCode == expected, "stderr:\n\(two.stderr)")
        let record = try Scratch.jsonObject(directory.appendingPathComponent("two.json"))
        let count = try #require(record["cubeCount"] as? Int)
        #expect(count >= 2)
        #expect(two.stdout.contains("threads: 1 searching the whole space, 1 with cegis on it (near the last candidate for up to 20 s, then \(count) cubes for up to 5 s each, then spread) ("), "\(two.stdout)")
        let runs = try #require(record["cubeRuns"] as? [[String: Any]])
        #expect(runs.contains { $0["outcome"] as? String == (expected == 0 ? "found" : "unrealizable") }, "\(runs)")
        // Which search answered depends on timing: the whole space, a cube of the sweep, or
        // (no protocol) every cube.
        let refuted = runs.filter { $0["outcome"] as? String == "unrealizable" && $0["index"] as? Int != -1 }.count
        #expect(two.stdout.contains(expected == 0 ? "refuted, found " : refuted == count ? "(\(count) refuted" : "the whole space refuted"), "\(two.stdout)")
        if expected == 1 && !runs.contains(where: { $0["index"] as? Int == -1 && $0["outcome"] as? String == "unrealizable" }) {
            #expect(two.stdout.contains("the cegis thread's Z3 found no table in any of the \(count) cubes"), "\(two.stdout)")
        }
        if let cube = runs.first(where: { $0["outcome"] as? String == "found" })?["index"] as? Int, cube >= 0 {
            #expect(two.stdout.contains("found in cube \(cube) (cegis)") && two.stdout.contains("(found by cegis in cube \(cube))"), "\(two.stdout)")
        }
        let three = try GGMSRunner.run(["synthesize", spec, "--jobs", "3", "--output", directory.appendingPathComponent("three.protocol").path])
        #expect(three.exitCode == expected, "stderr:\n\(three.stderr)")
        let threeRecord = try Scratch.jsonObject(directory.appendingPathComponent("three.json"))
        let cubes = try #require(threeRecord["cubeCount"] as? Int)
        #expect(cubes >= 24)
        #expect(three.stdout.contains("(near the last candidate for up to 20 s, then spread), 1 with cegis on \(cubes) cubes ("), "\(three.stdout)")
        // The third thread searches its cubes with cegis: every cube's run names it.
        let threeRuns = try #require(threeRecord["cubeRuns"] as? [[String: Any]])
        #expect(threeRuns.filter { $0["index"] as? Int != -1 }.allSatisfy { $0["strategy"] as? String == "cegis" }, "\(threeRuns)")
        if expected == 1 && !threeRuns.contains(where: { $0["index"] as? Int == -1 && $0["outcome"] as? String == "unrealizable" }) {
            #expect(three.stdout.contains("the cegis searches' Z3 found no table in any of the \(cubes) cubes"), "\(three.stdout)")
        }
    }

    /// consensus (6,4) one round short does not settle in seconds: both ways of stopping reach
    /// both threads, and the record is written.
    @Test func theTimeLimitAndCtrlCStopEveryThread() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let start = Date()
        // An opening of 0.5 s: the limit stops the companion's rest too.
        let limited = try GGMSRunner.run(["synthesize", "Specs/bench/consensus-n6-f4-r4.smt2", "--jobs", "2", "--time-limit", "2", "--cube-seconds", "0.5",
                                          "--output", directory.appendingPathComponent("t.protocol").path, "--quiet"])
        #expect(limited.exitCode == 3 && limited.stdout.contains("time limit of 2.0 s reached"), "\(limited.stdout)\n\(limited.stderr)")
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("t.json").path))
        let interrupted = try GGMSRunner.run(["synthesize", "Specs/bench/consensus-n6-f4-r4.smt2", "--jobs", "2", "--cube-seconds", "1",
                                              "--output", directory.appendingPathComponent("i.protocol").path],
                                             signals: [.when(stderrContains: "synthesizing (ggms)", SIGINT)])
        #expect(interrupted.exitCode == 3 && interrupted.stdout.contains("inconclusive: interrupted"), "\(interrupted.stdout)\n\(interrupted.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("i.json").path))
    }

    @Test func jobsOutOfRangeIsAUsageError() throws {
        let zero = try GGMSRunner.run(["synthesize", "Specs/consensus3.smt2", "--jobs", "0"])
        #expect(zero.exitCode == 64 && zero.stderr.contains("--jobs 0 is outside 1...256"), "\(zero.stderr)")
        let bad = try GGMSRunner.run(["synthesize", "Specs/consensus3.smt2"], environment: ["GGMS_JOBS": "many"])
        #expect(bad.exitCode == 64 && bad.stderr.contains("GGMS_JOBS=many"), "\(bad.stderr)")
        let zeroVariable = try GGMSRunner.run(["synthesize", "Specs/consensus3.smt2"], environment: ["GGMS_JOBS": "0"])
        #expect(zeroVariable.exitCode == 64 && zeroVariable.stderr.contains("GGMS_JOBS=0 is outside 1...256"), "\(zeroVariable.stderr)")
    }
}

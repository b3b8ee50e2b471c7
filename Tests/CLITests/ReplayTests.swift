import Foundation
import Testing

/// `ggms replay RECORD` re-runs a record's exact configuration, and the record holds every
/// option (unset ones as null).
@Suite(.timeLimit(.minutes(3))) struct ReplayTests {
    @Test func recordHoldsEveryOptionAndReplaysToTheSameAnswer() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let protocolFile = directory.appendingPathComponent("c.protocol")
        let run = try GGMSRunner.run(["synthesize", "Specs/commit3.smt2", "--output", protocolFile.path, "--quiet",
                                      "--seed", "5", "--patience", "2"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        let recordFile = directory.appendingPathComponent("c.json")
        let record = try Scratch.jsonObject(recordFile)
        let options = try #require(record["options"] as? [String: Any])
        for key in ["strategy", "seed", "timeLimit", "useEncoder", "encoder", "explorationConstant", "patience",
                    "trainEvery", "trainingBatch", "priorFloor", "playoutSteps", "symbolicLearning", "simplify",
                    "poolLimit", "restartBase", "solverTimeoutMilliseconds", "generalizationBound"] {
            #expect(options.keys.contains(key), "the record lacks option \(key)")
        }
        #expect(options["timeLimit"] is NSNull)
        #expect(options["seed"] as? Int == 5 && options["patience"] as? Int == 2)

        let replay = try GGMSRunner.run(["replay", recordFile.path, "--quiet"])
        #expect(replay.exitCode == 0, "\(replay.stdout)\n\(replay.stderr)")
        #expect(replay.stdout.contains("same answer as"), "\(replay.stdout)")
    }

    @Test func aChangedRecordIsADifferentAnswer() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let protocolFile = directory.appendingPathComponent("c.protocol")
        _ = try GGMSRunner.run(["synthesize", "Specs/consensus3-short.smt2", "--output", protocolFile.path, "--quiet"])
        let recordFile = directory.appendingPathComponent("c.json")
        var record = try Scratch.jsonObject(recordFile)
        #expect(record["outcome"] as? String == "unrealizable")
        record["outcome"] = "found"
        try JSONSerialization.data(withJSONObject: record).write(to: recordFile)
        let replay = try GGMSRunner.run(["replay", recordFile.path, "--quiet"])
        #expect(replay.exitCode == 1)
        #expect(replay.stdout.contains("different answer from"), "\(replay.stdout)")
    }

    @Test func aMalformedRecordIsBadInput() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.json")
        try Data("{\"spec\": 3}".utf8).write(to: file)
        let replay = try GGMSRunner.run(["replay", file.path])
        #expect(replay.exitCode == 65)
        #expect(replay.stderr.contains("not a run record"), "\(replay.stderr)")
        let missing = try GGMSRunner.run(["replay", directory.appendingPathComponent("none.json").path])
        #expect(missing.exitCode == 66)
    }
}

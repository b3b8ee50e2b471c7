import Foundation
import Testing

/// `ggms replay RECORD` re-runs a record's exact configuration, and the record holds every
/// option (unset ones as null).
@Suite(.timeLimit(.minutes(5))) struct ReplayTests {
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
                    "poolLimit", "restartBase", "solverTimeoutMilliseconds", "generalizationBound", "candidateOrder"] {
            #expect(options.keys.contains(key), "the record lacks option \(key)")
        }
        #expect(options["timeLimit"] is NSNull && options["candidateOrder"] is NSNull)
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
        #expect(replay.stderr.contains("bad.json: error: the field 'spec' is not a string; expected the .json record"), "\(replay.stderr)")
        let missing = try GGMSRunner.run(["replay", directory.appendingPathComponent("none.json").path])
        #expect(missing.exitCode == 66)
    }

    /// A record whose options would trap the search (trainEvery 0, a negative playout) is bad
    /// input, not a crash.
    @Test func outOfRangeOptionsAreBadInput() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let protocolFile = directory.appendingPathComponent("c.protocol")
        _ = try GGMSRunner.run(["synthesize", "Specs/consensus3.smt2", "--output", protocolFile.path, "--quiet"])
        let recordFile = directory.appendingPathComponent("c.json")
        let values: [(String, Any)] = [("trainEvery", 0), ("playoutSteps", -1), ("timeLimit", -5), ("counterexamples", 65),
                                       ("candidateOrder", "sideways")]
        for (key, value) in values {
            var record = try Scratch.jsonObject(recordFile)
            var options = try #require(record["options"] as? [String: Any])
            options[key] = value
            record["options"] = options
            let bad = directory.appendingPathComponent("bad-\(key).json")
            try JSONSerialization.data(withJSONObject: record).write(to: bad)
            let replay = try GGMSRunner.run(["replay", bad.path, "--quiet"])
            #expect(replay.exitCode == 65, "\(key): \(replay.stderr)")
            #expect(replay.stderr.contains(key), "\(replay.stderr)")
        }
    }

    /// A run printed with --table replays to the same answer (the compact rules are compared),
    /// from another working directory too (the record holds the spec's absolute path).
    @Test func tableRunsReplayFromAnywhere() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let protocolFile = directory.appendingPathComponent("c.protocol")
        let run = try GGMSRunner.run(["synthesize", "Specs/consensus3.smt2", "--table", "--output", protocolFile.path, "--quiet"])
        #expect(run.exitCode == 0)
        let replay = try GGMSRunner.run(["replay", directory.appendingPathComponent("c.json").path, "--quiet"],
                                        workingDirectory: directory)
        #expect(replay.exitCode == 0, "\(replay.stdout)\n\(replay.stderr)")
    }

    /// A time limit past any run is no deadline (it once overflowed a conversion and crashed).
    @Test func aHugeTimeLimitIsNoDeadline() throws {
        let run = try GGMSRunner.run(["synthesize", "Specs/consensus3.smt2", "--time-limit", "1e300", "--output", "-", "--quiet"])
        #expect(run.exitCode == 0, "\(run.stderr)")
    }
}

import Foundation
import Testing

/// Every command's `--json` against docs/ggms.schema.json: real output of the built binary,
/// results and errors, checked by `JSONSchemaValidator` (which is itself tested below, so a
/// schema that accepts anything would fail here).
@Suite(.timeLimit(.minutes(10)), .serialized) struct JSONSchemaTests {
    static func validator() throws -> JSONSchemaValidator {
        let text = try String(contentsOf: GGMSRunner.root.appendingPathComponent("docs/ggms.schema.json"), encoding: .utf8)
        return JSONSchemaValidator(root: try JSONValue.parse(text))
    }

    /// Runs ggms, checks the exit code, parses stdout as one JSON object and validates it.
    @discardableResult
    static func record(_ arguments: [String], exit: Int32, workingDirectory: URL? = nil) throws -> JSONValue {
        let output = try GGMSRunner.run(arguments, workingDirectory: workingDirectory)
        #expect(output.exitCode == exit, "\(arguments): \(output.stderr)")
        let value: JSONValue
        do { value = try JSONValue.parse(output.stdout) } catch {
            Issue.record("\(arguments.joined(separator: " ")): stdout is not JSON: \(output.stdout.prefix(400)) \(output.stderr.prefix(400))")
            throw error
        }
        let errors = try validator().errors(value)
        #expect(errors.isEmpty, "\(arguments.joined(separator: " ")):\n\(errors.prefix(12).joined(separator: "\n"))")
        // The fields every record shares.
        #expect(value["kind"]?.string != nil && value["versions"]?["ggms"]?.string != nil && value["outcome"]?.string != nil)
        return value
    }

    @Test func verifyRecordsOfEveryShape() throws {
        let verified = try Self.record(["verify", "Specs/consensus3.smt2", "Protocols/floodset.protocol", "--json"], exit: 0)
        #expect(verified["outcome"]?.string == "verified" && verified["verdict"]?.string == "verified")
        let violated = try Self.record(["verify", "Specs/consensus3.smt2", "Protocols/majority.protocol", "--json"], exit: 1)
        #expect(violated["counterexample"]?["failedProperty"]?.string != nil)
        try Self.record(["verify", "Specs/consensus3.smt2", "Protocols/majority.protocol", "--json", "--checker", "symbolic"], exit: 1)
        let symbolic = try Self.record(["verify", "Specs/consensus3.smt2", "Protocols/floodset.protocol", "--json", "--checker", "symbolic"], exit: 0)
        #expect(symbolic["distinctOutcomes"] == nil && symbolic["solverChecks"] != nil, "the symbolic checker counts no outcomes")
        #expect(verified["solverChecks"] == nil && verified["distinctOutcomes"] != nil)
        try Self.record(["verify", "Specs/consensus3.smt2", "Protocols/floodset.protocol", "--json", "--checker", "brute"], exit: 0)
        // A range is one object holding a list, even of one n.
        let range = try Self.record(["verify", "Specs/consensus3.smt2", "Protocols/floodset.protocol", "--json", "--processes", "3...5"], exit: 0)
        #expect(range["checks"]?.array?.count == 3)
        let one = try Self.record(["verify", "Specs/consensus3.smt2", "Protocols/floodset.protocol", "--json", "--processes", "4...4"], exit: 0)
        #expect(one["checks"]?.array?.count == 1 && one["processes"]?["from"]?.sameAs(.int(4)) == true)
        let mixed = try Self.record(["verify", "Specs/consensus3-short.smt2", "Protocols/floodset.protocol", "--json", "--processes", "3...4"], exit: 1)
        #expect(mixed["outcome"]?.string == "violated")
        // Every n, both ways.
        try Self.record(["verify", "Specs/consensus3.smt2", "Protocols/floodset.protocol", "--json", "--processes", "3..."], exit: 0)
        try Self.record(["verify", "Specs/consensus3-short.smt2", "Protocols/floodset.protocol", "--json", "--processes", "3..."], exit: 1)
        // Other fault models, lossy links, identities and early decision: counterexamples with
        // drops, forged and lost messages, senders and decision rounds.
        let fixtures = "Tests/CLITests/Fixtures/"
        let pairs: [(String, String)] = [
            (fixtures + "consensus3-byzantine.smt2", "Protocols/floodset.protocol"),
            (fixtures + "consensus3-send-omission.smt2", "Protocols/majority.protocol"),
            (fixtures + "consensus3-receive-omission.smt2", "Protocols/floodset.protocol"),
            (fixtures + "consensus3-general-omission.smt2", "Protocols/majority.protocol"),
            (fixtures + "consensus3-losses.smt2", "Protocols/floodset.protocol"),
            (fixtures + "consensus3-identities.smt2", "Protocols/majority.protocol"),
            ("Specs/identities/broadcast-crash-n3-f1.smt2", "Protocols/reliable-broadcast.protocol"),
            ("Specs/early/consensus-early-n3-f1.smt2", "Protocols/early-floodset.protocol"),
            ("Specs/early/uniform-early-n3-f1.smt2", "Protocols/early-floodset.protocol"),
        ]
        var violations = 0
        let validator = try Self.validator()
        for (spec, proto) in pairs {
            let output = try GGMSRunner.run(["verify", spec, proto, "--json"])
            #expect(output.exitCode == 0 || output.exitCode == 1, "\(spec): \(output.stderr)")
            let value = try JSONValue.parse(output.stdout)
            let errors = validator.errors(value)
            #expect(errors.isEmpty, "\(spec) \(proto): \(errors.prefix(8))")
            if value["counterexample"] != nil { violations += 1 }
        }
        #expect(violations >= 4, "most of these pairs are violated, so their counterexamples are checked")
    }

    @Test func synthesizeRecordsAndTheFileBesideTheProtocol() throws {
        let dir = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("p.protocol").path
        let found = try Self.record(["synthesize", "Specs/consensus3.smt2", "--json", "--output", out, "--quiet"], exit: 0)
        #expect(found["protocolText"]?.string != nil && found["seconds"] != nil)
        // The record written beside the protocol has the same shape.
        let beside = try JSONValue.parse(String(contentsOfFile: dir.appendingPathComponent("p.json").path, encoding: .utf8))
        #expect(try Self.validator().errors(beside).isEmpty)
        let none = try Self.record(["synthesize", "Specs/consensus3-short.smt2", "--json", "--output", out, "--quiet"], exit: 1)
        #expect(none["refutation"] != nil && none["best"] == nil && none["protocolText"] == nil)
        // Baselines: counters that do not apply are absent, not 0.
        let cegis = try Self.record(["synthesize", "Specs/consensus3.smt2", "--json", "--output", out, "--strategy", "cegis", "--quiet"], exit: 0)
        let stats = try #require(cegis["stats"]?.object)
        #expect(stats["treeNodes"] == nil && stats["freezes"] == nil && stats["trainingSteps"] == nil && stats["poolConflicts"] == nil)
        #expect(stats["checkerCalls"] != nil && stats["solverSeconds"] != nil)
        let random = try Self.record(["synthesize", "Specs/scale/commit-n6-f5-r6.smt2", "--json", "--output", out, "--strategy", "random",
                                      "--time-limit", "0.5", "--quiet"], exit: 3)
        #expect(random["reason"]?.string != nil && random["stats"]?["solverSeconds"] == nil)
        let noEncoder = try Self.record(["synthesize", "Specs/consensus3.smt2", "--json", "--output", out, "--no-encoder", "--quiet"], exit: 0)
        #expect(noEncoder["stats"]?["trainingSteps"] == nil && noEncoder["stats"]?["freezes"] != nil)
        let jobs = try Self.record(["synthesize", "Specs/consensus3-short.smt2", "--json", "--output", out, "--jobs", "2", "--quiet"], exit: 1)
        #expect(jobs["stats"]?["cubeConflicts"] != nil && jobs["stats"]?["sharedSchedules"] != nil)
    }

    @Test func mergeSimulateAndCheckRefutation() throws {
        let dir = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let split = dir.appendingPathComponent("split").path
        #expect(try GGMSRunner.run(["split", "Specs/consensus3-short.smt2", "--cubes", "3", "--output-dir", split]).exitCode == 0)
        let open = try Self.record(["merge", split, "--json"], exit: 3)
        #expect(open["open"]?.array?.isEmpty == false)
        for index in 0..<3 {
            let cube = "\(split)/cube-00\(index)"
            #expect(try GGMSRunner.run(["synthesize", cube + ".smt2", "--output", cube + ".protocol", "--quiet"]).exitCode == 1)
        }
        let merged = try Self.record(["merge", split, "--json"], exit: 1)
        #expect(merged["outcome"]?.string == "unrealizable" && merged["refuted"]?.sameAs(.int(3)) == true)

        let record = dir.appendingPathComponent("none.json").path
        #expect(try GGMSRunner.run(["synthesize", "Specs/consensus3-short.smt2", "--record", record,
                                    "--output", dir.appendingPathComponent("n.protocol").path, "--quiet"]).exitCode == 1)
        try Self.record(["check-refutation", "Specs/consensus3-short.smt2", record, "--json"], exit: 1)

        let verify = try GGMSRunner.run(["verify", "Specs/consensus3.smt2", "Protocols/majority.protocol", "--json"])
        let schedule = dir.appendingPathComponent("schedule.json")
        try verify.stdout.write(to: schedule, atomically: true, encoding: .utf8)
        let violated = try Self.record(["simulate", "Specs/consensus3.smt2", "Protocols/majority.protocol", "--schedule", schedule.path, "--json"], exit: 1)
        #expect(violated["failedProperty"]?.string == "agreement")
        let holds = try Self.record(["simulate", "Specs/consensus3.smt2", "Protocols/floodset.protocol", "--schedule", schedule.path, "--json"], exit: 0)
        #expect(holds["failedProperty"] == nil && holds["execution"]?["failedProperty"] == nil)
        // simulate --json's own record is a schedule too.
        let again = dir.appendingPathComponent("again.json")
        try GGMSRunner.run(["simulate", "Specs/consensus3.smt2", "Protocols/majority.protocol", "--schedule", schedule.path, "--json"])
            .stdout.write(to: again, atomically: true, encoding: .utf8)
        try Self.record(["simulate", "Specs/consensus3.smt2", "Protocols/majority.protocol", "--schedule", again.path, "--json"], exit: 1)
    }

    /// `bench --json` (a local sweep, then a Slurm sweep's report with no task run yet) and its
    /// CSV, whose header is the run objects' field names.
    @Test func benchRecords() throws {
        let dir = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bench = try Self.record(["bench", "--suite", "Tests/CLITests/Fixtures/bench", "--strategies", "dfs,cegis", "--seeds", "1",
                                     "--time-limit", "20", "--output-dir", dir.path, "--json"], exit: 0)
        let runs = try #require(bench["runs"]?.array)
        #expect(runs.count == 4 && bench["outcome"]?.string == "completed")
        // CEGIS has no tree: no backtracks in its rows (absent, not 0); dfs has them.
        #expect(runs.filter { $0["strategy"]?.string == "cegis" }.allSatisfy { $0["backtracks"] == nil && $0["checkerCalls"] != nil })
        #expect(runs.filter { $0["strategy"]?.string == "dfs" }.allSatisfy { $0["backtracks"] != nil })
        let header = try String(contentsOf: dir.appendingPathComponent("bench.csv"), encoding: .utf8).split(separator: "\n")[0]
        let fields = Set(runs.flatMap { $0.object?.keys.map { $0 } ?? [] })
        #expect(fields.isSubset(of: Set(header.split(separator: ",").map(String.init))), "\(fields) vs \(header)")
        let sweep = dir.appendingPathComponent("sweep").path
        #expect(try GGMSRunner.run(["bench", "--suite", "Tests/CLITests/Fixtures/bench", "--strategies", "dfs", "--seeds", "1",
                                    "--time-limit", "20", "--slurm", sweep]).exitCode == 0)
        let report = try Self.record(["bench", "--report", sweep, "--json", "--output-dir", dir.appendingPathComponent("r").path], exit: 3)
        #expect(report["outcome"]?.string == "incomplete")
        #expect(report["runs"]?.array?.allSatisfy { $0["outcome"]?.string == "not-run" && $0["seconds"] == nil } == true)
    }

    /// Under --json a failure is a JSON error record on stdout (with the exit code and the
    /// located message), and the message still goes to stderr.
    @Test func errorsAreRecordsToo() throws {
        let cases: [([String], Int32)] = [
            (["verify", "Specs/consensus3.smt2", "--json"], 64),
            (["verify", "Specs/consensus3.smt2", "Protocols/none.protocol", "--json"], 66),
            (["verify", "Tests/CLITests/Fixtures/unknown-attribute.smt2", "Protocols/floodset.protocol", "--json"], 65),
            (["synthesize", "Specs/none.smt2", "--json"], 66),
            (["synthesize", "Specs/consensus3.smt2", "--json", "--seed", "x"], 64),
            (["merge", "/nonexistent-ggms-dir", "--json"], 66),
            (["simulate", "Specs/consensus3.smt2", "Protocols/floodset.protocol", "--schedule", "none.json", "--json"], 66),
            (["check-refutation", "Specs/consensus3.smt2", "Specs/consensus3.smt2", "--json"], 65),
            (["verify", "Specs/consensus3.smt2", "Protocols/floodset.protocol", "--json", "--no-such-option"], 64),
        ]
        for (arguments, code) in cases {
            let output = try GGMSRunner.run(arguments)
            #expect(output.exitCode == code, "\(arguments): \(output.stderr)")
            let value = try JSONValue.parse(output.stdout)
            #expect(try Self.validator().errors(value).isEmpty, "\(arguments): \(output.stdout)")
            #expect(value["outcome"]?.string == "error" && value["exitCode"]?.sameAs(.int(Int(code))) == true)
            #expect(value["kind"]?.string == arguments[0])
            let message = try #require(value["error"]?["message"]?.string)
            #expect(output.stderr.contains(message), "\(arguments): stderr \(output.stderr) lacks \(message)")
        }
        // A located error keeps its location.
        let located = try JSONValue.parse(GGMSRunner.run(["verify", "Tests/CLITests/Fixtures/unknown-attribute.smt2", "Protocols/floodset.protocol",
                                                          "--json"]).stdout)
        #expect(located["error"]?["line"] != nil && located["error"]?["column"] != nil)
        // Without --json, nothing on stdout.
        #expect(try GGMSRunner.run(["verify", "Specs/consensus3.smt2", "Protocols/none.protocol"]).stdout.isEmpty)
    }

    /// The validator rejects what the schema forbids (so the tests above can fail).
    @Test func theValidatorRejectsWhatTheSchemaForbids() throws {
        let validator = try Self.validator()
        let good = try JSONValue.parse(GGMSRunner.run(["verify", "Specs/consensus3.smt2", "Protocols/floodset.protocol", "--json"]).stdout)
        #expect(validator.errors(good).isEmpty)
        guard case .object(let object) = good else { Issue.record("not an object"); return }
        func errors(_ change: (inout [String: JSONValue]) -> Void) -> [String] {
            var copy = object
            change(&copy)
            return validator.errors(.object(copy))
        }
        #expect(!errors { $0["outcome"] = nil }.isEmpty, "a missing required field")
        #expect(!errors { $0["outcome"] = .string("passed") }.isEmpty, "an outcome outside the vocabulary")
        #expect(!errors { $0["statesExplored"] = .string("27") }.isEmpty, "a wrong type")
        #expect(!errors { $0["statesExplored"] = .int(-1) }.isEmpty, "below a minimum")
        #expect(!errors { $0["undocumented"] = .int(1) }.isEmpty, "an undocumented field")
        #expect(!errors { $0["kind"] = .string("synthesize") }.isEmpty, "the wrong kind")
        #expect(!errors { $0["setting"] = .object([:]) }.isEmpty, "an empty setting")
        let unsupported = JSONSchemaValidator(root: try JSONValue.parse(#"{"pattern": "x"}"#))
        #expect(!unsupported.errors(.string("x")).isEmpty, "a keyword outside the checked subset")
    }
}

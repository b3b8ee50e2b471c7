import Foundation
import Testing

/// `ggms export --promela` and `ggms simulate --schedule`: outputs, exit codes, located errors,
/// and the round trip a user makes — a counterexample (or a SPIN trail) saved as a schedule
/// and run again.
@Suite(.timeLimit(.minutes(5))) struct ExportSimulateTests {
    @Test func exportWritesAModelAtTheSpecsOrTheGivenN() throws {
        let run = try GGMSRunner.run(["export", "--promela", "Specs/consensus3.smt2", "Protocols/floodset.protocol"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stdout.contains("#define N 3 ") && run.stdout.contains("init {"))
        #expect(run.stdout.contains("/* agreement (Specs/consensus3.smt2:22:1) */"))
        #expect(run.stderr.isEmpty)
        let at5 = try GGMSRunner.run(["export", "--promela", "Specs/consensus3.smt2", "Protocols/floodset.protocol", "--processes", "5"])
        #expect(at5.exitCode == 0 && at5.stdout.contains("#define N 5 ") && at5.stdout.contains("decision[4]"))

        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("m.pml")
        let written = try GGMSRunner.run(["export", "--promela", "Specs/commit3.smt2", "Protocols/commit.protocol", "--output", file.path])
        #expect(written.exitCode == 0 && written.stdout.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8).contains("/* commit-validity"))
    }

    @Test func exportUsageAndFileErrors() throws {
        let noFormat = try GGMSRunner.run(["export", "Specs/consensus3.smt2", "Protocols/floodset.protocol"])
        #expect(noFormat.exitCode == 64 && noFormat.stderr.contains("expected --promela"))
        let swapped = try GGMSRunner.run(["export", "--promela", "Protocols/floodset.protocol", "Specs/consensus3.smt2"])
        #expect(swapped.exitCode == 64 && swapped.stderr.contains("swapped"))
        let missing = try GGMSRunner.run(["export", "--promela", "Specs/consensus3.smt2", "Protocols/nothing.protocol"])
        #expect(missing.exitCode == 66, "\(missing.stderr)")
        let tooFew = try GGMSRunner.run(["export", "--promela", "Specs/consensus4.smt2", "Protocols/floodset.protocol", "--processes", "2"])
        #expect(tooFew.exitCode == 64, "\(tooFew.stderr)")
    }

    /// A property Promela cannot state (integer `mod`) is named in the model and on stderr; the
    /// others are still asserted.
    @Test func anUnstatedPropertyIsNamed() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = directory.appendingPathComponent("parity.smt2")
        let text = try String(contentsOf: GGMSRunner.root.appendingPathComponent("Specs/consensus3.smt2"), encoding: .utf8)
            + "\n(define-fun even-decisions () Bool (forall ((i Proc)) (=> (correct i) (= (mod (+ (decision i) 1) 2) (mod (+ (input i) 1) 2)))))\n(assert even-decisions)\n"
        try text.write(to: spec, atomically: true, encoding: .utf8)
        let run = try GGMSRunner.run(["export", "--promela", spec.path, "Protocols/floodset.protocol"])
        #expect(run.exitCode == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: the model does not check even-decisions"), "\(run.stderr)")
        #expect(run.stdout.contains("/* not stated: even-decisions"))
        #expect(run.stdout.contains("/* agreement"))
    }

    /// `verify --json`'s whole record is a schedule: it replays to the same violation, and the
    /// correct protocol survives it.
    @Test func aCounterexampleReplaysAsASchedule() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let verify = try GGMSRunner.run(["verify", "Specs/consensus3.smt2", "Protocols/majority.protocol", "--json"])
        #expect(verify.exitCode == 1)
        let schedule = directory.appendingPathComponent("cex.json")
        try verify.stdout.write(to: schedule, atomically: true, encoding: .utf8)

        let bad = try GGMSRunner.run(["simulate", "Specs/consensus3.smt2", "Protocols/majority.protocol", "--schedule", schedule.path])
        #expect(bad.exitCode == 1, "\(bad.stderr)")
        #expect(bad.stdout.contains("violated: agreement fails on this execution"))
        #expect(bad.stdout.contains("crashes; its message reaches no one"))
        #expect(bad.stdout.contains("end    p2       1                                         decides 1"))

        let good = try GGMSRunner.run(["simulate", "Specs/consensus3.smt2", "Protocols/floodset.protocol", "--schedule", schedule.path])
        #expect(good.exitCode == 0, "\(good.stderr)")
        #expect(good.stdout.contains("satisfied: agreement, validity hold on this execution"))
    }

    /// Every fault model's counterexample (drops, forged and lost messages, early decision,
    /// identities) replays through `simulate` to the property `verify` named.
    @Test(arguments: [
        ("Specs/faults/sendomission-n3-f1-r2-k2.smt2", "Protocols/floodset.protocol"),
        ("Specs/faults/uniformgeneral-n3-f1-r2.smt2", "Protocols/floodset.protocol"),
        ("Specs/faults/byzantine-n4-f1-r2-k2.smt2", "Protocols/floodset.protocol"),
        ("Specs/faults/twogenerals-n2-f0-r4-k2.smt2", "Protocols/floodset.protocol"),
        ("Specs/early/uniform-early-n4-f2.smt2", "Protocols/early-floodset.protocol"),
        ("Specs/identities/generals-n3-f1.smt2", "Protocols/om1.protocol"),
    ])
    func everyModelsCounterexampleReplays(spec: String, proto: String) throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let verify = try GGMSRunner.run(["verify", spec, proto, "--json"])
        #expect(verify.exitCode == 1, "\(verify.stderr)")
        let record = try #require(try JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])
        let failed = try #require((record["counterexample"] as? [String: Any])?["failedProperty"] as? String)
        let schedule = directory.appendingPathComponent("cex.json")
        try verify.stdout.write(to: schedule, atomically: true, encoding: .utf8)
        let run = try GGMSRunner.run(["simulate", spec, proto, "--schedule", schedule.path])
        #expect(run.exitCode == 1, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("violated: \(failed) fails on this execution"), "\(run.stdout)")
    }

    @Test func simulateErrorsAreLocated() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = "Specs/consensus3.smt2", proto = "Protocols/floodset.protocol"
        func simulate(_ json: String) throws -> GGMSRunner.Output {
            let file = directory.appendingPathComponent("s-\(UUID().uuidString).json")
            try json.write(to: file, atomically: true, encoding: .utf8)
            return try GGMSRunner.run(["simulate", spec, proto, "--schedule", file.path])
        }
        let syntax = try simulate("{\"inputs\": [0, 1, 1],\n \"rounds\": [}")
        #expect(syntax.exitCode == 65 && syntax.stderr.contains(".json:2:13: error:"), "\(syntax.stderr)")
        let process = try simulate("{\"inputs\": [0, 1, 1], \"rounds\": [{\"crashes\": [{\"process\": \"p7\", \"receivers\": []}]}, {}]}")
        #expect(process.exitCode == 65 && process.stderr.contains("is not a process; expected one of \"p0\" … \"p2\""), "\(process.stderr)")
        let rounds = try simulate("{\"inputs\": [0, 1, 1], \"rounds\": [{}]}")
        #expect(rounds.exitCode == 65 && rounds.stderr.contains(".json:1:33: error: the schedule is not one the adversary can choose here (it does not have 2 rounds)"), "\(rounds.stderr)")
        let twoCrashes = try simulate("{\"inputs\": [0, 1, 1], \"rounds\": [{\"crashes\": [{\"process\": \"p0\", \"receivers\": []}, {\"process\": \"p1\", \"receivers\": []}]}, {}]}")
        #expect(twoCrashes.exitCode == 65 && twoCrashes.stderr.contains("more than 1 faulty processes"), "\(twoCrashes.stderr)")
        let holds = try simulate("{\"inputs\": [0, 1, 1], \"rounds\": [{}, {}]}")
        #expect(holds.exitCode == 0, "\(holds.stderr)")
        let missing = try GGMSRunner.run(["simulate", spec, proto, "--schedule", directory.appendingPathComponent("none.json").path])
        #expect(missing.exitCode == 66, "\(missing.stderr)")
    }

    /// The whole round trip at the command line: export, SPIN finds the violation, the trail
    /// replay prints a schedule, and `ggms simulate` runs it to the same kind of violation.
    @Test(.enabled(if: SpinTools.available, "spin or gcc is not installed (scripts/setup installs spin); skipped"))
    func aSpinTrailReplaysThroughSimulate() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = "Specs/commit3.smt2", proto = "Protocols/commit-naive.protocol"
        let export = try GGMSRunner.run(["export", "--promela", spec, proto, "--output", directory.appendingPathComponent("model.pml").path])
        #expect(export.exitCode == 0, "\(export.stderr)")
        for command in ["spin -a model.pml", "gcc -O2 -DSAFETY -DMEMLIM=1024 -o pan pan.c", "./pan > pan.out",
                        "spin -t -T model.pml | grep '^GGMS-SCHEDULE ' | cut -c15- > trail.json"] {
            #expect(try SpinTools.shell(command, in: directory) == 0, "\(command)")
        }
        #expect(try String(contentsOf: directory.appendingPathComponent("pan.out"), encoding: .utf8).contains("errors: 1"))
        let replay = try GGMSRunner.run(["simulate", spec, proto, "--schedule", directory.appendingPathComponent("trail.json").path])
        #expect(replay.exitCode == 1, "\(replay.stdout)\n\(replay.stderr)")
        #expect(replay.stdout.contains("violated: "))
    }
}

/// Finding and running SPIN and gcc for the round-trip test.
enum SpinTools {
    static let available: Bool = ["spin", "gcc"].allSatisfy { tool in
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
        }
    }

    /// Runs `command` with `sh -c` in `directory`; its exit status.
    static func shell(_ command: String, in directory: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@testable import Bench
import Foundation
import GameCore
import Search
import Testing

/// Reading a sweep's finished tasks back (`BenchSweep.results(in:)`) and a child's run record
/// (`BenchRunner.interpret`), from files written here by hand.
@Suite(.timeLimit(.minutes(5))) struct BenchSweepReadingTests {
    static func sweep(_ directory: String) -> BenchSweep {
        let spec = BenchSpec(path: "suite/consensus-n3-f1-r2.smt2", name: "consensus-n3-f1-r2", family: "consensus",
                             setting: Setting(processes: 3, crashes: 1, rounds: 2, states: 2), expect: .realizable)
        return BenchSweep(command: "ggms bench --slurm", date: "d", build: "release", machine: "m", suite: "suite", timeLimit: 20,
                          seeds: 2, strategies: [.ggms], specs: [spec], directory: directory, executable: "/bin/ggms")
    }

    /// A run record as `ggms synthesize` writes it, without `stats` (an older record).
    static func record(outcome: String, reason: String? = nil) throws -> Data {
        var object: [String: Any] = [
            "spec": "s.smt2", "outcome": outcome,
            "options": try JSONSerialization.jsonObject(with: JSONEncoder().encode(SynthesisOptions())),
        ]
        if let reason { object["reason"] = reason }
        return try JSONSerialization.data(withJSONObject: object)
    }

    @Test func tasksAreReadFromTheirStatusAndRecord() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ggms-sweep-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let sweep = Self.sweep(directory)
        try #require(sweep.runs.count == 2)
        #expect(sweep.specs[0].path.hasPrefix("/"), "specs are planned with absolute paths")
        #expect(sweep.arguments(task: 1).suffix(4) == ["--output", directory + "/run-1.protocol", "--record", directory + "/run-1.json"])
        let write = { (name: String, text: String) in try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8) }
        // Task 0: exit 0 and a record that says inconclusive: the two disagree.
        try write("run-0.status", "0 1.25\n")
        try Data(Self.record(outcome: "inconclusive")).write(to: URL(fileURLWithPath: directory + "/run-0.json"))
        // Task 1: no status yet.
        var results = sweep.results(in: directory)
        #expect(results[1] == nil)
        let first = try #require(results[0])
        #expect(first.outcome == .harnessError(message: "exit 0 but the run record says 'inconclusive'"))
        #expect(first.seconds == 1.25 && first.exitCode == 0)

        // Task 1 killed at its deadline (20 s + 30 s of grace) by timeout: inconclusive, with a note.
        try write("run-1.status", "137 50.2\n")
        results = sweep.results(in: directory)
        let killed = try #require(results[1])
        #expect(killed.outcome == .inconclusive && killed.note == "killed: still running 30 s after its time limit")
        #expect(killed.checkerCalls == nil)

        // A status that is not `EXIT SECONDS`.
        try write("run-1.status", "oops")
        #expect(sweep.results(in: directory)[1].map { if case .harnessError = $0.outcome { true } else { false } } == true)
        // A usage error: its first stderr line.
        try write("run-1.status", "64 0.1")
        try write("run-1.err", "\nerror: --seed x is not a number\n")
        #expect(sweep.results(in: directory)[1]?.outcome == .harnessError(message: "exit 64 (usage error): error: --seed x is not a number"))
    }

    @Test func aRecordWithoutStatsKeepsTheWallClockAndNoCounts() throws {
        let job = BenchJob(specIndex: 0, strategy: .ggms, seed: 1)
        let interrupted = BenchChild.Exit(status: 3, stdout: try Self.record(outcome: "inconclusive", reason: "interrupted"), stderr: Data(), wallSeconds: 2)
        let result = BenchRunner.interpret(interrupted, job: job, recordFile: "/nonexistent")
        #expect(result.outcome == .interrupted && result.seconds == 2 && result.checkerCalls == nil)
        let found = BenchChild.Exit(status: 0, stdout: try Self.record(outcome: "found"), stderr: Data(), wallSeconds: 3)
        #expect(BenchRunner.interpret(found, job: job, recordFile: "/nonexistent").outcome == .found)
        let unreadable = BenchChild.Exit(status: 1, stdout: Data("{\"outcome\": \"unrealizable\"}".utf8), stderr: Data(), wallSeconds: 3)
        #expect(BenchRunner.interpret(unreadable, job: job, recordFile: "/nonexistent").outcome
                == .harnessError(message: "exit 1 but no readable run record on stdout or in /nonexistent"))
    }
}

import Foundation
import Interchange
import Testing

/// Runs SPIN on a Promela model the way a user does: `spin -a`, `gcc -O2 -DSAFETY` (with a
/// memory bound), `./pan`, and on an error `spin -t -T` to replay the trail, whose schedule
/// line (`PromelaModel.scheduleMarker`) it returns.
///
/// Tests that need it are enabled only when `spin` and `gcc` are on the PATH (`available`);
/// `scripts/setup` installs SPIN, so they run in CI.
enum SpinRunner {
    struct Result {
        /// Errors pan reported (assertion violations; it stops at the first).
        var errors: Int
        /// The schedule line of the replayed trail, without the marker; nil without an error.
        var schedule: String?
        /// pan's whole output, for messages.
        var panOutput: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The repository root (three levels above this file).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().standardizedFileURL

    /// Whether `spin` and `gcc` can be run.
    static let available: Bool = ["spin", "gcc"].allSatisfy { tool in
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
        }
    }

    static let missing: Comment = "spin or gcc is not installed (scripts/setup installs spin with apt-get); the SPIN tests are skipped"

    /// Model-checks `model` in a fresh directory (removed afterwards).
    /// - Parameter seconds: bound on each tool run.
    static func check(_ model: PromelaModel, seconds: Double = 120) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ggms-spin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try model.text.write(to: directory.appendingPathComponent("model.pml"), atomically: true, encoding: .utf8)
        let generate = try run(["spin", "-a", "model.pml"], in: directory, seconds: seconds)
        guard generate.status == 0 else { throw Failure(description: "spin -a failed: \(generate.output)\n\(model.text)") }
        let compile = try run(["gcc", "-O2", "-DSAFETY", "-DMEMLIM=1024", "-o", "pan", "pan.c"], in: directory, seconds: seconds)
        guard compile.status == 0 else { throw Failure(description: "gcc failed: \(compile.output)") }
        let pan = try run(["./pan"], in: directory, seconds: seconds)
        guard let range = pan.output.range(of: #"errors: (\d+)"#, options: .regularExpression),
              let errors = Int(pan.output[range].dropFirst("errors: ".count)) else {
            throw Failure(description: "pan printed no error count: \(pan.output)")
        }
        guard !pan.output.contains("reached -DMEMLIM bound") else {
            throw Failure(description: "pan ran out of its memory bound before the search ended: \(pan.output)")
        }
        guard !pan.output.contains("max search depth too small") else {
            throw Failure(description: "pan's search was cut at its depth bound: \(pan.output)")
        }
        guard errors > 0 else { return Result(errors: 0, schedule: nil, panOutput: pan.output) }
        let replay = try run(["spin", "-t", "-T", "model.pml"], in: directory, seconds: seconds)
        let line = replay.output.split(separator: "\n").first { $0.hasPrefix(PromelaModel.scheduleMarker) }
        return Result(errors: errors, schedule: line.map { String($0.dropFirst(PromelaModel.scheduleMarker.count)) },
                      panOutput: pan.output)
    }

    /// Runs a tool (looked up on the PATH) with stdout and stderr together; kills it after `seconds`.
    static func run(_ arguments: [String], in directory: URL, seconds: Double) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let log = directory.appendingPathComponent("output-\(UUID().uuidString).txt")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw Failure(description: "\(arguments.joined(separator: " ")) ran past \(seconds) s")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.waitUntilExit()
        let data = (try? Data(contentsOf: log)) ?? Data()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

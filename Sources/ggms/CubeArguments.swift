import Diagnostics
import Foundation
import Search
import SpecLanguage

/// `--jobs` and cube files for `synthesize` (README "Every core: --jobs", docs/cubes.md).
enum CubeArguments {
    /// The environment variable that sets the default of `--jobs` (tests set it to 1).
    static let jobsVariable = "GGMS_JOBS"

    /// `--jobs`: the value given, else `GGMS_JOBS`, else the machine's active cores.
    /// - Throws: `Diagnostic` (usage) below 1 or above 256, or a `GGMS_JOBS` that is no number.
    static func jobs(_ given: Int?) throws(Diagnostic) -> Int {
        let jobs: Int
        // Where the number came from, as the message names it.
        var source = { (value: Int) in "--jobs \(value)" }
        if let given {
            jobs = given
        } else if let text = ProcessInfo.processInfo.environment[jobsVariable], !text.isEmpty {
            guard let value = Int(text) else {
                throw Diagnostic(.usage, file: nil, message: "\(jobsVariable)=\(text) is not a whole number; expected a number of threads from 1 to 256")
            }
            jobs = value
            source = { "\(jobsVariable)=\($0)" }
        } else {
            jobs = ProcessInfo.processInfo.activeProcessorCount
        }
        guard (1...256).contains(jobs) else {
            throw Diagnostic(.usage, file: nil, message: "\(source(jobs)) is outside 1...256; expected a number of threads")
        }
        return jobs
    }

    /// `--cubes`: at least 1 and at most 100000.
    static func cubes(_ given: Int?, option: String = "--cubes") throws(Diagnostic) -> Int? {
        guard let given else { return nil }
        guard (1...100_000).contains(given) else {
            throw Diagnostic(.usage, file: nil, message: "\(option) \(given) is outside 1...100000; expected a number of cubes")
        }
        return given
    }

    /// The cube a spec file's `ggms-cube` / `ggms-fix` lines name (nil for a plain spec), checked
    /// against the spec's table.
    /// - Throws: `Diagnostic` (bad input, 65) for a malformed or misfitting cube, located at its
    ///   line, or a cube of a spec whose table is too large for synthesis.
    static func cube(in spec: Spec) throws(Diagnostic) -> Cube? {
        guard let data = FileManager.default.contents(atPath: spec.file) else { return nil }
        let text = try SourceText.decodeUTF8(data, file: spec.file, expected: "an SMT-LIB2 script")
        return try Cube.parse(fileText: text, file: spec.file) { () throws(Diagnostic) in
            try Synthesis.requireTableFits(spec)
            return StrategySpace(setting: spec.setting)
        }
    }
}

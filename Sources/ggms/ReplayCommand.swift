import ArgumentParser
import Checking
import Diagnostics
import Foundation
import Records
import Search
import SpecLanguage

/// `ggms replay RECORD`: re-runs a run record's exact configuration (its spec and every search
/// option) and says whether it got the same answer: the same outcome and, for a found
/// protocol, the same protocol text apart from its timing comment. Writes no files.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-run a synthesis run record's exact configuration and say whether the answer is the same.",
        discussion: """
        Reads the spec path and the options from RECORD (a .json run record written by \
        synthesize) and runs the search again; writes no files. A run with a time limit may end \
        differently on a slower or busier machine. Exit codes: 0 same answer, 1 a different \
        answer, 3 the replay was interrupted, 65 a malformed record, 66 a missing record or spec, \
        70 internal error.
        """)

    @Argument(help: "A run record (.json) written by ggms synthesize.") var record: String
    @Flag(help: "No progress on stderr.") var quiet = false

    func run() throws {
        let token = CancellationToken()
        let signalSource = Terminal.cancelOnInterrupt(token)
        defer { signalSource.cancel() }
        let recorded: RunRecord
        let spec: Spec
        do throws(Diagnostic) {
            recorded = try Self.read(record)
            // The absolute path first (the record may be replayed from anywhere), else as named.
            let path = recorded.specPath.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil } ?? recorded.spec
            spec = try Loading.spec(path)
        } catch { throw report(error) }
        if let bound = recorded.options.generalizationBound, bound < spec.setting.processes {
            throw report(Diagnostic(.badInput, file: record, message: "options.generalizationBound \(bound) is below the spec's \(spec.setting.processes) processes; expected at least \(spec.setting.processes)"))
        }
        let specChanged = recorded.specDigest != nil && RunRecord.digest(ofFile: spec.file) != recorded.specDigest
        var options = recorded.options
        options.cancellation = token
        let progress = Terminal.Progress(quiet: quiet)
        options.progress = SynthesisFrontEnd.callback(strategy: options.strategy, progress: progress)
        let result = try SynthesisFrontEnd.run(spec: spec, options: options, progress: progress)
        let printed = try SynthesisReport.make(spec: spec, specFile: recorded.spec, options: options, result: result,
                                               fullTable: false)
        print(printed.text)
        let now = result.outcome.name
        if token.isCancelled {
            print("replay interrupted: no comparison with \(record)")
            throw ExitCode(ExitStatus.inconclusive)
        }
        var differences: [String] = []
        if now != recorded.outcome.rawValue { differences.append("outcome \(recorded.outcome) in the record, \(now) now") }
        if specChanged { differences.append("the spec \(spec.file) changed since the record was written") }
        if now == "found", recorded.outcome == .found {
            if let rules = recorded.rulesText {
                if Self.withoutTiming(printed.record.rulesText) != Self.withoutTiming(rules) {
                    if options.jobs > 1 {
                        // On several threads the first protocol found depends on timing (docs/cubes.md).
                        print("note: \(record) ran on \(options.jobs) threads, where which protocol is found first depends on timing; this replay found another")
                    } else {
                        differences.append("a different protocol")
                    }
                }
            } else {
                print("note: \(record) holds no compact rules (written by an older ggms), so only the outcome is compared")
            }
        }
        if differences.isEmpty {
            print("same answer as \(record): \(now) (strategy \(options.strategy.rawValue), seed \(options.seed))")
            return
        }
        print("different answer from \(record): \(differences.joined(separator: "; "))")
        throw ExitCode(ExitStatus.negative)
    }

    /// The protocol text without the header comment that holds the run's seconds.
    static func withoutTiming(_ text: String?) -> [Substring] {
        (text ?? "").split(separator: "\n").filter { !($0.hasPrefix("# strategy ") || $0.hasPrefix("# synthesized by")) }
    }

    static func read(_ path: String) throws(Diagnostic) -> RunRecord {
        let resolved = Loading.resolve(path)
        try Loading.requireFile(resolved, kind: "run record", expected: "a .json run record written by ggms synthesize")
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw Diagnostic(.missingFile, file: path, message: "cannot read the run record; expected a readable file")
        }
        do {
            return try RunRecord.decoder().decode(RunRecord.self, from: data)
        } catch {
            throw RecordProblem(error, data: data).diagnostic(file: path, expected: "the .json record ggms synthesize writes")
        }
    }
}

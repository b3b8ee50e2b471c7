import ArgumentParser
import Diagnostics
import Foundation
import Game
import ProtocolLanguage
import Records
import Search
import SpecLanguage
import Utilities

/// `ggms merge DIR`: one answer from the runs of a split's cubes (docs/cubes.md).
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the runs of a split's cubes into one answer.",
        discussion: """
        Reads DIR/cube-*.smt2 (the cubes ggms split wrote) and the run records beside them \
        (DIR/cube-*.json). Found: a cube's protocol, re-verified here from scratch against the \
        spec (fast checker, and brute force when small). No protocol: only when every cube's run \
        refuted it. Otherwise inconclusive, naming the cubes still open (no record yet, or an \
        inconclusive run). Exit codes as synthesize: 0 found, 1 no protocol exists, 3 \
        inconclusive, 64 usage, 65 a malformed cube or record (or a record of another split's \
        cube), 66 a missing directory or cube file, 70 internal error (a found protocol that does \
        not re-verify).
        """)

    @Argument(help: "The directory ggms split wrote (and the tasks wrote their runs into).") var directory: String

    @Flag(help: "Print the answer as JSON (docs/json.md) instead of text.") var json = false

    func run() throws {
        let (cubeFiles, runs, within) = try read()
        // The spec: any cube file (each is the spec's text plus comment lines).
        let spec: Spec
        do { spec = try Spec.load(path: cubeFiles.first!.path) } catch { throw report(error) }
        let count = cubeFiles.count
        let merged = CubeAnswer.merge(count: count, runs: runs.map(\.run))
        let seconds = runs.compactMap { $0.record.stats?.totalSeconds }
        let timing = seconds.isEmpty ? "" : String(format: "; cube runs took %.1f s in all, at most %.1f s", seconds.reduce(0, +), seconds.max()!)
        let refuted = Set(runs.filter { $0.run.outcome == "unrealizable" }.map(\.run.index)).count
        let summary = "cubes: \(formatCount(count)), \(formatCount(refuted)) refuted, \(plural(runs.count, "run")) recorded\(timing)"
        var result = MergeResult(outcome: merged.outcome.kind, spec: spec, directory: directory, cubes: count, refuted: refuted,
                                 open: merged.open, runsRecorded: runs.count, seconds: seconds.reduce(0, +))
        if case .inconclusive(let reason) = merged.outcome { result.reason = reason }
        result.within = within.map { MergeResult.Within(index: $0.index, count: $0.count) }
        var lines: [String] = []
        var exit: Int32 = ExitStatus.success
        switch merged.outcome {
        case .found:
            let hit = runs.first { $0.run.outcome == "found" }!
            let (trust, text) = try reverify(hit, spec: spec)
            result.foundInCube = hit.run.index
            result.record = hit.path
            if trust.undecided {
                let reason = "cube \(hit.run.index) found a protocol, but Z3 could not decide every outcome when it was checked again"
                result.outcome = .inconclusive
                result.reason = reason
                lines.append("inconclusive: \(reason) — \(directory)")
                exit = ExitStatus.inconclusive
            } else {
                result.protocolText = text
                result.trust = trust
                lines.append("found: a protocol verified for every execution of \(spec.setting.processes) processes, in cube \(hit.run.index) (record \(hit.path))")
                lines.append("checked again here by the fast checker\(trust.bruteVerified == true ? " and the brute-force reference" : " (brute force skipped: \(formatCount(trust.rawExecutions)) raw executions)")")
                lines += ["", text.replacingTrailingNewline(), ""]
            }
        case .unrealizable:
            // A split of one cube file answers for that cube only.
            let scope = within.map { " in cube \($0.index) of \($0.count)" } ?? ""
            lines.append("no protocol\(scope) with \(SynthesisReport.what(spec.setting)) in \(plural(spec.setting.rounds, "round")): \(count == 1 ? "the one cube" : "every one of the \(formatCount(count)) cubes") was refuted (\(directory))")
            exit = ExitStatus.negative
        case .inconclusive(let reason):
            lines.append("inconclusive: \(reason) — \(directory)")
            exit = ExitStatus.inconclusive
        }
        if json {
            JSONText.printResult(result)
        } else {
            lines.append(summary)
            print(lines.joined(separator: "\n"))
        }
        if exit != ExitStatus.success { throw ExitCode(exit) }
    }

    /// One recorded run of a cube, and the record it came from.
    struct Recorded {
        var run: CubeAnswer.Run
        var record: RunRecord
        var path: String
    }

    /// The cube files (sorted by index, every index `0..<count` present), the runs recorded, and
    /// the cube these cubes refine (`ggms-within`, read from the first file), if any.
    private func read() throws -> ([(index: Int, path: String)], [Recorded], (index: Int, count: Int)?) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw report(Diagnostic(.missingFile, file: directory, message: "does not exist; expected the --output-dir of ggms split"))
        }
        guard isDirectory.boolValue else {
            throw report(Diagnostic(.missingFile, file: directory, message: "is not a directory; expected the --output-dir of ggms split"))
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        var cubes: [(index: Int, path: String)] = []
        var fixedOf: [Int: [Cube.Fixed]] = [:]
        var within: (index: Int, count: Int)?
        var count: Int?
        for name in names where name.hasPrefix("cube-") && name.hasSuffix(".smt2") {
            let path = (directory as NSString).appendingPathComponent(name)
            let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            let cube: Cube?
            do { cube = try Cube.parse(fileText: text, file: path) } catch { throw report(error) }
            guard let cube else { throw report(Diagnostic(.badInput, file: path, message: "has no ggms-cube line; expected a cube file of ggms split")) }
            guard name == CubeFiles.name(cube.index) + ".smt2" else {
                throw report(Diagnostic(.badInput, file: path, message: "is cube \(cube.index) of \(cube.count), whose file is \(CubeFiles.name(cube.index)).smt2; expected the cube files as ggms split named them"))
            }
            if let count, count != cube.count {
                throw report(Diagnostic(.badInput, file: path, message: "is cube \(cube.index) of \(cube.count), the others of \(count); expected the cubes of one split"))
            }
            if count == nil { within = Cube.within(fileText: text) }
            count = cube.count
            cubes.append((cube.index, path))
            fixedOf[cube.index] = cube.fixed
        }
        guard let count else {
            throw report(Diagnostic(.missingFile, file: directory, message: "holds no cube files; expected the --output-dir of ggms split"))
        }
        cubes.sort { $0.index < $1.index }
        guard cubes.map(\.index) == Array(0..<count) else {
            let missing = Set(0..<count).subtracting(cubes.map(\.index)).sorted().prefix(5).map { CubeFiles.name($0) + ".smt2" }
            throw report(Diagnostic(.missingFile, file: directory, message: "lacks cube files (\(missing.joined(separator: ", "))); expected all \(count) cubes of the split"))
        }
        var runs: [Recorded] = []
        for name in names where name.hasPrefix("cube-") && name.hasSuffix(".json") {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let record: RunRecord
            do { record = try RunRecord.decoder().decode(RunRecord.self, from: data) } catch {
                throw report(RecordProblem(error, data: data).diagnostic(file: path, expected: "the .json run record a cube's ggms synthesize wrote"))
            }
            guard let cube = record.options.cube, cube.count == count, fixedOf[cube.index] == cube.fixed else {
                throw report(Diagnostic(.badInput, file: path, message: "is not the record of a cube of this split (another split's, or an older one's); expected a run on one of its \(count) cubes"))
            }
            // The same cube of another split (same count and entries, another spec or setting):
            // the record holds the digest of the text its run read, which must be this file's.
            guard let digest = record.specDigest else {
                throw report(Diagnostic(.badInput, file: path, message: "holds no specDigest (a record of an older ggms, or edited); expected the record its cube's task wrote: run the cube again"))
            }
            if digest != RunRecord.digest(ofFile: cubes[cube.index].path) {
                throw report(Diagnostic(.badInput, file: path, message: "is the record of a run on another \(CubeFiles.name(cube.index)).smt2 (the file changed after the run, as when a new split is written into the same directory); expected a run of this split's cube: run it again, or remove the record"))
            }
            let outcome: SynthesisOutcome = switch record.outcome {
            case .found: .found
            case .unrealizable: .unrealizable
            case .inconclusive: .inconclusive(reason: record.reason ?? "inconclusive")
            }
            runs.append(Recorded(run: CubeAnswer.Run(index: cube.index, outcome: outcome, seconds: record.stats?.totalSeconds ?? 0), record: record, path: path))
        }
        return (cubes, runs, within)
    }

    /// Checks the found protocol again from scratch against `spec`: its trust report (possibly
    /// undecided) and its text; a protocol that does not verify is a bug (exit 70).
    private func reverify(_ hit: Recorded, spec: Spec) throws -> (TrustReport, String) {
        guard let text = hit.record.protocolText else {
            throw report(Diagnostic(.badInput, file: hit.path, message: "says found but holds no protocolText; expected the protocol of the run"))
        }
        let table: TransitionTable
        do throws(Diagnostic) {
            let proto = try ProtocolDefinition.parse(text, file: hit.path)
            table = try TransitionTable.compile(proto, for: spec.setting, file: hit.path)
        } catch { throw report(error) }
        let trust: TrustReport
        do { trust = try Trust.confirm(Trust.completed(table), spec: spec) } catch {
            throw internalFailure("re-verification of cube \(hit.run.index)'s protocol failed: \(error)")
        }
        guard trust.undecided || Trust.passed(trust) else {
            throw internalFailure("cube \(hit.run.index)'s protocol (\(hit.path)) does not verify when checked again (the fast checker: \(trust.fastVerified ? "verified" : "not verified"); brute force: \(trust.bruteVerified.map { $0 ? "verified" : "not verified" } ?? "not run"))")
        }
        return (trust, text)
    }
}

import ArgumentParser
import Diagnostics
import Foundation
import Search
import SpecLanguage
import Utilities

/// `ggms split SPEC --cubes N --output-dir DIR`: the cube files of a synthesis question and a
/// Slurm job array that runs them (docs/cubes.md; README "Past one machine: split, Slurm, merge").
struct SplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Split a synthesis question into cubes: cube files and a Slurm job-array script that runs them.",
        discussion: """
        Writes DIR/cube-000.smt2 … (each the spec plus the entries its cube fixes; ggms synthesize \
        takes it like a spec) and DIR/cubes.sbatch, a Slurm job array with one task per cube: task \
        SLURM_ARRAY_TASK_ID runs ggms synthesize on its cube and writes DIR/cube-NNN.protocol (when \
        found) and DIR/cube-NNN.json. Submit it with sbatch DIR/cubes.sbatch (or run it by hand with \
        SLURM_ARRAY_TASK_ID set), then ggms merge DIR. The split makes at least N cubes (a node of \
        the search tree splits into all of its branch entry's actions), fewer only when the tree \
        has fewer leaves. SPEC may itself be a cube file (a cube still open after its run): its \
        cubes then extend its fixed entries and partition it, and ggms merge DIR answers for that \
        cube. Exit codes: 0 written, 64 usage, an unwritable DIR or one holding an earlier split, 65 malformed spec, \
        66 missing file, 70 internal error.
        """)

    @Argument(help: "The spec (SMT-LIB2, .smt2), or a cube file to split finer.") var spec: String
    @Option(parsing: .unconditional, help: "At least this many cubes (1 to 100000).") var cubes: Int
    @Option(help: "Directory for the cube files, the job script, and the runs' protocols and records (created if missing).") var outputDir: String
    @Option(help: "The strategy each task runs (ggms, mcts-dfs, dfs, cegis: the complete ones prove a cube has no protocol).")
    var strategy: SynthesisOptions.Strategy = .ggms
    @Option(parsing: .unconditional, help: "Random seed of each task, from 0 to 2^64-1.") var seed = "1"
    @Option(parsing: .unconditional, help: "Each task stops after this many seconds (its cube stays open).") var timeLimit: Double?
    @Option(parsing: .unconditional, help: "With --strategy cegis: counterexamples each failing candidate's check collects (1-64), as for synthesize.") var counterexamples: Int = 1
    @Option(help: "With --strategy cegis: the order of Z3's candidates in each task (near-last or spread), as for synthesize; default spread, as in every cube.") var candidateOrder: CandidateOrder?
    @Option(help: "The ggms executable the tasks run (default: this one; the GGMS environment variable overrides it at run time).") var ggms: String?

    func run() throws {
        let loaded: Spec
        let wanted: Int
        let seed: UInt64
        let parent: Cube?
        do throws(Diagnostic) {
            try ArgumentRoles.synthesize(spec: spec)
            seed = try NumberArguments.seed(self.seed)
            if let timeLimit { try NumberArguments.seconds(timeLimit) }
            try NumberArguments.counterexamples(counterexamples, strategy: strategy)
            try NumberArguments.candidateOrder(candidateOrder, strategy: strategy)
            wanted = try CubeArguments.cubes(cubes)!
            loaded = try Loading.spec(spec)
            parent = try CubeArguments.cube(in: loaded)
        } catch { throw report(error) }
        let directory = URL(fileURLWithPath: outputDir).standardizedFileURL.path
        // An earlier split's files are not overwritten: its records would be merged with these
        // cubes, or its cubes with these records. Checked before the split's work.
        let earlier = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted().filter(CubeFiles.belongsToASplit)
        guard earlier.isEmpty else {
            throw report(Diagnostic(.usage, file: outputDir, message: "holds the files of an earlier split (\(earlier.prefix(3).joined(separator: ", "))\(earlier.count > 3 ? ", …" : "")); expected a new or empty directory: remove them, or choose another --output-dir"))
        }
        let made: [Cube]
        do { made = try CubeSplitter.split(spec: loaded, wanted: wanted, within: parent ?? .whole) } catch {
            switch error {
            case .input(let diagnostic): throw report(diagnostic)
            case .engine(let what): throw internalFailure(what)
            }
        }
        let specText = Cube.specText(ofFileText: String(decoding: FileManager.default.contents(atPath: loaded.file) ?? Data(), as: UTF8.self))
        let executable = ggms.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? Self.currentExecutable()
        var files = made.map { cube in
            (text: cube.fileText(specText: specText, setting: loaded.setting, within: parent), path: (directory as NSString).appendingPathComponent(CubeFiles.name(cube.index) + ".smt2"))
        }
        let script = CubeFiles.sbatch(specName: ((loaded.file as NSString).lastPathComponent as NSString).deletingPathExtension,
                                      cubes: made.count, directory: directory, executable: executable,
                                      arguments: ["--strategy", strategy.rawValue, "--seed", String(seed)]
                                        + (timeLimit.map { ["--time-limit", String($0)] } ?? [])
                                        + (counterexamples == 1 ? [] : ["--counterexamples", String(counterexamples)])
                                        + (candidateOrder.map { ["--candidate-order", $0.rawValue] } ?? []))
        files.append((script, (directory as NSString).appendingPathComponent("cubes.sbatch")))
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for file in files { try file.text.write(toFile: file.path, atomically: true, encoding: .utf8) }
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: files.last!.path)
        } catch {
            throw report(Diagnostic(.usage, file: nil, message: "cannot write into --output-dir \(outputDir): \(error.localizedDescription); expected a writable directory"))
        }
        let fixed = made.map(\.fixed.count)
        print("split \(spec)" + (parent.map { " (cube \($0.index) of \($0.count))" } ?? "") + " into \(plural(made.count, "cube")) (\(fixed.min() ?? 0) to \(fixed.max() ?? 0) entries fixed) in \(outputDir)")
        print("run them: sbatch \((outputDir as NSString).appendingPathComponent("cubes.sbatch"))  (or by hand: SLURM_ARRAY_TASK_ID=0 \((outputDir as NSString).appendingPathComponent("cubes.sbatch")), … \(made.count - 1))")
        print("then: ggms merge \(outputDir)")
    }

    /// The absolute path of the running ggms.
    static func currentExecutable() -> String {
        let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }
}

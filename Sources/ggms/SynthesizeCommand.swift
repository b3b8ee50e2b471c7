import ArgumentParser
import Checking
import Compaction
import Diagnostics
import Encoder
import Foundation
import Game
import ProtocolLanguage
import Records
import Search
import SpecLanguage

/// `ggms synthesize SPEC`: find a protocol verified for every execution, or prove none exists.
struct SynthesizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synthesize",
        abstract: "Synthesize a protocol for a spec, or prove that none exists with that many states in that many rounds.",
        discussion: """
        Writes Results/<spec>.protocol (when found) and Results/<spec>.json (the run record) unless \
        --output or --record say otherwise; a run that finds no protocol leaves an existing \
        protocol file as it is, and its record says that file is an earlier run's. Ctrl-C or \
        SIGTERM stops the run, keeps the best so far and writes the record (exit 3); a second one \
        quits at once (130 for Ctrl-C, 143 for SIGTERM). Exit codes: 0 found, 1 no protocol \
        exists, 3 inconclusive (time limit, Ctrl-C, SIGTERM or Z3), 64 usage, 65 malformed spec, \
        66 missing file, 70 internal error.
        """)

    @Argument(help: "The spec (SMT-LIB2, .smt2).") var spec: String
    @Option(help: "ggms (full method), mcts (plain MCTS), mcts-dfs (MCTS + global DFS, no counterexample pool); baselines: dfs (exhaustive DFS with conflict pruning), cegis (Z3 proposes tables under the counterexamples so far), random (random tables).")
    var strategy: SynthesisOptions.Strategy = .ggms
    @Option(parsing: .unconditional, help: "Random seed, from 0 to 2^64-1.") var seed = "1"
    @Option(parsing: .unconditional, help: "Stop after this many seconds, above 0 (exit 3, keeping the best so far).") var timeLimit: Double?
    @Option(help: "Protocol file to write, through links and devices; - prints it on stdout (the report then goes to stderr). A regular file gets the run record beside it as .json.") var output: String?
    @Option(help: "Run record file to write instead of the one beside the protocol (- for stdout); the only way to get a record with --output - or a device.") var record: String?
    @Flag(help: "Print the run record as JSON on stdout.") var json = false
    @Flag(help: "No progress on stderr.") var quiet = false
    @Flag(help: "Print the full table instead of compact rules.") var table = false
    @Flag(help: "Uniform prior instead of the transformer encoder (ablation).") var noEncoder = false
    @Flag(help: "ggms: keep counterexamples in the explicit pool only, without learning their schedules in Z3 (ablation).") var noSymbolicLearning = false
    @Flag(help: "Print the found table as found, without simplifying it (the readability pass).") var noSimplify = false
    @Option(parsing: .unconditional, help: "After synthesis, check the compact rules at every larger n up to this bound (at least the spec's n; n itself: no check).") var maxProcesses: Int?
    @Option(help: "MCTS iterations without improvement before the global DFS freezes the next entry.") var patience = SynthesisOptions().patience
    @Option(help: "Most entries an MCTS playout fills before it is scored.") var playoutSteps = SynthesisOptions().playoutSteps
    @Option(help: "Restart the tree after this many backtracks times the Luby sequence (0: never); the pool and encoder are kept.") var restartBase = SynthesisOptions().restartBase
    @Option(parsing: .unconditional, help: "After proving that no protocol exists, spend up to this many seconds on a minimal certificate (executions no protocol survives together; 0: none).") var certificateSeconds: Double = 30
    @Option(parsing: .unconditional, help: "Threads: above 1, thread 0 searches the whole space and the others search cubes, stopping at the first answer (default: the machine's cores, or GGMS_JOBS; 1: one search, as before); beside ggms, thread 1 instead runs cegis on the whole space (near-last for --cube-seconds; then, when no thread takes cubes, a sweep of the cubes for a quarter of that each; then spread), so --jobs 2 has thread 1 take cubes only with --cubes; beside ggms the cubes are searched with cegis. A cube file always runs on one.") var jobs: Int?
    @Option(parsing: .unconditional, help: "With --jobs above 1: how many cubes to split into (default 8 per thread); with --jobs 2 beside ggms, also asks thread 1 to take cubes after --cube-seconds instead of sweeping them.") var cubes: Int?
    @Option(parsing: .unconditional, help: "With --jobs above 1: seconds a cube's search gets before the cube is split into finer ones (each finer level gets twice as long), and the cegis opening beside ggms (its sweep: a quarter of that per cube).") var cubeSeconds: Double = SynthesisOptions().cubeSeconds
    @Option(help: "cegis: the order of Z3's candidates: near-last (each near the last one; finds protocols sooner) or spread (each picked afresh; proves no protocol sooner). Default: spread inside a cube (--jobs cubes, cube files), near-last on the whole space.") var candidateOrder: CandidateOrder?
    @Option(parsing: .unconditional, help: "cegis: counterexamples each failing candidate's check collects, each from its own initial inputs (1-64; more: fewer, dearer candidates; tables by sender, under identities, collect one).") var counterexamples: Int = SynthesisOptions().counterexamples

    func run() throws {
        let token = CancellationToken()
        let signalSource = Terminal.cancelOnInterrupt(token)
        defer { signalSource.cancel() }
        let loaded: Spec
        let seed: UInt64
        let files: SynthesisFiles
        let bound: Int
        let cube: Cube?, jobs: Int, cubes: Int?
        do throws(Diagnostic) {
            try ArgumentRoles.synthesize(spec: spec)
            seed = try NumberArguments.seed(self.seed)
            if let timeLimit { try NumberArguments.seconds(timeLimit) }
            try NumberArguments.seconds(cubeSeconds, option: "--cube-seconds", expected: "a number of seconds above 0")
            try NumberArguments.counterexamples(counterexamples, strategy: strategy)
            try NumberArguments.candidateOrder(candidateOrder, strategy: strategy)
            loaded = try Loading.spec(spec)
            cube = try CubeArguments.cube(in: loaded)
            jobs = try CubeArguments.jobs(self.jobs)
            cubes = try CubeArguments.cubes(self.cubes)
            bound = try generalizationBound(loaded.setting)
            let specName = ((loaded.file as NSString).lastPathComponent as NSString).deletingPathExtension
            files = try SynthesisFiles.plan(output: output, record: record, specName: specName, json: json)
        } catch { throw report(error) }

        let progress = Terminal.Progress(quiet: quiet || json)
        var options = SynthesisOptions()
        options.strategy = strategy
        options.seed = seed
        options.timeLimit = timeLimit
        options.useEncoder = !noEncoder
        options.symbolicLearning = !noSymbolicLearning
        options.simplify = !noSimplify
        options.patience = patience
        options.playoutSteps = playoutSteps
        options.restartBase = restartBase
        options.certificateSeconds = certificateSeconds
        options.generalizationBound = bound
        options.cube = cube
        options.jobs = cube == nil ? jobs : 1
        options.cubes = options.jobs > 1 ? cubes : nil
        options.cubeSeconds = cubeSeconds
        options.counterexamples = counterexamples
        options.candidateOrder = candidateOrder
        options.cancellation = token
        options.progress = SynthesisFrontEnd.callback(strategy: strategy, progress: progress)
        if let problem = options.problem {
            throw report(Diagnostic(.usage, file: nil, message: "\(problem); see ggms synthesize --help"))
        }

        let result = try SynthesisFrontEnd.run(spec: loaded, options: options, progress: progress)
        var printed = try SynthesisReport.make(spec: loaded, specFile: spec, options: options, result: result,
                                               fullTable: table)
        let protocolText: String? = if case .found = result.outcome { printed.fileText } else { nil }
        let note = files.note(found: protocolText != nil)
        printed.record.protocolFile = note
        let recordText = JSONText.encode(AnyEncodable(printed.record))
        // A file that cannot be written fails the command (64), but only after the report, so
        // the run's result is not lost with it.
        var writeFailure: Diagnostic?
        do { try files.write(protocolText: protocolText, recordText: recordText + "\n") } catch { writeFailure = error }
        if json {
            print(recordText)
            // A write failure below exits 64 without a second JSON object on stdout.
            JSONErrors.shared.resultPrinted()
        } else {
            let summary = writeFailure == nil ? files.summary(note) : nil
            let text = printed.text + (summary.map { "\n" + $0 } ?? "")
            if files.filesOnStandardOutput { Terminal.error(text) } else { print(text) }
        }
        if let writeFailure { throw report(writeFailure) }
        switch result.outcome {
        case .found: return
        case .unrealizable: throw ExitCode(ExitStatus.negative)
        case .inconclusive: throw ExitCode(ExitStatus.inconclusive)
        }
    }

    /// How far to check that the compact rules generalize: `--max-processes`, at least the
    /// spec's n and at most the engine's limit (default n + 3).
    private func generalizationBound(_ setting: Setting) throws(Diagnostic) -> Int {
        let n = setting.processes
        guard let maxProcesses else { return min(n + 3, Setting.maxProcesses) }
        guard maxProcesses >= n else {
            throw Diagnostic(.usage, file: nil, message: "--max-processes \(maxProcesses) is below the spec's \(n) processes; expected at least \(n) (\(n) checks no larger n)")
        }
        guard maxProcesses <= Setting.maxProcesses else {
            throw Diagnostic(.usage, file: nil, message: "--max-processes \(maxProcesses) is above \(Setting.maxProcesses); expected at most that")
        }
        return maxProcesses
    }
}

extension SynthesisOptions.Strategy: ExpressibleByArgument {}
extension CandidateOrder: ExpressibleByArgument {}

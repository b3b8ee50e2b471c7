import ArgumentParser
import Bench
import Checking
import Diagnostics
import Foundation
import Search
import SpecLanguage

/// `ggms bench-synthesis`: time to a verified protocol per seed on the consensus and commit
/// grid; writes Results/synthesis.md.
struct BenchSynthesisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-synthesis",
        abstract: "Benchmark synthesis on consensus and commit settings and write Results/synthesis.md (use a release build).")

    @Option(help: "Seeds per setting (1...N).") var seeds = 3
    @Option(help: "Seconds per run before it counts as a failure.") var timeLimit = 600.0
    @Option(help: "Strategy.") var strategy: SynthesisOptions.Strategy = .ggms
    @Option(help: "Where to write the Markdown table.") var output = "Results/synthesis.md"

    static let consensusGrid = [(3, 1), (4, 2), (4, 3), (5, 2), (5, 4), (6, 2), (6, 5)]
    static let commitGrid = [(3, 1), (4, 1), (4, 2), (4, 3)]

    func run() throws {
        var rows: [String] = []
        let settings = Self.consensusGrid.map { ("consensus", $0.0, $0.1) } + Self.commitGrid.map { ("commit", $0.0, $0.1) }
        for (family, n, f) in settings {
            let text = family == "consensus" ? BenchSpecs.consensus(n: n, f: f, rounds: f + 1) : BenchSpecs.commit(n: n, f: f, rounds: f + 1)
            let spec: Spec
            do { spec = try Spec.parse(text, file: "\(family)(n=\(n),f=\(f))") } catch { throw report(error) }
            var cells: [String] = []
            var times: [Double] = []
            for seed in 1...seeds {
                var options = SynthesisOptions()
                options.strategy = strategy
                options.seed = UInt64(seed)
                options.timeLimit = timeLimit
                let result: SynthesisResult
                // Synthesis.run re-verifies a found protocol itself (Trust) before it answers.
                result = try SynthesisFrontEnd.run(spec: spec, options: options, progress: Terminal.Progress(quiet: true))
                if case .found = result.outcome {
                    times.append(result.stats.totalSeconds)
                    cells.append(String(format: "%.2f", result.stats.totalSeconds))
                } else {
                    cells.append("\(result.outcome.name) (> \(Int(timeLimit)) s)")
                }
                Terminal.error("\(family) n=\(n) f=\(f) seed \(seed): \(cells.last!) s")
            }
            let median = times.isEmpty ? "-" : String(format: "%.2f", times.sorted()[times.count / 2])
            rows.append("| \(family) | \(n) | \(f) | \(f + 1) | \(cells.joined(separator: " / ")) | \(times.count)/\(seeds) | \(median) |")
        }
        let text = """
            # Synthesis benchmark

            Command: `\(CommandLine.arguments.joined(separator: " "))` (release build, one thread, BLAS pinned to one thread).
            Machine: \(Machine.description). Strategy `\(strategy.rawValue)`, 2 local states, R = f+1 rounds; commit is round-aware.
            Each cell is the wall-clock seconds to a protocol verified for every execution (re-verified
            independently after the run), per seed; a run that hits the limit counts as a failure.

            | family | n | f | R | seconds per seed | found | median s |
            |--------|---|---|---|------------------|-------|----------|
            \(rows.joined(separator: "\n"))

            """
        do throws(OutputFile.Failure) { try OutputFile.write(text, to: output) } catch { throw report(error.diagnostic(option: "--output")) }
        print("wrote \(output)")
    }
}

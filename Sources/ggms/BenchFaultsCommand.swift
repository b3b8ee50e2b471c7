import ArgumentParser
import Bench
import Checking
import Diagnostics
import Foundation
import Game
import ProtocolLanguage
import SpecLanguage
import Utilities
import Z3Kit

/// `ggms bench-faults`: FloodSet under every fault model at n = 3…12 (F = min(2, n-2),
/// R = F+1): the first-violation check and the full counting check (every raw execution, the
/// search's dense score) by the fast checker, against brute force where it finishes. Writes
/// Markdown (`Results/checker-faults.md`).
struct BenchFaultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-faults",
        abstract: "Benchmark the checkers under every fault model and write Results/checker-faults.md (use a release build).")

    @Option(help: "Smallest n.") var from = 3
    @Option(help: "Largest n.") var to = 12
    @Option(help: "Most faulty processes (capped at n-2).") var faulty = 2
    @Option(help: "Messages lost per round (:losses) in every row.") var losses = 0
    @Option(help: "Give up on a brute-force check after this many seconds.") var bruteSeconds = 60.0
    @Option(help: "Skip brute force when the setting has more raw executions than this.") var bruteLimit = 2e7
    @Option(help: "The protocol to check.") var protocolFile = "Protocols/floodset.protocol"
    @Option(help: "Where to write the Markdown table.") var output = "Results/checker-faults.md"

    func validate() throws {
        guard from >= 3, to <= Setting.maxProcesses, from <= to, faulty >= 1, losses >= 0 else {
            throw ValidationError("--from/--to must satisfy 3 <= from <= to <= \(Setting.maxProcesses); --faulty >= 1; --losses >= 0")
        }
    }

    func run() throws {
        let proto: ProtocolDefinition
        do { proto = try Loading.protocolDefinition(protocolFile) } catch { throw report(error) }
        var rows: [String] = []
        let progress = Terminal.Progress(quiet: false)
        for model in FaultKind.allCases {
            for n in from...to {
                let f = min(faulty, n - 2), rounds = f + 1
                let spec: Spec
                let table: TransitionTable
                do {
                    spec = try Spec.parse(BenchSpecs.consensus(n: n, f: f, rounds: rounds, faults: model, losses: losses),
                                          file: "consensus(\(model.name), n=\(n), F=\(f), R=\(rounds))")
                    table = try TransitionTable.compile(proto, for: spec.setting, file: protocolFile)
                } catch { throw report(error) }
                progress.update("\(model.name) n=\(n): fast", seconds: 0)
                let first = try timed(.fast, spec: spec, table: table, proto: proto, mode: .firstViolation, limit: nil)
                let full = try timed(.fast, spec: spec, table: table, proto: proto, mode: .count, limit: nil)
                var bruteCells = ["skipped (> \(formatCount(bruteLimit)) raw executions)", "-"]
                if full.rawExecutionsTotal <= bruteLimit {
                    progress.update("\(model.name) n=\(n): brute force", seconds: 0)
                    let brute = try timed(.brute, spec: spec, table: table, proto: proto, mode: .count, limit: bruteSeconds)
                    if brute.verdict.kind == .unknown {
                        bruteCells = ["gave up after \(Int(bruteSeconds)) s", "-"]
                    } else {
                        let agree = brute.verdict.kind == full.verdict.kind && brute.rawExecutionsFailing == full.rawExecutionsFailing
                            && brute.rawExecutionsCovered == full.rawExecutionsCovered
                        bruteCells = ["\(brute.verdict.name), \(formatCount(brute.rawExecutionsFailing ?? 0)) failing" + (agree ? " (agrees)" : " (DISAGREES)"),
                                      String(format: "%.3f", brute.seconds)]
                    }
                }
                rows.append("| \(model.name) | \(n) | \(f) | \(rounds) | \(first.verdict.name) | \(String(format: "%.3f", first.seconds)) | \(String(format: "%.3f", full.seconds)) | \(formatCount(Double(full.statesExplored))) | \(formatCount(full.rawExecutionsFailing ?? 0)) of \(formatCount(full.rawExecutionsTotal)) | \(bruteCells[0]) | \(bruteCells[1]) |")
                progress.finish()
                Terminal.error(rows.last!)
            }
        }
        let text = BenchSpecs.faultsReport(rows: rows, losses: losses, command: CommandLine.arguments.joined(separator: " "))
        do throws(OutputFile.Failure) { try OutputFile.write(text, to: output) } catch { throw report(error.diagnostic(option: "--output")) }
        print("wrote \(output)")
    }

    private func timed(_ kind: CheckerKind, spec: Spec, table: TransitionTable, proto: ProtocolDefinition,
                       mode: CheckOptions.Mode, limit: Double?) throws -> CheckReport {
        do { return try BenchSpecs.check(kind, spec: spec, table: table, mode: mode, limit: limit) }
        catch let error as Diagnostic { throw report(error) }
        catch let error as CheckFailure { throw error.exit(protocolFile: protocolFile, proto: proto, processes: spec.setting.processes, crashes: spec.setting.crashes) }
    }
}

extension BenchSpecs {
    static func faultsReport(rows: [String], losses: Int, command: String) -> String {
        """
        # Checker benchmark: FloodSet under every fault model

        Command: `\(command)` (release build, one thread). Machine: \(Machine.description). Z3 \(Z3Kit.version).

        FloodSet (`Protocols/floodset.protocol`: adopt 0 once any 0 is heard) against binary
        consensus (agreement and validity among correct processes) with F = min(2, n-2) faulty
        processes and R = F+1 rounds\(losses > 0 ? ", and up to \(plural(losses, "message")) lost per round" : ""),
        under each fault model. FloodSet is correct under crash and receive omission (a faulty
        receiver only harms itself), and wrong under send and general omission (a faulty process
        holding 0 can stay silent until the last round and then tell only some) and under
        Byzantine faults. *first violation* is the check `verify` runs (it stops at the first
        counterexample, replayed through the simulator); *full count* explores every raw execution
        and counts the failing ones (the search's dense score). Brute force runs the full count
        where the setting is small enough, and must agree on the verdict, the covered and the
        failing raw executions.

        | model | n | F | R | verdict | first violation s | full count s | states explored | raw executions failing | brute force | brute s |
        |---|---|---|---|---|---|---|---|---|---|---|
        \(rows.joined(separator: "\n"))

        """
    }
}

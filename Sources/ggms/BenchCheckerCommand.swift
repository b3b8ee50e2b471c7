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

/// `ggms bench-checker`: FloodSet at n = 3…16 with f = n-2, at R = f+1 (verified) and R = f
/// (violated), fast checker against brute force where brute force finishes. Writes Markdown.
struct BenchCheckerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-checker",
        abstract: "Benchmark the checkers on FloodSet and write Results/checker.md (use a release build).")

    @Option(help: "Smallest n.") var from = 3
    @Option(help: "Largest n.") var to = 16
    @Option(help: "Give up on brute force after this many seconds per setting.") var bruteSeconds = 60.0
    @Option(help: "Skip brute force when the setting has more raw executions than this.") var bruteLimit = 2e7
    @Option(help: "The protocol to check.") var protocolFile = "Protocols/floodset.protocol"
    @Option(help: "Where to write the Markdown table.") var output = "Results/checker.md"

    func validate() throws {
        guard from >= 3, to <= Setting.maxProcesses, from <= to else {
            throw ValidationError("--from/--to must satisfy 3 <= from <= to <= \(Setting.maxProcesses)")
        }
    }

    func run() throws {
        let proto: ProtocolDefinition
        do { proto = try Loading.protocolDefinition(protocolFile) } catch { throw report(error) }
        var rows: [String] = []
        let progress = Terminal.Progress(quiet: false)
        for n in from...to {
            let f = n - 2
            for rounds in [f + 1, f] where rounds >= 1 {
                let spec: Spec
                let table: TransitionTable
                do {
                    spec = try Spec.parse(BenchSpecs.consensus(n: n, f: f, rounds: rounds), file: "consensus(n=\(n),f=\(f),R=\(rounds))")
                    table = try TransitionTable.compile(proto, for: spec.setting, file: protocolFile)
                } catch { throw report(error) }
                progress.update("n=\(n) R=\(rounds): fast", seconds: 0)
                let fast = try timed(.fast, spec: spec, table: table, proto: proto, limit: nil)
                var bruteCells = ["skipped (> \(formatCount(bruteLimit)) raw executions)", "-"]
                if fast.rawExecutionsTotal <= bruteLimit {
                    progress.update("n=\(n) R=\(rounds): brute force", seconds: 0)
                    let brute = try timed(.brute, spec: spec, table: table, proto: proto, limit: bruteSeconds)
                    let agree = brute.verdict.kind == fast.verdict.kind ? " (agrees)" : " (DISAGREES)"
                    bruteCells = [brute.verdict.kind == .unknown ? "gave up after \(Int(bruteSeconds)) s" : brute.verdict.name + agree,
                                  String(format: "%.3f", brute.seconds)]
                }
                let expected: Verdict.Kind = rounds == f + 1 ? .verified : .violated
                rows.append("| \(n) | \(f) | \(rounds) | \(expected.rawValue) | \(fast.verdict.name) | \(String(format: "%.3f", fast.seconds)) | \(formatCount(Double(fast.statesExplored))) | \(fast.verdict.isVerified ? formatCount(fast.rawExecutionsCovered) : "stopped at first violation") | \(formatCount(fast.rawExecutionsTotal)) | \(bruteCells[0]) | \(bruteCells[1]) |")
                progress.finish()
                Terminal.error(rows.last!)
            }
        }
        let text = BenchSpecs.checkerReport(rows: rows, command: CommandLine.arguments.joined(separator: " "))
        do throws(OutputFile.Failure) { try OutputFile.write(text, to: output) } catch { throw report(error.diagnostic(option: "--output")) }
        print("wrote \(output)")
    }

    private func timed(_ kind: CheckerKind, spec: Spec, table: TransitionTable, proto: ProtocolDefinition,
                       limit: Double?) throws -> CheckReport {
        do { return try BenchSpecs.check(kind, spec: spec, table: table, mode: .firstViolation, limit: limit) }
        catch let error as Diagnostic { throw report(error) }
        catch let error as CheckFailure { throw error.exit(protocolFile: protocolFile, proto: proto, processes: spec.setting.processes, crashes: spec.setting.crashes) }
    }
}

/// Spec texts, the timed check and report templates of the checker benchmarks.
enum BenchSpecs {
    /// One check of `table` against `spec` by `kind` in `mode`, stopped (as `unknown`) after
    /// `limit` seconds when given.
    /// - Throws: the spec's evaluator's `Diagnostic` (as `CheckFailure` cannot carry it, it is
    ///   rethrown as is) or the check's `CheckFailure`.
    static func check(_ kind: CheckerKind, spec: Spec, table: TransitionTable, mode: CheckOptions.Mode,
                      limit: Double?) throws -> CheckReport {
        let evaluator = try SpecEvaluator(spec: spec)
        let token = CancellationToken()
        if let limit {
            DispatchQueue.global().asyncAfter(deadline: .now() + limit) { token.cancel() }
        }
        return try kind.checker(table: table, spec: spec, evaluator: evaluator,
                                options: CheckOptions(mode: mode, cancellation: token)).check()
    }

    static func consensus(n: Int, f: Int, rounds: Int, faults: FaultKind = .crash, losses: Int = 0) -> String {
        """
        (set-info :processes \(n))
        (set-info :crashes \(f))
        (set-info :rounds \(rounds))
        \(faults == .crash && losses == 0 ? "" : "(set-info :faults \(faults.name)) (set-info :losses \(losses))")
        (define-fun agreement () Bool
          (forall ((i Proc) (j Proc))
            (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
        (define-fun validity () Bool
          (forall ((v Int))
            (=> (forall ((i Proc)) (= (input i) v))
                (forall ((i Proc)) (=> (correct i) (= (decision i) v))))))
        (assert agreement)
        (assert validity)
        """
    }

    static func commit(n: Int, f: Int, rounds: Int) -> String {
        """
        (set-info :processes \(n))
        (set-info :crashes \(f))
        (set-info :rounds \(rounds))
        (set-info :round-aware true)
        (define-fun agreement () Bool
          (forall ((i Proc) (j Proc))
            (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
        (define-fun commit-validity () Bool
          (=> (exists ((i Proc)) (and (correct i) (= (decision i) 1)))
              (forall ((j Proc)) (= (input j) 1))))
        (define-fun abort-validity () Bool
          (=> (and (forall ((i Proc)) (= (input i) 1)) (forall ((i Proc)) (correct i)))
              (forall ((i Proc)) (= (decision i) 1))))
        (assert agreement)
        (assert commit-validity)
        (assert abort-validity)
        """
    }

    static func checkerReport(rows: [String], command: String) -> String {
        """
        # Checker benchmark: FloodSet, f = n-2

        Command: `\(command)` (release build, one thread). Machine: \(Machine.description). Z3 \(Z3Kit.version).

        FloodSet (`Protocols/floodset.protocol`) against binary consensus (agreement, validity) with
        f = n-2 crashes, at R = f+1 rounds (the protocol is correct: verified means every raw
        execution was covered) and R = f (one round short: the checker stops at the first
        counterexample, replayed through the simulator). The fast checker merges executions that
        differ by a permutation of processes, memoizes configurations per round and branches on
        heard-count vectors; brute force enumerates every raw execution and runs where the setting
        is small enough.

        | n | f | R | expected | fast | fast s | states explored | raw executions covered | raw executions | brute force | brute s |
        |---|---|---|----------|------|--------|-----------------|------------------------|----------------|-------------|---------|
        \(rows.joined(separator: "\n"))

        """
    }
}

/// Describes the machine for result files.
enum Machine {
    static var description: String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last!.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
        return "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores"
    }
}

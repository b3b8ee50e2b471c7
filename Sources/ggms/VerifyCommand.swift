import ArgumentParser
import Checking
import Diagnostics
import Foundation
import Game
import ProtocolLanguage
import Records
import SpecLanguage

/// `ggms verify SPEC PROTOCOL`: exhaustive check of a handwritten protocol.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a protocol against a spec for every execution of the bounded setting.",
        discussion: """
        Exit codes: 0 verified, 1 violated (a counterexample is shown), 3 unknown (interrupted or \
        Z3 undecided), 64 usage, 65 malformed spec or protocol, 66 missing file, 70 internal error.
        """)

    @Argument(help: "The spec (SMT-LIB2, .smt2).") var spec: String
    @Argument(help: "The protocol (.protocol).") var protocolFile: String
    @Option(help: "fast (merges permuted executions, memoizes states), brute (enumerates every raw execution) or symbolic (one Z3 query over every execution).")
    var checker: CheckerKind = .fast
    @Flag(help: "Print the result as JSON.") var json = false
    @Option(help: "Check at every n in A...B instead of the spec's :processes (for parametric protocols); A... (no upper bound) proves the protocol for every n >= A at once (every-n check, one Z3 query over counts).")
    var processes: String?
    @Option(help: "Z3 timeout per query, in milliseconds, at least 1 (fast, brute: per outcome; symbolic: per whole-execution query).")
    var solverTimeout: UInt32 = 10_000
    @Flag(help: "No progress on stderr.") var quiet = false

    func run() throws {
        guard solverTimeout >= 1 else {
            throw report(Diagnostic(.usage, file: nil, message: "--solver-timeout 0 is below 1 millisecond (Z3 would read 0 as no limit); expected at least 1 millisecond"))
        }
        if let from = Self.everyNLowerBound(processes) { return try runEveryN(from: from) }
        let token = CancellationToken()
        let signalSource = Terminal.cancelOnInterrupt(token)
        defer { signalSource.cancel() }
        let loaded: (specs: [Spec], proto: ProtocolDefinition)
        do {
            try ArgumentRoles.verify(spec: spec, protocolFile: protocolFile)
            let base = try Loading.spec(spec)
            let proto = try Loading.protocolDefinition(protocolFile)
            loaded = (try Loading.settings(of: base, range: processes), proto)
        } catch { throw report(error) }

        // Every n's table and spec evaluator are built before anything is printed, so input that
        // is malformed at some n leaves stdout empty. Then each n prints its header at once
        // (flushed), is checked (with progress on stderr), and prints its result; a bad input
        // only the check can find (a reachable gap) at a later n ends the run with exit 65
        // after the earlier n's complete results and a `stopped` line for that n.
        var checks: [(spec: Spec, table: TransitionTable, evaluator: SpecEvaluator)] = []
        for spec in loaded.specs {
            do {
                let table = try Loading.table(loaded.proto, for: spec, file: protocolFile)
                checks.append((spec, table, try SpecEvaluator(spec: spec, timeoutMilliseconds: solverTimeout)))
            } catch { throw report(error) }
        }
        var results: [VerifyResult] = []
        for (index, check) in checks.enumerated() {
            let options = CheckOptions(cancellation: token)
            if !json {
                if index > 0 { Terminal.printNow("") }
                Terminal.printNow(VerifyText.header(VerifyHeader(
                    spec: check.spec, specFile: spec, protocolFile: protocolFile, protocolName: loaded.proto.name,
                    checker: checker, table: check.table, options: options)))
            }
            let result: VerifyResult
            do {
                result = try verifyOne(spec: check.spec, proto: loaded.proto, table: check.table, evaluator: check.evaluator,
                                       options: options)
            } catch {
                if !json { Terminal.printNow(VerifySummary.stopped(at: check.spec.setting.processes)) }
                throw error
            }
            results.append(result)
            if !json { Terminal.printNow(VerifyText.body(result)) }
            if token.isCancelled { break }
        }
        if json {
            if processes == nil {
                JSONText.printResult(results[0])
            } else {
                let ns = loaded.specs.map(\.setting.processes)
                JSONText.printResult(VerifyRangeResult(range: .init(from: ns.first!, to: ns.last!), results: results,
                                                       interrupted: token.isCancelled))
            }
        } else if checks.count > 1 {
            print("")
            print(VerifySummary.render(results, planned: checks.map(\.spec.setting.processes)))
        }
        let verdicts = results.map(\.verdict)
        if verdicts.contains(.violated) { throw ExitCode(ExitStatus.negative) }
        if verdicts.contains(.unknown) || token.isCancelled { throw ExitCode(ExitStatus.inconclusive) }
    }

    /// Checks one n, with a progress line on stderr (`VerifyProgress`), and returns its result.
    private func verifyOne(spec: Spec, proto: ProtocolDefinition, table: TransitionTable, evaluator: SpecEvaluator,
                           options: CheckOptions) throws -> VerifyResult {
        let progress = Terminal.Progress(quiet: quiet || json)
        let n = spec.setting.processes
        var options = options
        let checker = self.checker, rounds = spec.setting.rounds
        options.progress = { p in
            progress.update(VerifyProgress.line(p, n: n, checker: checker, rounds: rounds), seconds: p.seconds)
        }
        let chosen = checker.checker(table: table, spec: spec, evaluator: evaluator, options: options,
                                     solverTimeoutMilliseconds: solverTimeout)
        let report: CheckReport
        do {
            report = try TestHooks.checker(chosen).check()
        } catch {
            progress.finish()
            throw error.exit(protocolFile: protocolFile, proto: proto, processes: n, crashes: spec.setting.crashes)
        }
        progress.finish()
        return VerifyResult(spec: spec, specFile: self.spec, protocolFile: protocolFile, proto: proto, report: report,
                            readsIdentities: table.bySender)
    }
}

extension CheckerKind: ExpressibleByArgument {}

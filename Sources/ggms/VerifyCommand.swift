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

        // Every n is checked before anything is printed, so a bad input found at a later n (a
        // reachable gap) leaves nothing half-written on stdout.
        var results: [VerifyResult] = []
        for spec in loaded.specs {
            let table: TransitionTable
            do { table = try Loading.table(loaded.proto, for: spec, file: protocolFile) } catch { throw report(error) }
            let result = try verifyOne(spec: spec, proto: loaded.proto, table: table, token: token)
            results.append(result)
            if token.isCancelled { break }
        }
        if !json { for result in results { print(VerifyText.render(result)) } }
        if json {
            if processes == nil {
                JSONText.printResult(results[0])
            } else {
                let ns = loaded.specs.map(\.setting.processes)
                JSONText.printResult(VerifyRangeResult(range: .init(from: ns.first!, to: ns.last!), results: results,
                                                       interrupted: token.isCancelled))
            }
        }
        let verdicts = results.map(\.verdict)
        if verdicts.contains(.violated) { throw ExitCode(ExitStatus.negative) }
        if verdicts.contains(.unknown) || token.isCancelled { throw ExitCode(ExitStatus.inconclusive) }
    }

    private func verifyOne(spec: Spec, proto: ProtocolDefinition, table: TransitionTable, token: CancellationToken) throws -> VerifyResult {
        let evaluator: SpecEvaluator
        do { evaluator = try SpecEvaluator(spec: spec, timeoutMilliseconds: solverTimeout) } catch { throw report(error) }
        let progress = Terminal.Progress(quiet: quiet || json)
        let n = spec.setting.processes
        var options = CheckOptions(cancellation: token)
        options.progress = { p in
            progress.update("verifying n=\(n) (\(checker.rawValue)): \(formatCount(Double(p.statesExplored))) states, \(formatCount(Double(p.distinctOutcomes))) outcomes, \(String(format: "%.1f", p.seconds)) s", seconds: p.seconds)
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

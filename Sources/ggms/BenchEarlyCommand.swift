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

/// `ggms bench-early`: the early-deciding protocols of `Protocols/` under crash faults at
/// n = 3…8 and F = 1…3 (R = F+1). For each, the fast checker verifies the protocol's own
/// family spec (consensus by round `faults+1`, or uniform consensus by `min(faults+2, F+1)`)
/// and measures its *decision profile*: for every number of faults `f'`, the latest round in
/// which a correct process decides, over every execution with exactly `f'` faults — the least
/// `d` for which "with `f'` faults every correct process has decided by round `d`" verifies.
/// Writes Markdown (`Results/early-decision.md`).
struct BenchEarlyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-early",
        abstract: "Benchmark the early-deciding protocols and write Results/early-decision.md (use a release build).")

    @Option(help: "Smallest n.") var from = 3
    @Option(help: "Largest n.") var to = 8
    @Option(help: "Most faulty processes to try (F = 1…this, capped at n-2).") var faulty = 3
    @Option(help: "Where to write the Markdown table.") var output = "Results/early-decision.md"
    @Option(parsing: .upToNextOption,
            help: "More protocols to profile, each FAMILY:N:F:FILE (FAMILY consensus or uniform), e.g. synthesized ones, at their own n and F.")
    var found: [String] = []

    /// One `--found` protocol: the family it is checked for, and its setting.
    struct Found {
        var subject: Subject
        var n: Int
        var f: Int

        init?(_ text: String) {
            let parts = text.split(separator: ":", maxSplits: 3).map(String.init)
            guard parts.count == 4, let n = Int(parts[1]), let f = Int(parts[2]), f >= 1, n >= f + 2,
                  let base = BenchEarlyCommand.subjects.first(where: { $0.uniform == (parts[0] == "uniform") }),
                  ["consensus", "uniform"].contains(parts[0]) else { return nil }
            subject = base
            subject.file = parts[3]
            self.n = n
            self.f = f
        }
    }

    /// A shipped protocol and the property it is checked for.
    struct Subject: Sendable {
        var file: String
        var family: String
        /// The round by which a correct process must decide with `faults` faults, as SMT-LIB.
        var bound: @Sendable (Int) -> String
        var uniform: Bool
    }

    static let subjects = [
        Subject(file: "Protocols/early-floodset.protocol", family: "consensus by faults+1",
                bound: { _ in "(+ faults 1)" }, uniform: false),
        Subject(file: "Protocols/early-uniform.protocol", family: "uniform consensus by min(faults+2, F+1)",
                bound: { f in "(ite (< (+ faults 2) \(f + 1)) (+ faults 2) \(f + 1))" }, uniform: true),
    ]

    func validate() throws {
        guard from >= 3, to <= Setting.maxProcesses, from <= to, faulty >= 1 else {
            throw ValidationError("--from/--to must satisfy 3 <= from <= to <= \(Setting.maxProcesses); --faulty >= 1")
        }
        for text in found where Found(text) == nil {
            throw ValidationError("--found '\(text)': expected FAMILY:N:F:FILE with FAMILY consensus or uniform, F >= 1 and N >= F+2")
        }
    }

    func run() throws {
        var rows: [String] = []
        let progress = Terminal.Progress(quiet: false)
        let plan = Self.subjects.flatMap { subject in
            (from...to).flatMap { n in (1...min(faulty, n - 2)).map { (subject, n, $0) } }
        } + found.compactMap(Found.init).map { ($0.subject, $0.n, $0.f) }
        for (subject, n, f) in plan {
            let proto: ProtocolDefinition
            do { proto = try Loading.protocolDefinition(subject.file) } catch { throw report(error) }
            progress.update("\(subject.file) n=\(n) F=\(f)", seconds: 0)
            let family = Self.spec(n: n, f: f, uniform: subject.uniform, property: """
                (define-fun early () Bool
                  (forall ((i Proc)) (=> (correct i) (and (decided i) (<= (decision-round i) \(subject.bound(f)))))))
                (assert early)
                """)
            let verdict = try check(family, subject.file, proto)
            var profile: [String] = []
            var seconds = verdict.seconds
            for faults in 0...f {
                var latest = "never"
                for d in 0...(f + 1) {
                    let bound = Self.spec(n: n, f: f, uniform: subject.uniform, property: """
                        (assert (=> (= faults \(faults))
                          (forall ((i Proc)) (=> (correct i) (and (decided i) (<= (decision-round i) \(d)))))))
                        """, agreementToo: false)
                    let report = try check(bound, subject.file, proto)
                    seconds += report.seconds
                    if report.verdict.kind == .verified { latest = "\(d)"; break }
                    if report.verdict.kind == .unknown { latest = "unknown"; break }
                }
                profile.append(latest)
            }
            rows.append("| `\(subject.file)` | \(subject.family) | \(n) | \(f) | \(f + 1) | \(verdict.verdict.name) | \(formatCount(verdict.rawExecutionsTotal)) | \(profile.joined(separator: " / ")) | \(String(format: "%.2f", seconds)) |")
            progress.finish()
            Terminal.error(rows.last!)
        }
        let text = Self.markdown(rows: rows, command: CommandLine.arguments.joined(separator: " "))
        do throws(OutputFile.Failure) { try OutputFile.write(text, to: output) } catch { throw report(error.diagnostic(option: "--output")) }
        print("wrote \(output)")
    }

    /// Checks `text` against the protocol with the fast checker (first violation).
    private func check(_ text: String, _ file: String, _ proto: ProtocolDefinition) throws -> CheckReport {
        let spec: Spec
        let table: TransitionTable
        do {
            spec = try Spec.parse(text, file: "bench-early.smt2")
            table = try TransitionTable.compile(proto, for: spec.setting, file: file)
        } catch { throw report(error) }
        do { return try BenchSpecs.check(.fast, spec: spec, table: table, mode: .firstViolation, limit: nil) }
        catch let error as Diagnostic { throw report(error) }
        catch let error as CheckFailure { throw error.exit(protocolFile: file, proto: proto, processes: spec.setting.processes, crashes: spec.setting.crashes) }
    }

    /// Binary consensus under crash faults with early decision, `R = F+1`, plus `property`
    /// (and, when `agreementToo`, agreement — uniform or among correct processes — and validity).
    static func spec(n: Int, f: Int, uniform: Bool, property: String, agreementToo: Bool = true) -> String {
        let deciders = uniform ? "(decided i) (decided j)" : "(correct i) (correct j)"
        let safety = !agreementToo ? "" : """
            (assert (forall ((i Proc) (j Proc)) (=> (and \(deciders)) (= (decision i) (decision j)))))
            (assert (forall ((v Int)) (=> (forall ((i Proc)) (= (input i) v)) (forall ((i Proc)) (=> (decided i) (= (decision i) v))))))

            """
        return """
            (set-info :processes \(n))
            (set-info :faulty \(f))
            (set-info :rounds \(f + 1))
            (set-info :early-decision true)
            \(safety)\(property)

            """
    }

    static func markdown(rows: [String], command: String) -> String {
        """
        # Early decision: decision rounds of the early-deciding protocols

        Command: `\(command)` (release build, one thread). Machine: \(Machine.description). Z3 \(Z3Kit.version).

        Crash faults, `R = F+1`, `:early-decision true`. *verdict* is the fast checker's answer for
        the protocol's family: agreement (uniform for `early-uniform`, among correct processes for
        `early-floodset`), validity among deciders, and every correct process decided by the
        family's round. *decision profile* gives, for `faults` = 0 / 1 / … / F, the latest round in
        which a correct process decides over every execution with exactly that many faults: the
        least `d` for which "every correct process has decided by round `d`" verifies (each a full
        exhaustive check; *s* is the time of all of them together). Protocols named with `--found`
        (synthesized ones, under `Results/early/found/`) are checked at their own n and F against
        the family given there; a protocol found for another question (simultaneous agreement,
        say) may fail that family's bound — its profile is the point.

        | protocol | family | n | F | R | verdict | raw executions | decision profile (faults = 0 / 1 / …) | s |
        |---|---|---|---|---|---|---|---|---|
        \(rows.joined(separator: "\n"))

        """
    }
}

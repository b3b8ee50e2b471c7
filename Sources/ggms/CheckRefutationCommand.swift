import ArgumentParser
import Checking
import Diagnostics
import Foundation
import Game
import Records
import Search
import SpecLanguage
import Utilities

/// `ggms check-refutation SPEC FILE`: re-checks a refutation certificate without search — the
/// executions it lists are encoded again for the spec and Z3 asked whether any table with the
/// spec's states survives them all.
struct CheckRefutationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-refutation",
        abstract: "Re-check, without search, a certificate that no protocol exists.",
        discussion: """
        FILE is the run record synthesize wrote when it proved that no protocol exists (its \
        "refutation" field), or that field alone. The certificate's executions are encoded again \
        for SPEC (whose setting must be the certificate's) and Z3 decides whether any table with \
        the spec's states satisfies the spec on all of them. Exit codes: 1 the certificate holds \
        (no protocol exists), 3 Z3 could not decide within --time-limit, 65 not a certificate for \
        this spec (or one that some table survives), 66 a missing file, 70 internal error.
        """)

    @Argument(help: "The spec (.smt2) the certificate is for.") var spec: String
    @Argument(help: "A run record (.json) with a refutation, or a refutation certificate.") var file: String
    @Option(parsing: .unconditional, help: "Seconds Z3 may take, above 0.") var timeLimit: Double = 600
    @Flag(help: "Print the answer as JSON (docs/json.md).") var json = false

    func validate() throws {
        guard timeLimit > 0, timeLimit.isFinite else { throw ValidationError("--time-limit must be a number of seconds above 0") }
    }

    func run() throws {
        let token = CancellationToken()
        let signalSource = Terminal.cancelOnInterrupt(token)
        defer { signalSource.cancel() }
        let loaded: Spec
        let refutation: Refutation
        do throws(Diagnostic) {
            loaded = try Loading.spec(spec)
            refutation = try Self.read(file)
            let differences = Self.differences(refutation.setting, loaded.setting)
                + (refutation.roundAware == loaded.setting.roundAware ? [] : ["round-aware \(refutation.roundAware) vs \(loaded.setting.roundAware)"])
            guard differences.isEmpty else {
                throw Diagnostic(.badInput, file: file, message: "the certificate is for another setting (\(differences.joined(separator: ", "))); expected the setting of \(spec)")
            }
        } catch { throw report(error) }
        let answer: Refutation.Answer
        let clock = Stopwatch()
        do {
            let deadline = timeLimit < 1e9 ? ContinuousClock.now + .milliseconds(Int(timeLimit * 1000)) : nil
            answer = try refutation.check(spec: loaded, deadline: deadline, cancellation: token)
        } catch {
            if case .invalidSchedule(let why) = error { throw report(Diagnostic(.badInput, file: file, message: "\(why); expected executions the spec's adversary may choose")) }
            if case .otherSetting = error { throw report(Diagnostic(.badInput, file: file, message: "\(error); expected the setting of \(spec)")) }
            throw internalFailure(error)
        }
        let s = loaded.setting
        let count = refutation.schedules.count
        if json {
            // A certificate some table survives is bad input (below: exit 65, an error record).
            var record = CheckRefutationResult(spec: spec, file: file, setting: s, outcome: .refuted, executions: count,
                                               seconds: clock.seconds)
            switch answer {
            case .refutes:
                JSONText.printResult(record)
                throw ExitCode(ExitStatus.negative)
            case .unknown(let reason):
                record.outcome = .unknown
                record.reason = token.isCancelled ? "interrupted" : reason
                JSONText.printResult(record)
                throw ExitCode(ExitStatus.inconclusive)
            case .doesNotRefute: break
            }
        }
        switch answer {
        case .refutes:
            print("refuted: no protocol with \(SynthesisReport.what(s)) in \(plural(s.rounds, "round")) satisfies \(spec) (\(SynthesisReport.parameters(s))): Z3 finds no table that survives the \(plural(count, "execution")) of \(file)")
            throw ExitCode(ExitStatus.negative)
        case .doesNotRefute:
            throw report(Diagnostic(.badInput, file: file, message: "not a refutation: some table with \(SynthesisReport.what(s)) satisfies the spec on \(count == 1 ? "its one execution" : "all \(formatCount(count)) executions"); expected executions no table survives"))
        case .unknown(let reason):
            print("inconclusive: Z3 could not decide the certificate (\(token.isCancelled ? "interrupted" : reason))")
            throw ExitCode(ExitStatus.inconclusive)
        }
    }

    /// Where two settings differ, `name certificate vs spec`.
    static func differences(_ a: Setting, _ b: Setting) -> [String] {
        var out: [String] = []
        func compare<T: Equatable>(_ name: String, _ x: T, _ y: T) { if x != y { out.append("\(name): \(x) in the certificate, \(y) in the spec") } }
        compare("n", a.processes, b.processes)
        compare("f", a.crashes, b.crashes)
        compare("faults", a.faults.name, b.faults.name)
        compare("losses", a.losses, b.losses)
        compare("R", a.rounds, b.rounds)
        compare("inputs", a.inputs, b.inputs)
        compare("decisions", a.decisions, b.decisions)
        compare("states", a.states, b.states)
        compare("messages", a.messages.map(String.init) ?? "none", b.messages.map(String.init) ?? "none")
        compare("round-aware", a.roundAware, b.roundAware)
        compare("early decision", a.earlyDecision, b.earlyDecision)
        compare("identities", a.identities, b.identities)
        return out
    }

    /// A certificate: the `refutation` field of a run record, or a bare one.
    static func read(_ path: String) throws(Diagnostic) -> Refutation {
        let resolved = Loading.resolve(path)
        try Loading.requireFile(resolved, kind: "refutation", expected: "a run record or certificate written by ggms synthesize")
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw Diagnostic(.missingFile, file: path, message: "cannot read the file; expected a readable file")
        }
        struct Holder: Decodable { var refutation: Refutation? }
        do {
            // A record with a `refutation` field is read as one (its errors are that field's);
            // anything else as a bare certificate.
            let bare = try JSONDecoder().decode(Holder.self, from: data).refutation ?? JSONDecoder().decode(Refutation.self, from: data)
            guard bare.format == Refutation.formatName else {
                throw Diagnostic(.badInput, file: path, message: "format \"\(bare.format)\"; expected \"\(Refutation.formatName)\"")
            }
            return bare
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            let problem = RecordProblem(error, data: data)
            let expected = "the run record of a synthesize run that proved no protocol exists, or its \"refutation\" field"
            if problem.line != nil { throw problem.diagnostic(file: path, expected: expected) }
            throw Diagnostic(.badInput, file: path, message: "holds no refutation (\(problem.text)); expected \(expected)")
        }
    }
}

/// What `ggms check-refutation --json` prints (docs/json.md). A certificate that some table
/// survives is not a refutation: that is an error record (exit 65), not this.
struct CheckRefutationResult: Encodable {
    enum Outcome: String, Encodable { case refuted, unknown }
    var kind = RecordKind.checkRefutation
    var versions = ToolVersions()
    var spec: String
    var file: String
    var setting: Setting
    /// `refuted`: no table with the spec's states survives the certificate's executions (no
    /// protocol exists, exit 1); `unknown`: Z3 could not decide (exit 3).
    var outcome: Outcome
    var reason: String?
    /// The certificate's executions.
    var executions: Int
    var seconds: Double
}

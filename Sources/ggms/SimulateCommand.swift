import ArgumentParser
import Checking
import Diagnostics
import Foundation
import Game
import Interchange
import ProtocolLanguage
import Records
import SpecLanguage
import Utilities

/// `ggms simulate SPEC PROTOCOL --schedule FILE`: one execution, chosen by hand (or taken from
/// a counterexample or a SPIN trail), run through the simulator and judged by the spec.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a protocol on one execution given as a schedule file and print the round table.",
        discussion: """
        The schedule is the JSON a counterexample prints (ggms verify --json): inputs, the faulty \
        set, and per round crashes, drops, forged and lost messages; a whole verify --json record \
        works too. Exit codes: 0 the spec holds on the execution, 1 it is violated, 3 Z3 could \
        not decide, 64 usage, 65 malformed spec, protocol or schedule (or a schedule the \
        adversary cannot choose, or a gap), 66 missing file, 70 internal error.
        """)

    @Argument(help: "The spec (SMT-LIB2, .smt2).") var spec: String
    @Argument(help: "The protocol (.protocol).") var protocolFile: String
    @Option(help: "The execution: a JSON schedule (a counterexample of ggms verify --json).") var schedule: String
    @Option(help: "Run at N processes instead of the spec's :processes.") var processes: Int?
    @Option(help: "Z3 timeout for judging the outcome, in milliseconds, at least 1.") var solverTimeout: UInt32 = 10_000
    @Flag(help: "Print the execution and the verdict as JSON (docs/json.md) instead of the round table.") var json = false

    func run() throws {
        guard solverTimeout >= 1 else {
            throw report(Diagnostic(.usage, file: nil, message: "--solver-timeout 0 is below 1 millisecond; expected at least 1 millisecond"))
        }
        let loadedSpec: Spec, proto: ProtocolDefinition, table: TransitionTable, execution: Execution
        do {
            try ArgumentRoles.verify(spec: spec, protocolFile: protocolFile)
            var base = try Loading.spec(spec)
            if let processes { base = try base.withProcesses(processes) }
            loadedSpec = base
            proto = try Loading.protocolDefinition(protocolFile)
            table = try Loading.table(proto, for: loadedSpec, file: protocolFile)
            execution = try Loading.schedule(schedule, setting: loadedSpec.setting, messageNames: proto.messageLabels)
        } catch { throw report(error) }
        let trace: Trace
        do { trace = try Simulator.run(table, execution) } catch {
            throw CheckFailure.gap(error).exit(protocolFile: protocolFile, proto: proto, processes: loadedSpec.setting.processes,
                                               crashes: loadedSpec.setting.crashes)
        }
        let outcome = Simulator.outcome(table, execution, trace)
        let evaluator: SpecEvaluator
        do { evaluator = try SpecEvaluator(spec: loadedSpec, timeoutMilliseconds: solverTimeout) } catch { throw report(error) }
        let clock = Stopwatch()
        let verdict = evaluator.evaluate(outcome)
        var failed = ""
        if case .fails(let index) = verdict { failed = loadedSpec.properties[index].name }
        let data = CounterexampleData(run: (execution, trace, outcome), setting: loadedSpec.setting, stateNames: table.stateNames,
                                      failedProperty: failed, messageNames: proto.messages)
        let s = loadedSpec.setting
        if json {
            var record = SimulateResult(spec: spec, protocolFile: protocolFile, protocolName: proto.name, schedule: schedule,
                                        setting: s, outcome: .verified, seconds: clock.seconds, properties: loadedSpec.propertyNames,
                                        execution: data)
            switch verdict {
            case .holds: break
            case .fails: record.outcome = .violated; record.failedProperty = failed
            case .unknown(let reason): record.outcome = .unknown; record.reason = reason
            }
            JSONText.printResult(record)
            switch verdict {
            case .holds: return
            case .fails: throw ExitCode(ExitStatus.negative)
            case .unknown: throw ExitCode(ExitStatus.inconclusive)
            }
        }
        print("spec      \(spec)  (n=\(s.processes) f=\(s.crashes) R=\(s.rounds)\(s.faults == .crash ? "" : ", \(s.faults.name) faults"))")
        print("protocol  \(protocolFile)\(proto.name.map { "  (\($0))" } ?? "")")
        print("schedule  \(schedule)")
        print(VerifyText.table(data))
        switch verdict {
        case .holds:
            let names = loadedSpec.propertyNames
            print("satisfied: \(names.joined(separator: ", ")) hold\(names.count == 1 ? "s" : "") on this execution")
        case .fails:
            print("violated: \(failed) fails on this execution")
            throw ExitCode(ExitStatus.negative)
        case .unknown(let reason):
            print("unknown: Z3 could not decide the spec on this outcome (\(reason)); not a pass")
            throw ExitCode(ExitStatus.inconclusive)
        }
    }
}

/// What `ggms simulate --json` prints (docs/json.md): the execution as a counterexample's JSON
/// (without `failedProperty`), and whether the spec holds on it.
struct SimulateResult: Encodable {
    var kind = RecordKind.simulate
    var versions = ToolVersions()
    var spec: String
    var protocolFile: String
    var protocolName: String?
    var schedule: String
    var setting: Setting
    /// `verified` (the spec holds on this execution), `violated` or `unknown`.
    var outcome: Verdict.Kind
    /// Seconds judging the outcome.
    var seconds: Double
    var properties: [String]
    /// Violated: the first property that fails.
    var failedProperty: String?
    /// Unknown: why Z3 could not decide.
    var reason: String?
    var execution: CounterexampleData
}

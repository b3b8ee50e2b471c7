import Foundation

/// One planned run of a bench as a flat row: a line of bench.csv and an element of `runs` in
/// `ggms bench --json`. The CSV header is exactly the JSON field names below, in this order
/// (`columns`). "Absent" means the key is left out of the JSON object and the CSV cell is empty;
/// a value that does not apply is never written as 0.
///
/// | field | type | absent when |
/// |-------|------|-------------|
/// | `family` | string | never (the spec's file name up to `-n<digits>`) |
/// | `spec` | string | never (the spec's file name without `.smt2`) |
/// | `processes` | integer | never (the spec's n) |
/// | `crashes` | integer | never (the spec's f) |
/// | `rounds` | integer | never (the spec's R) |
/// | `states` | integer | never |
/// | `expect` | string: `realizable` or `unrealizable` | the spec has no `:expect` |
/// | `strategy` | string: a bench strategy (`ggms`, `ggms-no-encoder`, `ggms-no-symbolic`, `mcts`, `mcts-dfs`, `dfs`, `cegis`, `random`) | never |
/// | `seed` | integer | never |
/// | `outcome` | string: `found`, `unrealizable`, `inconclusive`, `error` (a harness error), `interrupted` or `not-run` | never |
/// | `success` | boolean: the run gave the spec's expected answer | the spec has no `:expect` (not scored), or the outcome is `not-run` |
/// | `seconds` | number: the run record's `stats.totalSeconds` (search time); the child's wall-clock seconds when it left no record | no child ran: it could not be started, or the outcome is `not-run` |
/// | `checkerCalls` | integer: the run record's `stats.checkerCalls` | the child left no readable run record (harness errors, runs killed or interrupted by the bench, `not-run`) |
/// | `backtracks` | integer: `stats.backtracks` | as `checkerCalls` |
/// | `iterations` | integer: `stats.iterations` | as `checkerCalls` |
/// | `exitCode` | integer: the child's exit status (128 + signal when a signal ended it) | no child ran (could not be started, `not-run`) |
/// | `note` | string: what went wrong (the harness error's message), or a remark (killed past its time limit) | nothing to say |
///
/// `not-run` appears only for a run that has no result: in an interrupted bench, the runs that
/// never started; in a Slurm sweep's report (`ggms bench --report DIR`), the runs whose task has
/// not finished (or never ran). It is neither a success nor a failure.
public struct BenchRunRow: Codable, Sendable, Equatable {
    public var family: String
    public var spec: String
    public var processes: Int
    public var crashes: Int
    public var rounds: Int
    public var states: Int
    public var expect: String?
    public var strategy: BenchStrategy
    public var seed: Int
    public var outcome: Outcome
    public var success: Bool?
    public var seconds: Double?
    public var checkerCalls: Int?
    public var backtracks: Int?
    public var iterations: Int?
    public var exitCode: Int32?
    public var note: String?

    /// The field names, in CSV column order.
    public enum CodingKeys: String, CodingKey, CaseIterable {
        case family, spec, processes, crashes, rounds, states, expect, strategy, seed, outcome, success, seconds,
             checkerCalls, backtracks, iterations, exitCode, note
    }

    /// The `outcome` field: `BenchOutcome` without its message, or `not-run`.
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        case found, unrealizable, inconclusive
        /// A harness error (`BenchOutcome.harnessError`; the message is in `note`).
        case error
        case interrupted
        /// A planned run without a result.
        case notRun = "not-run"

        public init(_ outcome: BenchOutcome) {
            switch outcome {
            case .found: self = .found
            case .unrealizable: self = .unrealizable
            case .inconclusive: self = .inconclusive
            case .harnessError: self = .error
            case .interrupted: self = .interrupted
            }
        }
    }

    /// The header of bench.csv: the field names in order.
    public static var columns: [String] { CodingKeys.allCases.map(\.rawValue) }

    /// The row of `job` on `spec`: from `result` when the run finished, else `not-run`.
    public init(job: BenchJob, spec: BenchSpec, result: BenchRunResult?) {
        let s = spec.setting
        family = spec.family
        self.spec = spec.name
        processes = s.processes
        crashes = s.crashes
        rounds = s.rounds
        states = s.states
        expect = spec.expect?.rawValue
        strategy = job.strategy
        seed = job.seed
        guard let result else {
            outcome = .notRun
            return
        }
        outcome = Outcome(result.outcome)
        success = spec.scored ? result.succeeded(on: spec) : nil
        seconds = result.seconds
        checkerCalls = result.checkerCalls
        backtracks = result.backtracks
        iterations = result.iterations
        exitCode = result.exitCode
        if case .harnessError(let message) = result.outcome {
            note = [message, result.note].compactMap { $0 }.joined(separator: "; ")
        } else {
            note = result.note
        }
    }

    /// The CSV cell of `field`: empty when absent; seconds with 4 decimals.
    public func cell(_ field: CodingKeys) -> String {
        switch field {
        case .family: return family
        case .spec: return spec
        case .processes: return String(processes)
        case .crashes: return String(crashes)
        case .rounds: return String(rounds)
        case .states: return String(states)
        case .expect: return expect ?? ""
        case .strategy: return strategy.rawValue
        case .seed: return String(seed)
        case .outcome: return outcome.rawValue
        case .success: return success.map { $0 ? "true" : "false" } ?? ""
        case .seconds: return seconds.map { String(format: "%.4f", $0) } ?? ""
        case .checkerCalls: return checkerCalls.map(String.init) ?? ""
        case .backtracks: return backtracks.map(String.init) ?? ""
        case .iterations: return iterations.map(String.init) ?? ""
        case .exitCode: return exitCode.map(String.init) ?? ""
        case .note: return note ?? ""
        }
    }
}

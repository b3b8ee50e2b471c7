import Checking
import Game
import ProtocolLanguage
import SpecLanguage

/// What `verify` prints, as plain data (rendered as text or JSON).
struct VerifyResult: Encodable {
    struct SettingSummary: Encodable {
        var processes: Int, crashes: Int, rounds: Int, inputs: Int, decisions: Int
    }
    var spec: String
    var protocolFile: String
    var protocolName: String?
    var setting: SettingSummary
    var symmetricSpec: Bool
    var checker: CheckerKind
    var mergedSymmetric: Bool
    var verdict: Verdict.Kind
    var reason: String?
    var statesExplored: Int
    /// Raw executions covered; nil unless verified.
    var rawExecutionsCovered: RawCount?
    var rawExecutionsTotal: RawCount
    var distinctOutcomes: Int
    var seconds: Double
    /// Whole-execution Z3 queries (the symbolic checker only; absent otherwise).
    var solverChecks: Int?
    var properties: [String]
    var counterexample: CounterexampleData?

    init(spec: Spec, specFile: String, protocolFile: String, proto: ProtocolDefinition, report: CheckReport) {
        self.spec = specFile
        self.protocolFile = protocolFile
        protocolName = proto.name
        let s = spec.setting
        setting = SettingSummary(processes: s.processes, crashes: s.crashes, rounds: s.rounds, inputs: s.inputs, decisions: s.decisions)
        symmetricSpec = spec.isSymmetric
        checker = report.checker
        mergedSymmetric = report.mergedSymmetric
        verdict = report.verdict.kind
        statesExplored = report.statesExplored
        rawExecutionsCovered = report.verdict.isVerified ? RawCount(report.rawExecutionsCovered) : nil
        rawExecutionsTotal = RawCount(report.rawExecutionsTotal)
        distinctOutcomes = report.distinctOutcomes
        seconds = report.seconds
        solverChecks = report.checker == .symbolic ? report.solverChecks : nil
        properties = spec.properties.map(\.name)
        switch report.verdict {
        case .verified: break
        case .unknown(let r): reason = r
        case .violated(let cex): counterexample = CounterexampleData(cex)
        }
    }
}

/// A count of raw executions in JSON. The engine counts in Doubles (`ExecutionCount`), exact
/// below 2^53. Encoded as a JSON integer when it is exact (an integer up to 2^53), as a JSON
/// number in exponent form above that (approximate: the nearest Double), and as the string
/// `"inf"` when it overflows a Double (about 1.8e308: n = 63 with many crashes), which JSON
/// numbers cannot hold.
struct RawCount: Encodable, Equatable {
    var value: Double

    init(_ value: Double) { self.value = value }

    /// Larger integers are not all representable as Doubles.
    static let exactLimit = 0x1p53

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if !value.isFinite {
            try container.encode(value > 0 ? "inf" : "nan")
        } else if value == value.rounded(), abs(value) <= Self.exactLimit {
            try container.encode(Int64(value))
        } else {
            try container.encode(value)
        }
    }
}

/// A counterexample as plain data: per round, crashes with receivers and every live process's
/// state, observation and next state; then decisions and the failing property.
struct CounterexampleData: Encodable {
    struct CrashData: Encodable { var process: String; var state: String; var receivers: [String] }
    struct StepData: Encodable {
        var process: String
        var state: String
        var heard: [String: Int]
        var missing: Int
        var next: String
    }
    struct RoundData: Encodable {
        var round: Int
        var crashes: [CrashData]
        var steps: [StepData]
        /// What the adversary did to each process this round, as the fault model words it
        /// (`FaultModel.event`), for the text table; the JSON carries the structured `crashes`.
        var events: [(process: String, state: String, text: String)] = []
        enum CodingKeys: String, CodingKey { case round, crashes, steps }
    }
    struct DecisionData: Encodable { var process: String; var input: Int; var correct: Bool; var finalState: String?; var decision: Int? }

    var failedProperty: String
    var inputs: [String: Int]
    var initialStates: [String: String]
    var rounds: [RoundData]
    var decisions: [DecisionData]

    init(_ cex: Counterexample) {
        let names = cex.stateNames
        func p(_ i: Int) -> String { "p\(i)" }
        failedProperty = cex.failedPropertyName
        inputs = Dictionary(uniqueKeysWithValues: cex.execution.inputs.enumerated().map { (p($0.offset), $0.element) })
        initialStates = Dictionary(uniqueKeysWithValues: cex.trace.states[0].enumerated().compactMap { i, s in s.map { (p(i), names[$0]) } })
        rounds = cex.execution.rounds.enumerated().map { index, schedule in
            let before = cex.trace.states[index]
            let after = cex.trace.states[index + 1]
            let crashes = schedule.crashes.sorted { $0.process < $1.process }.map {
                CrashData(process: p($0.process), state: names[before[$0.process]!], receivers: $0.receivers.map(p))
            }
            let steps = cex.trace.observations[index].enumerated().compactMap { q, observation -> StepData? in
                guard let observation, let from = before[q], let to = after[q] else { return nil }
                let heard = Dictionary(uniqueKeysWithValues: names.indices.map { (names[$0], observation.heard($0)) })
                return StepData(process: p(q), state: names[from], heard: heard, missing: observation.missing, next: names[to])
            }
            let model = cex.setting.faultModel
            let events = before.indices.compactMap { q -> (process: String, state: String, text: String)? in
                guard let text = model.event(of: q, in: schedule, name: p, message: { names[$0] }), let from = before[q] else { return nil }
                return (p(q), names[from], text)
            }
            return RoundData(round: index + 1, crashes: crashes, steps: steps, events: events)
        }
        decisions = cex.outcome.processes.enumerated().map { i, o in
            DecisionData(process: p(i), input: o.input, correct: o.correct,
                         finalState: o.correct ? cex.trace.states.last![i].map { names[$0] } : nil,
                         decision: o.correct ? o.decision : nil)
        }
    }
}

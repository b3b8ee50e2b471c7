import Checking
import Game
import Records
import ProtocolLanguage
import SpecLanguage

/// What `verify` prints, as plain data (rendered as text or JSON).
struct VerifyResult: Encodable {
    /// The setting; `faults` (the model's name) only when it is not `crash`, `losses` only when
    /// some are allowed, `earlyDecision` and `identities` only when true, so crash-fault results
    /// read as they always did.
    struct SettingSummary: Encodable {
        var processes: Int, crashes: Int, rounds: Int, inputs: Int, decisions: Int
        var faults: String?
        var losses: Int?
        var earlyDecision: Bool?
        var identities: Bool?
    }
    /// Always `verify` (docs/json.md).
    var kind = RecordKind.verify
    var versions = ToolVersions()
    /// `verified`, `violated` or `unknown`: the verdict, under the name every record uses.
    var outcome: Verdict.Kind { verdict }
    var spec: String
    var protocolFile: String
    var protocolName: String?
    /// The setting for the text (fields only where they differ from the crash-fault default).
    var setting: SettingSummary
    /// The setting for the JSON: every field, as every record writes it.
    var fullSetting: Setting
    var symmetricSpec: Bool
    var checker: CheckerKind
    var mergedSymmetric: Bool
    /// Whether the protocol's table reads `id` and who sent what (its observations are by
    /// sender), for the text (not in the JSON): the reason nothing is merged.
    var readsIdentities = false
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

    enum CodingKeys: String, CodingKey {
        case kind, versions, outcome, spec, protocolFile, protocolName, fullSetting = "setting", symmetricSpec, checker, mergedSymmetric
        case verdict, reason, statesExplored
        case rawExecutionsCovered, rawExecutionsTotal, distinctOutcomes, seconds, solverChecks, properties, counterexample
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(versions, forKey: .versions)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(spec, forKey: .spec)
        try c.encode(protocolFile, forKey: .protocolFile)
        try c.encodeIfPresent(protocolName, forKey: .protocolName)
        try c.encode(fullSetting, forKey: .fullSetting)
        try c.encode(symmetricSpec, forKey: .symmetricSpec)
        try c.encode(checker, forKey: .checker)
        try c.encode(mergedSymmetric, forKey: .mergedSymmetric)
        try c.encode(verdict, forKey: .verdict)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encode(statesExplored, forKey: .statesExplored)
        try c.encodeIfPresent(rawExecutionsCovered, forKey: .rawExecutionsCovered)
        try c.encode(rawExecutionsTotal, forKey: .rawExecutionsTotal)
        // The symbolic checker asks Z3 about every execution at once and counts no outcomes.
        if checker != .symbolic { try c.encode(distinctOutcomes, forKey: .distinctOutcomes) }
        try c.encode(seconds, forKey: .seconds)
        try c.encodeIfPresent(solverChecks, forKey: .solverChecks)
        try c.encode(properties, forKey: .properties)
        try c.encodeIfPresent(counterexample, forKey: .counterexample)
    }

    /// - Parameter readsIdentities: whether the checked table is by sender (`table.bySender`).
    init(spec: Spec, specFile: String, protocolFile: String, proto: ProtocolDefinition, report: CheckReport,
         readsIdentities: Bool = false) {
        self.spec = specFile
        self.protocolFile = protocolFile
        protocolName = proto.name
        setting = SettingSummary(spec.setting)
        fullSetting = spec.setting
        symmetricSpec = spec.isSymmetric
        checker = report.checker
        mergedSymmetric = report.mergedSymmetric
        self.readsIdentities = readsIdentities
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
        case .violated(let cex): counterexample = CounterexampleData(cex, messageNames: proto.messages)
        }
    }
}

/// What `verify --processes A...B` prints as JSON: one object holding the check at each n
/// (`checks`, in order, each a whole `verify` record), even when A = B.
struct VerifyRangeResult: Encodable {
    struct Range: Encodable { var from: Int; var to: Int }
    var kind = RecordKind.verify
    var versions = ToolVersions()
    /// `violated` if any n is violated, else `unknown` if any is unknown (or the run was
    /// interrupted before the last n), else `verified`.
    var outcome: Verdict.Kind
    var spec: String
    var protocolFile: String
    var protocolName: String?
    /// The setting at the range's first n.
    var setting: Setting
    var processes: Range
    /// Seconds of all the checks.
    var seconds: Double
    var checks: [VerifyResult]

    init(range: Range, results: [VerifyResult], interrupted: Bool) {
        let verdicts = results.map(\.verdict)
        outcome = verdicts.contains(.violated) ? .violated
            : verdicts.contains(.unknown) || interrupted || results.count < range.to - range.from + 1 ? .unknown : .verified
        spec = results[0].spec
        protocolFile = results[0].protocolFile
        protocolName = results[0].protocolName
        setting = results[0].fullSetting
        processes = range
        seconds = results.map(\.seconds).reduce(0, +)
        checks = results
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

/// A counterexample as plain data: the faulty set (models that choose it before round 1); per
/// round what the adversary did — crashes with receivers (crash faults), dropped messages
/// (omission), Byzantine messages, lost messages (`:losses`) — and every running process's
/// state, observation (heard counts per message: by message name when the protocol has an
/// alphabet, by state name otherwise; under `:identities` also what came from each other
/// process) and next state; then decisions, messages lost in all, and the failing property. A list belongs to the JSON only under the model that uses it
/// (`crashes` under crash faults, `drops` under omission, `forged` under Byzantine faults,
/// `losses` with `:losses`), and `decisionRound` only under early decision, so crash-fault
/// counterexamples of the old model read as they always did.
struct CounterexampleData: Encodable {
    struct CrashData: Encodable { var process: String; var state: String; var receivers: [String] }
    /// One message's link: a dropped or lost message.
    struct LinkData: Encodable { var from: String; var to: String }
    /// A message a Byzantine process chose for one receiver (`message` is a message name: a
    /// state name without an alphabet).
    struct ForgedData: Encodable { var from: String; var to: String; var message: String }
    struct StepData: Encodable {
        var process: String
        var state: String
        var heard: [String: Int]
        var missing: Int
        var next: String
        /// Under `:identities`: per other process (`p0`, …) the message received from it, null
        /// for nothing; absent otherwise.
        var from: [String: String?]?
        /// Under `:identities`, the same for the text table: `from(0)=A from(2)=none`.
        var received: String?
        enum CodingKeys: String, CodingKey { case process, state, heard, missing, next, from }
    }
    /// What the adversary did to or through one process in one round, in words, for the text
    /// table; `state` is nil for a process without one (Byzantine).
    struct EventData { var process: String; var state: String?; var text: String }
    struct RoundData: Encodable {
        var round: Int
        var crashes: [CrashData]?
        var drops: [LinkData]?
        var forged: [ForgedData]?
        var losses: [LinkData]?
        var steps: [StepData]
        /// The round's events (`FaultModel.event`, Byzantine messages, lost messages) for the
        /// text table; the JSON carries the structured lists above.
        var events: [EventData] = []
        enum CodingKeys: String, CodingKey { case round, crashes, drops, forged, losses, steps }
    }
    /// Without early decision: `decision` and `finalState` for every process that ran to the
    /// end and decided (correct ones, and faulty ones under omission); neither for crashed or
    /// Byzantine processes. Under early decision: `finalState` for every process that ran to the
    /// end, and `decision` with `decisionRound` (0 = after `init`) for every process that
    /// decided, crashed ones included (they keep their decision).
    struct DecisionData: Encodable {
        var process: String; var input: Int; var correct: Bool; var finalState: String?; var decision: Int?
        var decisionRound: Int?
    }

    var failedProperty: String
    var inputs: [String: Int]
    var initialStates: [String: String]
    /// The faulty set, under a model that chooses it before round 1 (nil under crash faults).
    var faulty: [String]?
    var rounds: [RoundData]
    var decisions: [DecisionData]
    /// Messages lost on links over the execution (the outcome's `lost`), with `:losses` only.
    var lost: Int?
    /// The fault model, for the text (not in the JSON: the setting names it).
    var faults: FaultKind = .crash
    /// Whether processes decide early, for the text (not in the JSON: the setting says so).
    var earlyDecision = false
    /// The heard columns of the text table, in the alphabet's order; nil without an alphabet
    /// (the columns are then the state names of the first round's steps, sorted).
    var messageColumns: [String]?

    enum CodingKeys: String, CodingKey { case failedProperty, inputs, initialStates, faulty, rounds, decisions, lost }

    /// `failedProperty` only when some property fails (a simulated execution may satisfy the spec).
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if !failedProperty.isEmpty { try c.encode(failedProperty, forKey: .failedProperty) }
        try c.encode(inputs, forKey: .inputs)
        try c.encode(initialStates, forKey: .initialStates)
        try c.encodeIfPresent(faulty, forKey: .faulty)
        try c.encode(rounds, forKey: .rounds)
        try c.encode(decisions, forKey: .decisions)
        try c.encodeIfPresent(lost, forKey: .lost)
    }

    /// - Parameter messageNames: the protocol's message names when it has an alphabet (the
    ///   observations count messages by these); nil when the messages are the states.
    init(_ cex: Counterexample, messageNames: [String]? = nil) {
        self.init(run: (cex.execution, cex.trace, cex.outcome), setting: cex.setting, stateNames: cex.stateNames,
                  failedProperty: cex.failedPropertyName, messageNames: messageNames)
    }

    /// The same data for any simulated execution (`ggms simulate`), violating or not;
    /// `failedProperty` is empty when the spec holds on it.
    init(run cex: (execution: Execution, trace: Trace, outcome: Outcome), setting: Setting, stateNames: [String],
         failedProperty: String, messageNames: [String]? = nil) {
        let names = stateNames
        let messages = messageNames ?? names
        let model = setting.faultModel
        let byzantine = setting.faults == .byzantine ? Set(cex.execution.faulty) : []
        func p(_ i: Int) -> String { "p\(i)" }
        faults = setting.faults
        earlyDecision = setting.earlyDecision
        messageColumns = messageNames
        self.failedProperty = failedProperty
        inputs = Dictionary(uniqueKeysWithValues: cex.execution.inputs.enumerated().map { (p($0.offset), $0.element) })
        initialStates = Dictionary(uniqueKeysWithValues: cex.trace.states[0].enumerated().compactMap { i, s in s.map { (p(i), names[$0]) } })
        faulty = setting.faults.choosesFaultySetFirst ? cex.execution.faulty.map(p) : nil
        lost = setting.losses > 0 ? cex.outcome.lost : nil
        rounds = cex.execution.rounds.enumerated().map { index, schedule in
            let before = cex.trace.states[index]
            let after = cex.trace.states[index + 1]
            var round = RoundData(round: index + 1, steps: [])
            switch setting.faults {
            case .crash:
                round.crashes = schedule.crashes.sorted { $0.process < $1.process }.map {
                    CrashData(process: p($0.process), state: names[before[$0.process]!], receivers: $0.receivers.map(p))
                }
            case .sendOmission, .receiveOmission, .generalOmission:
                round.drops = schedule.drops.map { LinkData(from: p($0.sender), to: p($0.receiver)) }
            case .byzantine:
                round.forged = schedule.forged.map { ForgedData(from: p($0.sender), to: p($0.receiver), message: messages[$0.message]) }
            }
            if setting.losses > 0 { round.losses = schedule.losses.map { LinkData(from: p($0.sender), to: p($0.receiver)) } }
            round.steps = cex.trace.observations[index].enumerated().compactMap { q, observation -> StepData? in
                guard let observation, let from = before[q], let to = after[q] else { return nil }
                let heard = Dictionary(uniqueKeysWithValues: messages.indices.map { (messages[$0], observation.heard($0)) })
                var step = StepData(process: p(q), state: names[from], heard: heard, missing: observation.missing, next: names[to])
                if let senders = observation.senders {
                    step.from = Dictionary(uniqueKeysWithValues: senders.senders.map { (p($0), senders.from($0).map { messages[$0] }) })
                    step.received = senders.describe(messageNames: messages)
                }
                return step
            }
            round.events = before.indices.compactMap { q -> EventData? in
                var parts: [String] = []
                if byzantine.contains(q) {
                    // What it sent each process that runs: a message of its choice, or nothing.
                    let sent = before.indices.filter { $0 != q && before[$0] != nil }.map { r in
                        schedule.forged.first { $0.sender == q && $0.receiver == r }.map { "\(messages[$0.message]) to \(p(r))" }
                            ?? "nothing to \(p(r))"
                    }
                    parts.append("Byzantine: sends " + (sent.isEmpty ? "nothing" : sent.joined(separator: ", ")))
                } else if before[q] != nil, let text = model.event(of: q, in: schedule, name: p, message: { messages[$0] }) {
                    parts.append(text)
                }
                let lostTo = schedule.losses.filter { $0.sender == q }.map { p($0.receiver) }
                let lostFrom = schedule.losses.filter { $0.receiver == q }.map { p($0.sender) }
                if !lostTo.isEmpty { parts.append("its messages to \(lostTo.joined(separator: " ")) are lost") }
                if !lostFrom.isEmpty { parts.append("the messages from \(lostFrom.joined(separator: " ")) to it are lost") }
                if setting.earlyDecision, cex.trace.decisionRounds[q] == index + 1 {
                    parts.append("decides \(cex.trace.decisions[q])")
                }
                guard !parts.isEmpty else { return nil }
                return EventData(process: p(q), state: before[q].map { names[$0] }, text: parts.joined(separator: "; "))
            }
            return round
        }
        let final = cex.trace.states.last!
        decisions = cex.outcome.processes.enumerated().map { i, o in
            let decided = o.decision != ProcessOutcome.noDecision
            if setting.earlyDecision {
                return DecisionData(process: p(i), input: o.input, correct: o.correct,
                                    finalState: final[i].map { names[$0] },
                                    decision: decided ? o.decision : nil,
                                    decisionRound: decided ? o.decisionRound : nil)
            }
            return DecisionData(process: p(i), input: o.input, correct: o.correct,
                                finalState: decided ? final[i].map { names[$0] } : nil,
                                decision: decided ? o.decision : nil)
        }
    }
}

import Bench
import Checking
import Game
import ProtocolLanguage
import Records
import SpecLanguage
import Utilities

/// What `verify --processes A...` prints, as plain data (rendered as text or JSON).
struct EveryNResult: Encodable {
    /// Always `verify` (docs/json.md).
    var kind = RecordKind.verify
    var versions = ToolVersions()
    var spec: String
    var protocolFile: String
    var protocolName: String?
    /// The setting with `processes` the lower bound `A`, for the text.
    var setting: VerifyResult.SettingSummary
    /// The same, every field, for the JSON.
    var fullSetting: Setting
    /// Always true: the check covers every `n >= setting.processes`.
    var everyN = true
    var checker = "every-n"
    var verdict: Verdict.Kind
    /// The verdict, under the name every record uses.
    var outcome: Verdict.Kind { verdict }
    var reason: String?
    /// Verified: the bound `A` of "every n >= A".
    var verifiedFrom: Int?
    /// Violated: the `n` of the counterexample (the smallest Z3 found).
    var violatedAt: Int?
    /// Violated: whether no smaller `n` violates (false when a bisection query gave out).
    var violatedAtIsSmallest: Bool?
    var quantifierDepth: Int
    var representatives: Int
    var hearingVectors: Int
    var variables: Int
    var solverChecks: Int
    var seconds: Double
    var properties: [String]
    var counterexample: CounterexampleData?

    enum CodingKeys: String, CodingKey {
        case kind, versions, outcome, spec, protocolFile, protocolName, fullSetting = "setting", everyN, checker, verdict, reason
        case verifiedFrom, violatedAt, violatedAtIsSmallest, quantifierDepth, representatives, hearingVectors, variables
        case solverChecks, seconds, properties, counterexample
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
        try c.encode(everyN, forKey: .everyN)
        try c.encode(checker, forKey: .checker)
        try c.encode(verdict, forKey: .verdict)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(verifiedFrom, forKey: .verifiedFrom)
        try c.encodeIfPresent(violatedAt, forKey: .violatedAt)
        try c.encodeIfPresent(violatedAtIsSmallest, forKey: .violatedAtIsSmallest)
        try c.encode(quantifierDepth, forKey: .quantifierDepth)
        try c.encode(representatives, forKey: .representatives)
        try c.encode(hearingVectors, forKey: .hearingVectors)
        try c.encode(variables, forKey: .variables)
        try c.encode(solverChecks, forKey: .solverChecks)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(properties, forKey: .properties)
        try c.encodeIfPresent(counterexample, forKey: .counterexample)
    }

    init(spec: Spec, specFile: String, protocolFile: String, proto: ProtocolDefinition, report: EveryNReport) {
        self.spec = specFile
        self.protocolFile = protocolFile
        protocolName = proto.name
        setting = VerifyResult.SettingSummary(spec.setting)
        fullSetting = spec.setting
        verdict = report.verdict.kind
        quantifierDepth = report.quantifierDepth
        representatives = report.representatives
        hearingVectors = report.hearingVectors
        variables = report.variables
        solverChecks = report.solverChecks
        seconds = report.seconds
        properties = spec.properties.map(\.name)
        switch report.verdict {
        case .verified(let from): verifiedFrom = from
        case .unknown(let r): reason = r
        case .violated(let cex):
            violatedAt = cex.setting.processes
            violatedAtIsSmallest = report.smallestIsExact
            counterexample = CounterexampleData(cex, messageNames: proto.messages)
        }
    }
}

/// Text rendering of `verify --processes A...` results.
enum EveryNText {
    static func render(_ r: EveryNResult) -> String {
        header(spec: r.spec, setting: r.setting, protocolFile: r.protocolFile, protocolName: r.protocolName) + "\n" + body(r)
    }

    /// The `spec`, `protocol` and `checker` lines, known before the check runs (printed at once).
    static func header(spec: String, setting s: VerifyResult.SettingSummary, protocolFile: String, protocolName: String?) -> String {
        var lines: [String] = []
        lines.append("spec      \(spec)  (every n >= \(s.processes), f=\(s.crashes) R=\(s.rounds), inputs 0..\(s.inputs - 1), decisions 0..\(s.decisions - 1); symmetric)")
        lines.append("protocol  \(protocolFile)\(protocolName.map { "  (\($0))" } ?? "")")
        lines.append("checker   every-n: processes counted per (input, state) round by round, n a Z3 integer")
        return lines.joined(separator: "\n")
    }

    /// What the check encoded and found, ending with the verdict line.
    static func body(_ r: EveryNResult) -> String {
        let s = r.setting
        var lines: [String] = []
        lines.append("encoded   the spec read over \(plural(r.representatives, "representative")) (quantifier depth \(r.quantifierDepth)), "
                     + "\(plural(r.variables, "integer variable")), \(plural(r.hearingVectors, "hearing vector")) per round, "
                     + "\(plural(r.solverChecks, "Z3 query", "Z3 queries")), \(BenchFormat.seconds(r.seconds)) s")
        switch r.verdict {
        case .verified:
            lines.append("verified for every n >= \(r.verifiedFrom ?? s.processes): \(r.properties.joined(separator: ", ")) hold\(r.properties.count == 1 ? "s" : "") on every execution")
        case .unknown:
            lines.append("unknown: \(r.reason ?? "no reason given") (not a pass)")
        case .violated:
            let n = r.violatedAt ?? 0
            let smallest = r.violatedAtIsSmallest == false
                ? "Z3 could not decide whether a smaller n >= \(s.processes) fails"
                : n == s.processes ? "the smallest n checked" : "the smallest: every n from \(s.processes) to \(n - 1) holds"
            lines.append("violated at n = \(n) (\(smallest); replayed at that n)")
            if let cex = r.counterexample { lines.append(VerifyText.render(cex)) }
        }
        return lines.joined(separator: "\n")
    }
}

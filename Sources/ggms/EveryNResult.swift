import Bench
import Checking
import Game
import ProtocolLanguage
import SpecLanguage

/// What `verify --processes A...` prints, as plain data (rendered as text or JSON).
struct EveryNResult: Encodable {
    var spec: String
    var protocolFile: String
    var protocolName: String?
    /// The setting with `processes` the lower bound `A`.
    var setting: VerifyResult.SettingSummary
    /// Always true: the check covers every `n >= setting.processes`.
    var everyN = true
    var checker = "every-n"
    var verdict: Verdict.Kind
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

    init(spec: Spec, specFile: String, protocolFile: String, proto: ProtocolDefinition, report: EveryNReport) {
        self.spec = specFile
        self.protocolFile = protocolFile
        protocolName = proto.name
        let s = spec.setting
        setting = VerifyResult.SettingSummary(processes: s.processes, crashes: s.crashes, rounds: s.rounds, inputs: s.inputs,
                                              decisions: s.decisions, faults: s.faults == .crash ? nil : s.faults.name,
                                              losses: s.losses == 0 ? nil : s.losses, earlyDecision: s.earlyDecision ? true : nil,
                                              identities: s.identities ? true : nil)
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
        let s = r.setting
        var lines: [String] = []
        lines.append("spec      \(r.spec)  (every n >= \(s.processes), f=\(s.crashes) R=\(s.rounds), inputs 0..\(s.inputs - 1), decisions 0..\(s.decisions - 1); symmetric)")
        lines.append("protocol  \(r.protocolFile)\(r.protocolName.map { "  (\($0))" } ?? "")")
        lines.append("checker   every-n: processes counted per (input, state) round by round, n a Z3 integer; "
                     + "the spec read over \(r.representatives) representative\(r.representatives == 1 ? "" : "s") (quantifier depth \(r.quantifierDepth))")
        lines.append("encoded   \(r.variables) integer variables, \(r.hearingVectors) hearing vector\(r.hearingVectors == 1 ? "" : "s") per round, "
                     + "\(r.solverChecks) Z3 quer\(r.solverChecks == 1 ? "y" : "ies"), \(BenchFormat.seconds(r.seconds)) s")
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

import Checking
import ProtocolLanguage
import SpecLanguage

/// The every-n check of a found protocol's compact rules (`EveryNChecker`): whether they verify
/// for every `n >= from` at once, for the spec's f, R and assertions. Tried after
/// `Generalization` found no failure; its own time bound (`timeoutMilliseconds` per Z3 query).
public struct EveryNSummary: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// Verified for every `n >= from`.
        case verified
        /// Violated at `violatedAt` (replayed there).
        case violated
        /// Z3 gave out or the time bound passed: neither a pass nor a failure.
        case inconclusive
        /// The rules or spec are outside the fragment (`reason` says why), or the rules reach
        /// a gap at `violatedAt`.
        case notApplicable = "not-applicable"
    }
    public var kind: Kind
    /// The `N` of "every n >= N": the spec's n.
    public var from: Int
    public var violatedAt: Int?
    public var reason: String?
    /// The check's seconds; nil when no check ran (not applicable).
    public var seconds: Double?

    /// The default bound on each Z3 query of the every-n check in synthesis: 10 s.
    public static let defaultTimeoutMilliseconds: UInt32 = 10_000

    /// Runs the every-n check of `rules` for every `n >= spec.setting.processes`.
    /// - Throws: `SearchFailure.check` for an engine failure (a failed replay, Z3 failing);
    ///   never for an inconclusive or inapplicable check.
    /// - Complexity: as `EveryNChecker.check`, bounded by `timeoutMilliseconds` per query.
    public static func check(_ rules: ProtocolDefinition, spec: Spec, timeoutMilliseconds: UInt32 = defaultTimeoutMilliseconds,
                             cancellation: CancellationToken? = nil) throws(SearchFailure) -> EveryNSummary {
        let from = spec.setting.processes
        let checker = EveryNChecker(proto: rules, spec: spec, protocolFile: "compact", timeoutMilliseconds: timeoutMilliseconds,
                                    cancellation: cancellation)
        do {
            let report = try checker.check()
            switch report.verdict {
            case .verified: return EveryNSummary(kind: .verified, from: from, seconds: report.seconds)
            case .violated(let cex):
                return EveryNSummary(kind: .violated, from: from, violatedAt: cex.setting.processes, seconds: report.seconds)
            case .unknown(let reason): return EveryNSummary(kind: .inconclusive, from: from, reason: reason, seconds: report.seconds)
            }
        } catch {
            switch error {
            case .unsupported(let reason): return EveryNSummary(kind: .notApplicable, from: from, reason: reason.description, seconds: nil)
            case .input(let diagnostic): return EveryNSummary(kind: .notApplicable, from: from, reason: diagnostic.message, seconds: nil)
            case .gap(let gap, let n):
                return EveryNSummary(kind: .notApplicable, from: from, violatedAt: n, reason: "the rules reach a gap at n = \(n): \(gap)", seconds: nil)
            case .check(let failure): throw .check(failure)
            }
        }
    }
}

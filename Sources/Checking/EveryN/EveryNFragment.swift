import Diagnostics
import Game
import ProtocolLanguage
import SpecLanguage

/// Why a protocol and spec are outside the fragment that `EveryNChecker` decides, or use a
/// part of the game it does not encode yet. Never a verdict: the check says so and stops.
public enum EveryNUnsupported: Error, Sendable, CustomStringConvertible, Equatable {
    /// The spec sets `:identities true`: processes are told apart by index.
    case identities
    /// A rule reads `id` or `from(…)`: the protocol treats processes by index.
    case readsIdentity(rule: Int, location: SourceLocation?)
    /// The spec names process constants `pK` or reads `index`: it is not symmetric.
    case asymmetricSpec(processes: [Int], readsIndex: Bool)
    /// A quantifier binds a `Proc` variable together with a variable of another sort.
    case mixedQuantifier
    /// The fault model has no counter encoding (yet).
    case faultModel(FaultKind)
    /// Lossy links (`:losses`) have no counter encoding (yet).
    case losses(Int)
    /// Early decision (`:early-decision`) has no counter encoding (yet).
    case earlyDecision
    /// A spec's universe of representatives would be too large to expand.
    case tooManyRepresentatives(Int)

    public var description: String {
        switch self {
        case .identities:
            return "the spec sets :identities true, so processes are told apart by index; "
                + "every-n checking needs anonymous processes (a protocol over counts, a symmetric spec)"
        case .readsIdentity(let rule, _):
            return "rule \(rule + 1) reads id or from(…), so the protocol treats processes by index; "
                + "every-n checking needs rules over heard, missing, self, round, n and f only"
        case .asymmetricSpec(let processes, let readsIndex):
            let what = readsIndex ? "reads (index p)" : "names " + processes.map { "p\($0)" }.joined(separator: ", ")
            return "the spec \(what), so it is not symmetric; every-n checking needs a spec that sees processes "
                + "only through input, correct, decision, decided and decision-round"
        case .mixedQuantifier:
            return "a quantifier binds a Proc variable together with a variable of another sort, or a variable "
                + "of a sort built from Proc (an array, a sequence), or a lambda reads Proc; every-n checking needs "
                + "quantifiers over Proc that bind only Proc variables (split the binder), outside lambdas"
        case .faultModel(let kind):
            return ":faults \(kind.name) has no counter encoding yet; every-n checking has no encoding of it"
        case .losses(let l):
            return ":losses \(l) (lossy links) has no counter encoding yet; every-n checking needs :losses 0"
        case .earlyDecision:
            return ":early-decision true has no counter encoding yet; every-n checking needs decisions at round R"
        case .tooManyRepresentatives(let count):
            return "the spec would need \(count) representative processes (kinds times quantifier depth); "
                + "every-n checking expands at most \(EveryNFragment.maxRepresentatives)"
        }
    }

    /// Where to point the user: a rule's location, when the reason is a rule.
    public var location: SourceLocation? {
        if case .readsIdentity(_, let location) = self { return location }
        return nil
    }
}

/// The fragment `EveryNChecker` decides (docs/checking.md, "Every n"): anonymous processes
/// whose rules read only counts (`heard`, `missing`), `self`, `round`, `n` and `f` — every such
/// guard is linear in the counts and `n` — and a symmetric spec whose quantifiers over `Proc`
/// bind only `Proc`; any fault model, no lossy links, decisions at round `R`.
public enum EveryNFragment {
    /// Largest universe of representatives the spec is expanded over.
    public static let maxRepresentatives = 64

    /// The first reason `proto` and `spec` are outside the fragment, or nil when they fit.
    /// Reads the spec's quantifier depth through Z3 (one throwaway context).
    /// - Returns: the reason, or nil together with the spec's quantifier depth over `Proc`.
    /// - Throws: `Diagnostic(.internalError)` only if Z3 fails on a validated spec.
    /// - Complexity: linear in the protocol and the spec text, plus about 5 ms.
    public static func check(_ proto: ProtocolDefinition, _ spec: Spec) throws(Diagnostic)
        -> Result<Int, EveryNUnsupported>
    {
        let setting = spec.setting
        if setting.identities { return .failure(.identities) }
        for (index, rule) in proto.rules.enumerated() where rule.guard?.readsIdentity == true {
            return .failure(.readsIdentity(rule: index, location: rule.location))
        }
        if !spec.isSymmetric { return .failure(.asymmetricSpec(processes: spec.mentionedProcesses, readsIndex: spec.readsIndex)) }
        if !CounterSystem.supportedFaults.contains(setting.faults) { return .failure(.faultModel(setting.faults)) }
        if setting.losses > 0 { return .failure(.losses(setting.losses)) }
        if setting.earlyDecision { return .failure(.earlyDecision) }
        guard let depth = try spec.procQuantifierDepth() else { return .failure(.mixedQuantifier) }
        return .success(depth)
    }
}

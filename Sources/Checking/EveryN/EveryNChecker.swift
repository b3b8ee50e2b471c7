import Diagnostics
import Game
import ProtocolLanguage
import SpecLanguage
import Utilities
import Z3Kit

/// What the every-n check concluded.
public enum EveryNVerdict: Sendable {
    /// No execution at any `n >= from` violates the spec (Z3: unsat).
    case verified(from: Int)
    /// An execution at `counterexample.setting.processes` violates it, replayed.
    case violated(Counterexample)
    /// Z3 gave out (time, interruption, incompleteness), or the violation is at an `n` the
    /// engine cannot replay; never a pass.
    case unknown(reason: String)

    public var kind: Verdict.Kind {
        switch self {
        case .verified: return .verified
        case .violated: return .violated
        case .unknown: return .unknown
        }
    }
}

/// The every-n check's verdict and what it cost.
public struct EveryNReport: Sendable {
    public var verdict: EveryNVerdict
    /// `n >= lowerBound` is what was checked.
    public var lowerBound: Int
    /// The spec's nesting depth of quantifiers over `Proc`: representatives per kind.
    public var quantifierDepth: Int
    /// Representatives the spec was read over.
    public var representatives: Int
    /// Hearing vectors per (input, state) and round.
    public var hearingVectors: Int
    /// Integer variables of the counter system.
    public var variables: Int
    /// Z3 queries asked (gap, violation, and the search for the smallest violating `n`).
    public var solverChecks: Int
    /// Violated: whether the counterexample's `n` is proved the smallest (false when a query
    /// of the bisection gave out, so a smaller violating `n` may exist).
    public var smallestIsExact: Bool = true
    public var seconds: Double
}

/// Why the every-n check gave no verdict.
public enum EveryNFailure: Error, Sendable, CustomStringConvertible {
    /// Outside the fragment (or a part of the game without a counter encoding yet): the
    /// input's matter, said plainly (exit 65).
    case unsupported(EveryNUnsupported)
    /// The protocol does not fit the spec (compilation at the lower bound failed).
    case input(Diagnostic)
    /// A reachable gap, at `processes` (the smallest n Z3 found): the input's fault.
    case gap(ProtocolGap, processes: Int)
    /// An engine failure (replay, Z3).
    case check(CheckFailure)

    public var description: String {
        switch self {
        case .unsupported(let reason): return reason.description
        case .input(let diagnostic): return "\(diagnostic)"
        case .gap(let gap, let n): return "at n = \(n), \(gap)"
        case .check(let failure): return failure.description
        }
    }
}

/// "Verified for every n" (docs/checking.md, "Every n"): one Z3 query in linear integer
/// arithmetic over the counter system (`CounterSystem`) and the spec read over representatives
/// (`Spec.assertions(onRepresentatives:…)`), for a protocol over counts and a symmetric spec
/// (`EveryNFragment`), `F` and `R` fixed, every `n >= lowerBound`.
///
/// Contract: `verified(from: A)` only when Z3 proves that no execution at any `n >= A` reaches a
/// gap or violates the spec; `violated` only with a counterexample at a concrete `n` (the
/// smallest Z3 finds, by bisection on `n`) built from the model (`EveryNConcretization`) and
/// replayed through the simulator and the spec evaluator at that `n`
/// (`Counterexample.replay`); `unknown` when Z3 gives out (the watchdog's bound,
/// `timeoutMilliseconds` per query; cancellation) or the smallest violating `n` found is above
/// `Setting.maxProcesses`. A reachable gap throws `EveryNFailure.gap` (replayed, with its n), as
/// every checker reports a reachable gap before any violation.
///
/// - Complexity: building is O(R · I · K · |H| · (M + rules)) terms with `|H| = C(F+M, M)`
///   hearing vectors, plus the spec over `kinds · depth` representatives; solving is linear
///   integer arithmetic (NP-hard; in practice seconds for FloodSet up to F = 6, see
///   Results/every-n.md).
public struct EveryNChecker: Sendable {
    public let proto: ProtocolDefinition
    /// The spec at `n = lowerBound` (`Spec.withProcesses`).
    public let spec: Spec
    /// The protocol's file, for located errors.
    public let protocolFile: String
    public var timeoutMilliseconds: UInt32
    public var cancellation: CancellationToken?

    public init(proto: ProtocolDefinition, spec: Spec, protocolFile: String, timeoutMilliseconds: UInt32 = 60_000,
                cancellation: CancellationToken? = nil) {
        self.proto = proto
        self.spec = spec
        self.protocolFile = protocolFile
        self.timeoutMilliseconds = timeoutMilliseconds
        self.cancellation = cancellation
    }

    public var lowerBound: Int { spec.setting.processes }

    /// The cheap part of `check`, with no Z3: whether the protocol and spec are inside the
    /// fragment (`EveryNFragment`) and the protocol compiles at the lower bound; returns the
    /// spec's quantifier depth. A caller may run it first to reject such input before printing
    /// anything. (`check` can still find the input unsupported later: too many representatives,
    /// mixed quantifiers.)
    /// - Throws: `EveryNFailure.unsupported` outside the fragment, `.input` when the protocol
    ///   does not compile for the spec.
    /// - Complexity: one compilation of the table at `n = lowerBound`.
    public func checkInput() throws(EveryNFailure) -> Int {
        let fit: Result<Int, EveryNUnsupported>
        do { fit = try EveryNFragment.check(proto, spec) } catch { throw .input(error) }
        switch fit {
        case .failure(let reason): throw .unsupported(reason)
        case .success(let depth):
            do { _ = try TransitionTable.compile(proto, for: spec.setting, file: protocolFile) } catch { throw .input(error) }
            return depth
        }
    }

    /// - Throws: `EveryNFailure.unsupported` outside the fragment, `.input` when the protocol
    ///   does not compile for the spec, `.gap` for a reachable gap (replayed at its n), `.check(.replay)`
    ///   or `.check(.solver)` for engine failures.
    public func check() throws(EveryNFailure) -> EveryNReport {
        let clock = Stopwatch()
        let depth = try checkInput()
        let system: CounterSystem
        do { system = try CounterSystem(proto: proto, setting: spec.setting, lowerBound: lowerBound) } catch {
            throw .check(.solver(reason: "\(error)"))
        }
        let kinds: Int
        do { kinds = try system.kinds().count } catch { throw .check(.solver(reason: "\(error)")) }
        if kinds * depth > EveryNFragment.maxRepresentatives {
            throw .unsupported(.tooManyRepresentatives(kinds * depth))
        }
        let properties: (properties: [Z3AST], representatives: Int)
        do { properties = try system.properties(of: spec, depth: depth) } catch {
            if error.kind == .badInput { throw .unsupported(.mixedQuantifier) }
            throw .check(.solver(reason: "\(error)"))
        }
        let run = EveryNRun(checker: self, system: system)
        let interrupter = system.interrupter
        let verdict = try cancellation.whileRunning(onCancel: { interrupter.interrupt() }) { () throws(EveryNFailure) -> EveryNVerdict in
            try run.verdict(properties: properties.properties)
        }
        var report = EveryNReport(verdict: verdict, lowerBound: lowerBound, quantifierDepth: depth,
                                  representatives: properties.representatives, hearingVectors: system.hearing.count,
                                  variables: system.variableCount, solverChecks: run.checks, seconds: clock.seconds)
        report.smallestIsExact = run.smallestIsExact
        return report
    }
}

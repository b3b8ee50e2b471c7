import Foundation
import Game
import SpecLanguage
import Utilities
import Z3Kit

/// The second, independent check (docs/checking.md): the whole bounded game of one protocol as a
/// single Z3 query, the protocol concrete and the adversary free, asking for a violating
/// execution. Every fault model (`:faults`: crash, send, receive and general omission,
/// Byzantine), lossy links (`:losses`), message alphabets (`send`; Byzantine messages range over
/// the alphabet), early decision (`:early-decision`: decisions and decision rounds as
/// `DecisionRecord` makes them) and identities (`:identities`: a table by sender, whose `next`
/// reads `id` and who sent what) are encoded exactly.
///
/// Contract. Same verdicts as `FastChecker` and `BruteForceChecker`: `verified` when Z3 proves
/// that no execution of the bounded setting violates the spec (`unsat`); `violated` with a
/// counterexample when Z3 finds one — the model's execution (its faulty set, crashes, dropped,
/// Byzantine and lost messages, in the shape `Simulator.validate` takes for the model) is
/// replayed through `Simulator` and the spec re-evaluated by `evaluator`
/// (`Counterexample.replay`) before it is returned;
/// `unknown` when Z3 answers `unknown` (its timeout, `timeoutMilliseconds` per query, or
/// incompleteness), when the replay cannot decide the outcome, or when `options.cancellation`
/// fires — never a pass. A table on which some process that takes a step reaches an undefined
/// entry throws that `ProtocolGap` as `CheckFailure.gap`
/// (found by a first query, asked only when the table has undefined entries, and replayed), as the other checkers do; with
/// `options.gaps == .skip` such executions are left out of the search for a violation, and if
/// there is none the verdict is `unknown` when some execution reaches a gap (as `FastChecker`
/// answers). It enumerates nothing, so it never
/// merges permuted executions and needs no symmetry: specs that name `p0` are checked the same
/// way. `options.mode` is ignored (it cannot count failing executions: `rawExecutionsFailing`
/// is nil), as are `useSymmetry` and `collectReads`; `progress` is called once before each
/// query (with `solverQuery`), not during one. The report's
/// `statesExplored` is the number of symbolic process states, `n · (R+1)`; `solverChecks`
/// the queries asked (1, or 2 with gaps).
///
/// Encoding (`SymbolicEncoding`): Booleans for the adversary — each process's input (one-hot);
/// under crash faults the rounds it survives and who still hears its last message; otherwise
/// the faulty set and per round and link whether the message is delivered (omission) or which
/// message a Byzantine sender sends, if any; with `:losses` which messages are lost — and for
/// each process's state after each round (one-hot); heard counts are unary counters, per
/// message, over the senders whose message arrives (what a sender sends is the disjunction of
/// its states that `send` maps to it) — or, for a table by sender, per receiver and other
/// process `j` one literal per message "from `j` arrived `m`" and one "nothing from `j`" (a
/// Byzantine `j`'s free message arrives as from `j`), an observation being one literal per
/// sender (`SymbolicChecker+Senders.swift`); one implication per defined `next` entry (per
/// process index for a table by sender; a counted table keeps the heard counts under
/// identities too); `decide` (of
/// the last state, or under early decision of the first deciding state a running process is
/// in, with its round) and the
/// spec's own assertions (parsed by Z3 as `SpecEvaluator` parses them, `Proc` quantifiers
/// expanded) over integer `ite` terms of those literals (and `lost` as their sum), negated.
///
/// Soundness: the constraints have exactly one solution per raw execution (up to values that no
/// process reads: states after a crash, `hears` towards non-survivors, the states of Byzantine
/// processes, targets of unreached gaps) — a message may be dropped only where `mayDrop`
/// allows, forged only from a Byzantine process to a correct one, lost only if the model
/// delivered it, at most `L` per round — and the spec terms are the spec's assertions on that
/// execution's outcome, so `unsat` means every execution satisfies the spec. It shares no code
/// with the explicit checkers beyond the table, the spec parser and the replay, which is what
/// makes it a second check (`Tests/CheckingTests/SymbolicFaultModelTests.swift` compares it
/// with the brute force under every model, with and without losses,
/// `SymbolicAlphabetEarlyDecisionTests.swift` with message alphabets and early decision, and
/// `SymbolicIdentityTests.swift` on tables by sender).
///
/// - Complexity: building is O(n³ · R · M + n · R · K · |observations|) terms for `K` states
///   and `M` messages (plus O(n² · R · M²) for Byzantine messages, O(n² · R · L) for losses and
///   O(n · R · K) for early decision); a table by sender has `(M+1)^(n-1)` observations (at
///   most `maxMissing` nothings), each implication `n + 1` literals wide, so
///   O(n² · R · K · (M+1)^(n-1)) — fine up to n = 5 or 6 (a rotating relay, K = 2, verifies
///   at n = 6, f = 3, R = 4 in about 3 s in debug); solving is
///   NP-hard in general and grows exponentially here: FloodSet (f = n-2, R = f+1) verifies in
///   about 0.1 s at n = 5, 0.5–1 s at n = 6, 5–8 s at n = 7 and 30–55 s at n = 8 under crash
///   faults (release, shared 2-core machine), against the fast checker's milliseconds
///   (`Results/checker-symbolic.md`); violations come much faster. The other models add free
///   literals per round and link (omission, losses) or per round, link and message
///   (Byzantine), so expect them to be slower at the same n.
public struct SymbolicChecker: Checker {
    public let table: TransitionTable
    public let spec: Spec
    /// Re-evaluates the counterexample's outcome on replay.
    public let evaluator: SpecEvaluator
    public let options: CheckOptions
    /// Z3's bound on each query, in milliseconds.
    public let timeoutMilliseconds: UInt32
    public var kind: CheckerKind { .symbolic }

    /// - Precondition: `table.setting` agrees with `spec.setting` on n, f, R and I, and its
    ///   `init`, `send` and `decide` entries are complete (as `TransitionTable.compile` makes
    ///   them; under early decision a state may be `TransitionTable.notDeciding`).
    public init(table: TransitionTable, spec: Spec, evaluator: SpecEvaluator, options: CheckOptions = CheckOptions(),
                timeoutMilliseconds: UInt32 = 10_000) {
        self.table = table
        self.spec = spec
        self.evaluator = evaluator
        self.options = options
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// - Throws: `CheckFailure.gap` when some execution reaches an information set with no
    ///   entry (`options.gaps == .fail`); `.replay` if a model does not replay as claimed, and
    ///   `.solver` if Z3 fails (an API error, `sat` without a model) — engine failures.
    public func check() throws(CheckFailure) -> CheckReport {
        let encoding: SymbolicEncoding
        do {
            encoding = try SymbolicEncoding(table: table, spec: spec, timeoutMilliseconds: timeoutMilliseconds)
        } catch {
            // Only Z3 fails here: a `Z3Error`, or a `Diagnostic` for a spec Z3 parsed before.
            throw .solver(reason: "\(error)")
        }
        let run = SymbolicRun(checker: self, encoding: encoding)
        let evaluator = self.evaluator.interrupter, interrupter = encoding.interrupter
        return try options.cancellation.whileRunning(onCancel: { evaluator.interrupt(); interrupter.interrupt() }) {
            () throws(CheckFailure) -> CheckReport in
            run.report(try run.verdict())
        }
    }
}

/// One run of the symbolic checker: the queries, in order, and their count.
private final class SymbolicRun {
    let checker: SymbolicChecker
    let encoding: SymbolicEncoding
    let clock = Stopwatch()
    var checks = 0

    init(checker: SymbolicChecker, encoding: SymbolicEncoding) {
        self.checker = checker
        self.encoding = encoding
    }

    var table: TransitionTable { checker.table }
    var cancelled: Bool { checker.options.cancellation?.isCancelled == true }

    /// The queries, when the table may have reachable gaps (undefined entries, or observations
    /// beyond its space): with `gaps == .fail`, first whether a process that takes a step
    /// reaches one (then the gap is thrown), then the violation query; with `.skip`, the
    /// violation query among executions that reach none, then (if there is no violation)
    /// whether any execution reaches one, which makes the verdict `unknown` as in `FastChecker`.
    func verdict() throws(CheckFailure) -> Verdict {
        var assumptions: [Z3AST] = [encoding.violation]
        if let anyGap = encoding.anyGap {
            switch checker.options.gaps {
            case .skip:
                do { if let noGap = try encoding.noGapLiteral() { assumptions.append(noGap) } }
                catch { throw .solver(reason: "\(error)") }
            case .fail:
                switch solve([anyGap]) {
                case .unsat: break
                case .unknown(let reason): return .unknown(reason: reason)
                case .sat: try throwGap()
                }
            }
        }
        switch solve(assumptions) {
        case .unknown(let reason): return .unknown(reason: reason)
        case .sat: return try replayViolation()
        case .unsat:
            guard let anyGap = encoding.anyGap, checker.options.gaps == .skip else { return .verified }
            switch solve([anyGap]) {
            case .unsat: return .verified
            case .unknown(let reason): return .unknown(reason: reason)
            case .sat: return .unknown(reason: "the table has unset entries that some execution reaches")
            }
        }
    }

    func solve(_ assumptions: [Z3AST]) -> Z3CheckResult {
        if cancelled { return .unknown(reason: "interrupted") }
        checks += 1
        checker.options.progress?(CheckProgress(statesExplored: encoding.stateCount, distinctOutcomes: 0, seconds: clock.seconds,
                                                solverQuery: checks))
        let result = encoding.solver.check(assumptions: assumptions)
        guard case .unknown(let reason) = result else { return result }
        if cancelled { return .unknown(reason: "interrupted") }
        if reason == Z3CheckResult.timedOut {
            return .unknown(reason: "Z3 timed out (\(checker.timeoutMilliseconds) ms per query)")
        }
        return result
    }

    /// The last model's execution.
    func execution() throws(CheckFailure) -> Execution {
        guard let model = encoding.solver.model(), let execution = encoding.execution(in: model) else {
            throw .solver(reason: "Z3 answered sat without a complete model")
        }
        return execution
    }

    /// Replays the gap query's execution, which throws the `ProtocolGap` it reaches.
    func throwGap() throws(CheckFailure) -> Never {
        let execution = try execution()
        do { try Simulator.validate(execution, for: table.setting, messageCount: table.messageCount) } catch {
            throw .replay(.badSchedule(error))
        }
        do { _ = try Simulator.run(table, execution) } catch { throw .gap(error) }
        throw .replay(.gapNotReached(execution))
    }

    /// Replays the violation query's execution into a counterexample.
    func replayViolation() throws(CheckFailure) -> Verdict {
        let execution = try execution()
        let replayed: Counterexample
        do {
            replayed = try Counterexample.replay(execution, table: table, spec: checker.spec, evaluator: checker.evaluator)
        } catch {
            guard case .specUnknown(let reason) = error else { throw .replay(error) }
            if cancelled || checker.evaluator.interrupter.isInterrupted { return .unknown(reason: "interrupted") }
            return .unknown(reason: "Z3 found a violating execution, but its replay could not decide the spec (\(reason))")
        }
        return .violated(replayed)
    }

    func report(_ verdict: Verdict) -> CheckReport {
        var covered = 0.0, outcomes = 0
        switch verdict {
        case .verified: covered = Adversary(table.setting, messageCount: table.messageCount).rawExecutions
        case .violated: (covered, outcomes) = (1, 1)
        case .unknown: break
        }
        var report = CheckReport(verdict: verdict, checker: .symbolic, mergedSymmetric: false,
                                 statesExplored: encoding.stateCount, rawExecutionsCovered: covered,
                                 rawExecutionsTotal: Adversary(table.setting, messageCount: table.messageCount).rawExecutions, rawExecutionsFailing: nil,
                                 distinctOutcomes: outcomes,
                                 seconds: clock.seconds)
        report.solverChecks = checks
        return report
    }
}

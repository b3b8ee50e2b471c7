import Checking
import Foundation
import Game
import SpecLanguage
import Utilities
import Z3Kit

/// Why there is no protocol, in a form anyone can re-check without search: a small set of
/// schedules (inputs, the faulty set, what the adversary did each round) such that no table
/// with the spec's `K` states (and `M` messages) satisfies the spec on all of them.
///
/// Building one (`certify`): start from the schedules a refuting search learned; if they alone
/// do not rule out every table (the search also pruned by exhaustive checks), continue
/// CEGIS-style — ask Z3 for a table that survives them, check it, learn its counterexample —
/// until they do; then shrink the set to an unsat core and drop schedules one at a time while
/// the rest stay unsat, so every schedule in the result is needed (unless cancellation cut the
/// dropping short: the result still refutes, it is only not minimal).
///
/// Checking one (`check`): encode the schedules again (`ScheduleConstraints`, with state and
/// message renaming broken as in CEGIS) and ask Z3; `unsat` proves that no protocol exists.
/// Soundness is `ScheduleConstraints`'s: every constraint holds for every correct table, so
/// `unsat` means none exists. The certificate is independent of the search that found it: it
/// names schedules only, which are replayed from scratch.
///
/// Cost: one schedule encoding per schedule (see `ScheduleConstraints`), then one incremental
/// Z3 check per schedule while minimizing; the CEGIS continuation adds one fast check per
/// candidate.
public struct Refutation: Codable, Sendable, Equatable {
    /// The file format's name and version.
    public var format = Refutation.formatName
    public static let formatName = "ggms-refutation/1"
    /// The setting refuted (states `K`, messages, rounds, fault model, …).
    public var setting: Setting
    /// Whether the refuted tables may read the round (one `next` slot per round).
    public var roundAware: Bool
    /// Schedules no table with `setting.states` states survives together.
    public var schedules: [Execution]

    public init(setting: Setting, roundAware: Bool, schedules: [Execution]) {
        self.setting = setting
        self.roundAware = roundAware
        self.schedules = schedules
    }

    /// What a certificate check found.
    public enum Answer: Sendable, Equatable {
        /// Z3 proved the schedules rule out every table: no protocol exists.
        case refutes
        /// Some table survives every schedule: the certificate does not refute.
        case doesNotRefute
        /// Z3 gave out (time limit, interruption).
        case unknown(String)
    }

    /// Whether the schedules rule out every table for `spec` (whose setting must be the
    /// certificate's). - Throws: `RefutationFailure.otherSetting` when the spec's setting (or
    /// round-awareness) is not the certificate's, `.invalidSchedule` when a schedule is not one
    /// the setting's adversary may choose (a bad certificate), `.solver` when Z3 fails.
    public func check(spec: Spec, deadline: ContinuousClock.Instant? = nil,
                      cancellation: CancellationToken? = nil) throws(RefutationFailure) -> Answer {
        guard setting == spec.setting, roundAware == spec.setting.roundAware else {
            throw .otherSetting
        }
        let encoding = try Self.encoding(spec: spec, roundAware: roundAware)
        let evaluator = try Self.evaluator(spec)
        for (index, schedule) in schedules.enumerated() {
            do { try Self.require(schedule, in: encoding, spec: spec, evaluator: evaluator, guardedBy: nil) } catch {
                if case .invalidSchedule(let why) = error { throw .invalidSchedule("schedule \(index + 1): \(why)") }
                throw error
            }
        }
        let solver = encoding.solver
        switch cancellation.whileRunning(onCancel: encoding.interrupter.interrupt, { solver.check(deadline: deadline) }) {
        case .unsat: return .refutes
        case .sat: return .doesNotRefute
        case .unknown(let reason): return .unknown(reason)
        }
    }

    /// A minimal certificate for `spec` from `learned` schedules (see the type's discussion),
    /// or nil when Z3 gave out or the deadline passed first.
    /// - Throws: `RefutationFailure.contradiction` when a table survives every schedule and
    ///   verifies (the caller's refutation was wrong: an engine bug), `.solver`/`.check` when Z3
    ///   or a check fails.
    public static func certify(spec: Spec, learned: [Execution], deadline: ContinuousClock.Instant? = nil,
                               cancellation: CancellationToken? = nil) throws(RefutationFailure) -> Refutation? {
        let roundAware = spec.setting.roundAware
        let encoding = try encoding(spec: spec, roundAware: roundAware)
        let evaluator = try evaluator(spec)
        var schedules: [Execution] = []
        var guards: [Z3AST] = []
        func add(_ schedule: Execution) throws(RefutationFailure) {
            guard !schedules.contains(schedule) else { return }
            let literal: Z3AST
            do { literal = try encoding.context.mkFreshConst(prefix: "schedule", sort: try encoding.context.boolSort()) } catch {
                throw .solver(reason: "\(error) (refutation)")
            }
            try require(schedule, in: encoding, spec: spec, evaluator: evaluator, guardedBy: literal)
            schedules.append(schedule)
            guards.append(literal)
        }
        for schedule in learned { try add(schedule) }
        let solver = encoding.solver
        func check(_ assumptions: [Z3AST]) -> Z3CheckResult {
            cancellation.whileRunning(onCancel: encoding.interrupter.interrupt) { solver.check(assumptions: assumptions, deadline: deadline) }
        }
        // Continue CEGIS until the schedules alone refute.
        while true {
            switch check(guards) {
            case .unknown: return nil
            case .unsat: break
            case .sat:
                guard let model = solver.model() else { throw .solver(reason: "Z3 answered sat without a model (refutation)") }
                let candidate: TransitionTable
                do { candidate = try encoding.table(from: model) } catch { throw .solver(reason: "\(error) (refutation)") }
                var options = CheckOptions(mode: .firstViolation)
                options.cancellation = cancellation
                let verdict: Verdict
                do { verdict = try FastChecker(table: candidate, spec: spec, evaluator: evaluator, options: options).check().verdict }
                catch { throw .check(error) }
                switch verdict {
                case .violated(let counterexample):
                    let before = schedules.count
                    try add(counterexample.execution)
                    if schedules.count == before { return nil }   // nothing new to learn: give up, never loop
                    continue
                case .verified:
                    throw .contradiction("a table survives every learned schedule and verifies, though the search refuted the spec")
                case .unknown:
                    return nil
                }
            }
            break
        }
        // Shrink to the core, then drop schedules one at a time while the rest stay unsat.
        var kept = Array(schedules.indices)
        if let core = solver.unsatCore() {
            let inCore = kept.filter { i in core.contains { $0.isSame(as: guards[i]) } }
            if case .unsat = check(inCore.map { guards[$0] }) { kept = inCore }
        }
        var i = 0
        while i < kept.count {
            if cancellation?.isCancelled == true { break }
            var without = kept
            without.remove(at: i)
            if case .unsat = check(without.map { guards[$0] }) { kept = without } else { i += 1 }
        }
        return Refutation(setting: spec.setting, roundAware: roundAware, schedules: kept.map { schedules[$0] })
    }

    /// The encoding every certificate is checked in: whole tables, renaming broken.
    static func encoding(spec: Spec, roundAware: Bool) throws(RefutationFailure) -> ScheduleConstraints {
        do { return try ScheduleConstraints(setting: spec.setting, roundAware: roundAware, breakSymmetry: true) } catch {
            throw .solver(reason: "\(error) (refutation)")
        }
    }

    static func evaluator(_ spec: Spec) throws(RefutationFailure) -> SpecEvaluator {
        do { return try SpecEvaluator(spec: spec) } catch { throw .solver(reason: "\(error) (refutation)") }
    }

    /// Requires the spec on `schedule`. The outcome it passes as "observed" comes from a table
    /// that is constantly 0: it fixes the inputs, `correct` and `lost`, which the schedule
    /// alone determines (its decisions matter only past `ScheduleConstraints.vectorLimit`, where
    /// one failing vector is excluded, which is sound for any table).
    static func require(_ schedule: Execution, in encoding: ScheduleConstraints, spec: Spec, evaluator: SpecEvaluator,
                        guardedBy literal: Z3AST?) throws(RefutationFailure) {
        var zero = encoding.emptyTable
        for v in zero.initial.indices { zero.initial[v] = 0 }
        for s in zero.send.indices { zero.send[s] = 0 }
        for s in zero.decision.indices { zero.decision[s] = 0 }
        for e in zero.next.indices { zero.next[e] = 0 }
        do { try Simulator.validate(schedule, for: zero.setting, messageCount: zero.messageCount) } catch {
            throw .invalidSchedule("\(error)")
        }
        let observed: Outcome
        do { observed = Simulator.outcome(zero, schedule, try Simulator.run(zero, schedule)) } catch {
            throw .invalidSchedule("it reaches an observation the setting does not have (\(error))")
        }
        do { _ = try encoding.require(schedule, observed: observed, evaluator: evaluator, guardedBy: literal) } catch {
            throw .solver(reason: "\(error) (refutation)")
        }
    }
}

/// Why a refutation could not be built or checked.
public enum RefutationFailure: Error, Sendable, CustomStringConvertible {
    /// A certificate's schedule is not one the setting's adversary may choose (bad input).
    case invalidSchedule(String)
    /// The certificate is for another setting than the spec's (bad input).
    case otherSetting
    /// A table verified though the spec was refuted (an engine bug).
    case contradiction(String)
    /// Z3 failed (an engine failure).
    case solver(reason: String)
    /// A check of a candidate failed (an engine failure).
    case check(CheckFailure)

    public var description: String {
        switch self {
        case .invalidSchedule(let why): return "invalid schedule: \(why)"
        case .otherSetting: return "the certificate is for another setting than the spec's"
        case .contradiction(let why): return why
        case .solver(let reason): return "Z3 failed: \(reason)"
        case .check(let failure): return "a check failed: \(failure)"
        }
    }
}

import Checking
import Compaction
import Foundation
import Game
import ProtocolLanguage
import SpecLanguage

/// A readability pass over a verified table. A search fills many entries with whatever first
/// worked (Z3's model, a sampled policy action), so the table can be correct yet arbitrary
/// where the choice did not matter, and its compact rules long. This pass moves every `next`
/// entry that some execution reads to `self` (the process keeps its state) whenever the table
/// still verifies, sweeping until nothing changes — so FloodSet-like protocols come out as
/// "adopt on hearing, otherwise keep", with few rules.
///
/// `simplerRules` then works on the compact rules themselves: it deletes a rule or drops one
/// conjunct of a guard whenever the protocol those rules describe still verifies, so a rule
/// that only patched up an arbitrary choice disappears and guards become as general as the
/// spec allows (which is what lets rules found at one `n` hold at larger `n`).
///
/// Soundness: a change is kept only if the exhaustive checker verifies the whole changed table,
/// so the result is verified exactly as the input was (and is re-verified by `Trust` after).
/// Cost: one exhaustive check (first violation) per reachable entry not already `self`, per
/// sweep; bounded by `maxChecks`, the deadline and the cancellation token.
///
/// Failures: a check that fails (a replay that disagrees with the checker, Z3 failing) is thrown
/// as `SearchFailure`, never taken for "does not verify".
public enum Simplification {
    /// Both passes, `towardsSelf` then `simplerRules`, sharing one evaluator (its cache of
    /// outcome verdicts) and the deadline; returns the table, the entries moved to `self` and
    /// whether the rules changed.
    /// - Precondition: `table` is complete and verified for `spec`.
    /// - Throws: `SearchFailure` when a check fails or Z3 cannot load the spec (engine failures).
    public static func simplify(_ table: TransitionTable, spec: Spec, deadline: ContinuousClock.Instant? = nil,
                                cancellation: CancellationToken? = nil) throws(SearchFailure)
        -> (table: TransitionTable, entriesMoved: Int, rulesChanged: Bool)
    {
        let evaluator = try evaluator(for: spec)
        var entries = Verifier(spec: spec, evaluator: evaluator, maxChecks: 4000, deadline: deadline, cancellation: cancellation)
        let simple = try towardsSelf(table, &entries)
        var rules = Verifier(spec: spec, evaluator: evaluator, maxChecks: 600, deadline: deadline, cancellation: cancellation)
        let shorter = try simplerRules(simple.table, &rules)
        return (shorter.table, simple.changed, shorter.changed)
    }

    /// The table with reachable entries moved to `self` where it still verifies, and how many
    /// entries changed.
    /// - Precondition: `table` is complete and verified for `spec`.
    /// - Throws: `SearchFailure` when a check fails or Z3 cannot load the spec (engine failures).
    public static func towardsSelf(_ table: TransitionTable, spec: Spec, maxChecks: Int = 4000,
                                   deadline: ContinuousClock.Instant? = nil,
                                   cancellation: CancellationToken? = nil) throws(SearchFailure) -> (table: TransitionTable, changed: Int) {
        var verifier = Verifier(spec: spec, evaluator: try evaluator(for: spec), maxChecks: maxChecks, deadline: deadline,
                                cancellation: cancellation)
        return try towardsSelf(table, &verifier)
    }

    /// Greedy rule-level simplification (see the type's discussion), on the compact rules of
    /// `table`; returns a table of the same shape and whether anything changed.
    /// - Precondition: `table` is complete and verified for `spec`.
    /// - Throws: `SearchFailure` when a check fails or Z3 cannot load the spec (engine failures).
    public static func simplerRules(_ table: TransitionTable, spec: Spec, maxChecks: Int = 600,
                                    deadline: ContinuousClock.Instant? = nil,
                                    cancellation: CancellationToken? = nil) throws(SearchFailure) -> (table: TransitionTable, changed: Bool) {
        var verifier = Verifier(spec: spec, evaluator: try evaluator(for: spec), maxChecks: maxChecks, deadline: deadline,
                                cancellation: cancellation)
        return try simplerRules(table, &verifier)
    }

    /// A fresh evaluator for `spec`, which Z3 has loaded before, so a failure is Z3's.
    private static func evaluator(for spec: Spec) throws(SearchFailure) -> SpecEvaluator {
        do { return try SpecEvaluator(spec: spec) } catch { throw .solver(reason: "\(error) (simplification)") }
    }

    /// Exhaustive checks within a budget (checks, deadline, cancellation).
    struct Verifier {
        let spec: Spec
        let evaluator: SpecEvaluator
        let maxChecks: Int
        let deadline: ContinuousClock.Instant?
        let cancellation: CancellationToken?
        private(set) var checks = 0

        init(spec: Spec, evaluator: SpecEvaluator, maxChecks: Int, deadline: ContinuousClock.Instant?,
             cancellation: CancellationToken?) {
            self.spec = spec
            self.evaluator = evaluator
            self.maxChecks = maxChecks
            self.deadline = deadline
            self.cancellation = cancellation
        }

        var outOfBudget: Bool {
            checks >= maxChecks || cancellation?.isCancelled == true || deadline.map { ContinuousClock.now >= $0 } == true
        }

        /// Larger n `reach` looks at.
        static let reachBound = 2

        /// How many consecutive larger n (spec's n + 1, …, up to `reachBound` more) `rules`
        /// verify at, by the fast checker; 0 when the spec cannot grow (a spec naming processes
        /// above n still grows) or the budget is out. Counted in `checks`.
        mutating func reach(_ rules: ProtocolDefinition) throws(SearchFailure) -> Int {
            var reached = 0
            for m in (spec.setting.processes + 1)...(spec.setting.processes + Self.reachBound) where !outOfBudget {
                guard let larger = larger(m), let table = try? TransitionTable.compile(rules, for: larger.spec.setting, file: "simplification")
                else { break }
                checks += 1
                var options = CheckOptions(mode: .firstViolation)
                options.cancellation = cancellation
                let report: CheckReport
                do { report = try FastChecker(table: table, spec: larger.spec, evaluator: larger.evaluator, options: options).check() } catch {
                    guard error.isInputError else { throw .check(error) }
                    break
                }
                guard report.verdict.isVerified else { break }
                reached += 1
            }
            return reached
        }

        /// The spec at `m` processes and its evaluator, made once per `m` (the evaluator's cache
        /// of outcome verdicts holds for every table); nil when the spec cannot grow to `m`.
        private var largerSpecs: [Int: (spec: Spec, evaluator: SpecEvaluator)?] = [:]

        private mutating func larger(_ m: Int) -> (spec: Spec, evaluator: SpecEvaluator)? {
            if let known = largerSpecs[m] { return known }
            let made = (try? spec.withProcesses(m)).flatMap { s in (try? SpecEvaluator(spec: s)).map { (s, $0) } }
            largerSpecs[m] = made
            return made
        }

        /// The report when `table` verifies (with the entries it read, if asked), else nil
        /// (violated, or undecided: Z3 gave up or the check was cancelled).
        /// - Throws: `SearchFailure.check` when the check fails.
        mutating func verified(_ table: TransitionTable, collectingReads: Bool) throws(SearchFailure) -> CheckReport? {
            checks += 1
            var options = CheckOptions()
            options.collectReads = collectingReads
            options.cancellation = cancellation
            let report: CheckReport
            do { report = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: options).check() }
            catch { throw .check(error) }
            return report.verdict.isVerified ? report : nil
        }
    }

    static func towardsSelf(_ table: TransitionTable, _ verifier: inout Verifier) throws(SearchFailure)
        -> (table: TransitionTable, changed: Int)
    {
        var current = table
        var changed = 0
        var sweeping = true
        while sweeping && !verifier.outOfBudget {
            sweeping = false
            guard let report = try verifier.verified(current, collectingReads: true) else { break }
            for e in report.readEntries.sorted() where !verifier.outOfBudget {
                let own = UInt8(current.informationSet(ofEntry: e).state)
                guard current.next[e] != own else { continue }
                var candidate = current
                candidate.next[e] = own
                if try verifier.verified(candidate, collectingReads: false) != nil {
                    current = candidate
                    changed += 1
                    sweeping = true
                }
            }
        }
        return (current, changed)
    }

    static func simplerRules(_ table: TransitionTable, _ verifier: inout Verifier) throws(SearchFailure)
        -> (table: TransitionTable, changed: Bool)
    {
        guard var report = try verifier.verified(table, collectingReads: true) else { return (table, false) }
        var current = table
        var changed = false
        while !verifier.outOfBudget {
            let rules = RuleCompaction.compact(current, reachable: report.readEntries.sorted(), name: nil)
            var improved = false
            // One edit, or else two (a rule often only becomes removable once another guard is
            // more general); simplest candidates first.
            let singles = variants(of: rules)
            var seen = Set(singles.map(\.rules))
            var pairs: [ProtocolDefinition] = []
            for single in singles {
                for double in variants(of: single) where seen.insert(double.rules).inserted { pairs.append(double) }
            }
            // The first verifying candidate wins, except that among verifying candidates of its
            // size the one whose rules verify at the most larger n (`reach`) is preferred.
            var best: (table: TransitionTable, report: CheckReport, size: Int, reach: Int)?
            for candidate in singles.sorted(by: { size($0) < size($1) }) + pairs.sorted(by: { size($0) < size($1) })
            where !verifier.outOfBudget {
                if let best, size(candidate) > best.size || best.reach == Verifier.reachBound { break }
                // Edited rules keep the table's `init`, `send` and `decide`, so they compile; one
                // that did not (or compiled to another alphabet) would be no candidate (skipped),
                // not a check failing.
                guard let compiled = try? TransitionTable.compile(candidate, for: verifier.spec.setting, file: "simplification"),
                      compiled.hasAlphabet == current.hasAlphabet, compiled.messageCount == current.messageCount else { continue }
                let reshaped = reshape(compiled, like: current)
                if reshaped != current, let next = try verifier.verified(reshaped, collectingReads: true) {
                    let reach = try verifier.reach(candidate)
                    if best == nil || reach > best!.reach { best = (reshaped, next, size(candidate), reach) }
                }
            }
            if let best {
                current = best.table
                report = best.report
                improved = true
                changed = true
            }
            if !improved { break }
        }
        return (current, changed)
    }

    /// Every protocol with one rule (not the last) deleted, then every one with one conjunct
    /// of one guard dropped.
    static func variants(of proto: ProtocolDefinition) -> [ProtocolDefinition] {
        var result: [ProtocolDefinition] = []
        for i in proto.rules.indices.dropLast() {
            var p = proto
            p.rules.remove(at: i)
            result.append(p)
        }
        for (i, rule) in proto.rules.enumerated() {
            guard let g = rule.guard else { continue }
            let parts = conjuncts(g)
            guard parts.count > 1 else { continue }
            for j in parts.indices {
                var rest = parts
                rest.remove(at: j)
                var p = proto
                p.rules[i].guard = rest.dropFirst().reduce(rest[0]) { .and($0, $1) }
                result.append(p)
            }
        }
        return result
    }

    /// Rules first, then conjuncts: what a reader has to take in.
    static func size(_ proto: ProtocolDefinition) -> Int {
        proto.rules.count * 100 + proto.rules.reduce(0) { $0 + ($1.guard.map { conjuncts($0).count } ?? 0) }
    }

    static func conjuncts(_ g: Guard) -> [Guard] {
        if case .and(let a, let b) = g { return conjuncts(a) + conjuncts(b) }
        return [g]
    }

    /// `compiled` as a table of `shape`'s shape (round-aware or not): `init`, `send` and
    /// `decide` are the compiled table's, and each `next` entry of the shape takes the compiled
    /// table's next state for its information set.
    /// - Precondition: both tables have the same message alphabet size (and both or neither
    ///   has an alphabet of its own), so their observations are the same.
    static func reshape(_ compiled: TransitionTable, like shape: TransitionTable) -> TransitionTable {
        var t = shape
        t.initial = compiled.initial
        t.decision = compiled.decision
        t.send = compiled.send
        for e in t.next.indices {
            let info = t.informationSet(ofEntry: e)
            if let target = compiled.nextState(round: info.round ?? 1, id: info.id ?? 0, state: info.state, observation: info.observation) {
                t.next[e] = UInt8(target)
            }
        }
        return t
    }
}

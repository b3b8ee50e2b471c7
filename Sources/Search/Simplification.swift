import Checking
import Compaction
import Foundation
import Game
import ProtocolLanguage
import SpecLanguage
import Utilities

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
    /// Both passes, `towardsSelf` then `simplerRules`, sharing evaluators (their caches of
    /// outcome verdicts) and the deadline; returns the table, the entries moved to `self` and
    /// whether the rules changed.
    ///
    /// With `threads` above 1 each pass checks its next candidates on that many threads at once,
    /// speculatively: the candidates are taken in the order one thread takes them, and the
    /// checks of those after the first that changes the table are thrown away, so the result —
    /// the table, the counts, the checks that count against the budget — is the one thread's,
    /// as long as no Z3 query runs out of its time bound (a bound in wall time, so it depends on
    /// the load; an undecided check counts as "does not verify") and neither the deadline nor a
    /// cancellation stops the pass.
    /// - Precondition: `table` is complete and verified for `spec`.
    /// - Throws: `SearchFailure` when a check fails or Z3 cannot load the spec (engine failures).
    public static func simplify(_ table: TransitionTable, spec: Spec, deadline: ContinuousClock.Instant? = nil,
                                threads: Int = 1, cancellation: CancellationToken? = nil) throws(SearchFailure)
        -> (table: TransitionTable, entriesMoved: Int, rulesChanged: Bool)
    {
        let evaluator = try evaluator(for: spec)
        var entries = Verifier(spec: spec, evaluator: evaluator, maxChecks: 4000, deadline: deadline, cancellation: cancellation,
                               threads: threads)
        let simple = try towardsSelf(table, &entries)
        var rules = Verifier(sharing: entries, maxChecks: 600)
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

    /// Exhaustive checks within a budget (checks, deadline, cancellation), one at a time or a
    /// batch at once on `threads` threads (`Parallel`, each with its own `Checks`). A batch's
    /// checks count against the budget only as its caller takes their answers (`count`), so
    /// speculative checks that are thrown away cost time, not budget.
    struct Verifier {
        let spec: Spec
        let maxChecks: Int
        let deadline: ContinuousClock.Instant?
        let cancellation: CancellationToken?
        let threads: Int
        private let pool: Pool<Checks, SearchFailure>
        private(set) var checks = 0

        init(spec: Spec, evaluator: SpecEvaluator, maxChecks: Int, deadline: ContinuousClock.Instant?,
             cancellation: CancellationToken?, threads: Int = 1) {
            self.spec = spec
            self.maxChecks = maxChecks
            self.deadline = deadline
            self.cancellation = cancellation
            self.threads = max(threads, 1)
            pool = Pool(Checks(spec: spec, evaluator: evaluator, cancellation: cancellation)) { () throws(SearchFailure) in
                Checks(spec: spec, evaluator: try Simplification.evaluator(for: spec), cancellation: cancellation)
            }
        }

        /// A verifier with `other`'s evaluators, deadline and threads and a budget of its own.
        init(sharing other: Verifier, maxChecks: Int) {
            spec = other.spec
            self.maxChecks = maxChecks
            deadline = other.deadline
            cancellation = other.cancellation
            threads = other.threads
            pool = other.pool
        }

        var outOfBudget: Bool {
            checks >= maxChecks || cancellation?.isCancelled == true || deadline.map { ContinuousClock.now >= $0 } == true
        }

        /// How many candidates to check at once: `threads`, but no more than the budget has
        /// checks left (at least 1).
        var batchSize: Int { max(1, min(threads, maxChecks - checks)) }

        /// Takes one check from the budget (an answer of a batch, as it is used).
        mutating func count() { checks += 1 }

        /// Larger n `reach` looks at.
        static let reachBound = 2

        /// How many consecutive larger n (spec's n + 1, …, up to `reachBound` more) `rules`
        /// verify at, by the fast checker; 0 when the spec cannot grow (a spec naming processes
        /// above n still grows) or the budget is out. Counted in `checks`.
        mutating func reach(_ rules: ProtocolDefinition) throws(SearchFailure) -> Int {
            let verdicts = try pool.with { $0.reach(rules) }.get()
            return taking(verdicts)
        }

        /// `reach` of a speculative `Checks.reach` answer: its checks counted now, as the
        /// budget allows.
        mutating func taking(_ verdicts: [Bool?]) -> Int {
            var reached = 0
            for verdict in verdicts where !outOfBudget {
                guard let verdict else { break }
                checks += 1
                guard verdict else { break }
                reached += 1
            }
            return reached
        }

        /// The report when `table` verifies (with the entries it read, if asked), else nil
        /// (violated, or undecided: Z3 gave up or the check was cancelled). Counted.
        /// - Throws: `SearchFailure.check` when the check fails.
        mutating func verified(_ table: TransitionTable, collectingReads: Bool) throws(SearchFailure) -> CheckReport? {
            checks += 1
            return try pool.with { $0.verified(table, collectingReads: collectingReads) }.get()
        }

        /// `work` on each item at once on `threads` threads, each with a `Checks` of its own;
        /// the answers in order, not counted (see `count`).
        func batch<Item: Sendable, Answer: Sendable>(_ items: [Item],
                                                     _ work: @escaping @Sendable (Checks, Item) -> Answer) throws(SearchFailure) -> [Answer] {
            let pool = pool
            let answers = Parallel.map(items.count, threads: threads) { i -> Result<Answer, SearchFailure> in
                Result { () throws(SearchFailure) -> Answer in try pool.with { work($0, items[i]) } }
            }
            return try answers.map { answer throws(SearchFailure) -> Answer in try answer.get() }
        }
    }

    /// One thread's checkers: an evaluator for the spec and, made once per larger n, the spec
    /// there and its evaluator (their caches of outcome verdicts hold for every table).
    final class Checks: @unchecked Sendable {
        let spec: Spec
        let evaluator: SpecEvaluator
        let cancellation: CancellationToken?
        private var largerSpecs: [Int: (spec: Spec, evaluator: SpecEvaluator)?] = [:]

        init(spec: Spec, evaluator: SpecEvaluator, cancellation: CancellationToken?) {
            self.spec = spec
            self.evaluator = evaluator
            self.cancellation = cancellation
        }

        /// The report when `table` verifies, else nil (see `Verifier.verified`).
        func verified(_ table: TransitionTable, collectingReads: Bool) -> Result<CheckReport?, SearchFailure> {
            var options = CheckOptions()
            options.collectReads = collectingReads
            options.cancellation = cancellation
            do throws(CheckFailure) {
                let report = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: options).check()
                return .success(report.verdict.isVerified ? report : nil)
            } catch {
                return .failure(.check(error))
            }
        }

        /// Whether `rules` verify at n + 1, n + 2, … (`Verifier.reachBound` of them), up to the
        /// first that does not: true or false per n checked, then nil where the spec cannot
        /// grow or the rules do not compile (no check). Budgets are the caller's (`taking`).
        func reach(_ rules: ProtocolDefinition) -> Result<[Bool?], SearchFailure> {
            var verdicts: [Bool?] = []
            for m in (spec.setting.processes + 1)...(spec.setting.processes + Verifier.reachBound) {
                guard let larger = larger(m), let table = try? TransitionTable.compile(rules, for: larger.spec.setting, file: "simplification")
                else {
                    verdicts.append(nil)
                    break
                }
                var options = CheckOptions(mode: .firstViolation)
                options.cancellation = cancellation
                let report: CheckReport
                do throws(CheckFailure) { report = try FastChecker(table: table, spec: larger.spec, evaluator: larger.evaluator, options: options).check() } catch {
                    guard error.isInputError else { return .failure(.check(error)) }
                    verdicts.append(false)
                    break
                }
                verdicts.append(report.verdict.isVerified)
                if !report.verdict.isVerified { break }
            }
            return .success(verdicts)
        }

        /// The spec at `m` processes and its evaluator; nil when the spec cannot grow to `m`.
        private func larger(_ m: Int) -> (spec: Spec, evaluator: SpecEvaluator)? {
            if let known = largerSpecs[m] { return known }
            let made = (try? spec.withProcesses(m)).flatMap { s in (try? SpecEvaluator(spec: s)).map { (s, $0) } }
            largerSpecs[m] = made
            return made
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
            var rest = report.readEntries.sorted()[...]
            // Entries in order, `threads` candidates at a time; the first that verifies is
            // taken and the entries after it are tried again on the changed table.
            while !rest.isEmpty && !verifier.outOfBudget {
                var batch: [(entry: Int, table: TransitionTable)] = []
                while let e = rest.first, batch.count < verifier.batchSize {
                    rest = rest.dropFirst()
                    let own = UInt8(current.informationSet(ofEntry: e).state)
                    guard current.next[e] != own else { continue }
                    var candidate = current
                    candidate.next[e] = own
                    batch.append((e, candidate))
                }
                let verdicts = try verifier.batch(batch.map(\.table)) { checks, table in
                    checks.verified(table, collectingReads: false).map { $0 != nil }
                }
                for (i, item) in batch.enumerated() {
                    guard !verifier.outOfBudget else { break }
                    verifier.count()
                    guard try verdicts[i].get() else { continue }
                    current = item.table
                    changed += 1
                    sweeping = true
                    rest = batch[(i + 1)...].map(\.entry) + rest
                    break
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
            guard let best = try bestCandidate(singles.sorted { size($0) < size($1) } + pairs.sorted { size($0) < size($1) },
                                               current: current, &verifier) else { break }
            current = best.table
            report = best.report
            changed = true
        }
        return (current, changed)
    }

    /// The candidate `simplerRules` takes from `candidates` (in order), or nil: checked
    /// `threads` at a time, then taken in order as one thread would, stopping where it stops.
    private static func bestCandidate(_ candidates: [ProtocolDefinition], current: TransitionTable, _ verifier: inout Verifier)
        throws(SearchFailure) -> (table: TransitionTable, report: CheckReport, size: Int, reach: Int)?
    {
        var best: (table: TransitionTable, report: CheckReport, size: Int, reach: Int)?
        var rest = candidates[...]
        while !rest.isEmpty && !verifier.outOfBudget {
            // The next candidates, up to `threads` that need a check. Edited rules keep the
            // table's `init`, `send` and `decide`, so they compile; one that did not (or
            // compiled to another alphabet) would be no candidate (skipped), not a check failing.
            var batch: [(rules: ProtocolDefinition, table: TransitionTable?)] = []
            var toCheck = 0
            while let candidate = rest.first, toCheck < verifier.batchSize {
                rest = rest.dropFirst()
                var table: TransitionTable?
                if let compiled = try? TransitionTable.compile(candidate, for: verifier.spec.setting, file: "simplification"),
                   compiled.hasAlphabet == current.hasAlphabet, compiled.messageCount == current.messageCount {
                    let reshaped = reshape(compiled, like: current)
                    if reshaped != current {
                        table = reshaped
                        toCheck += 1
                    }
                }
                batch.append((candidate, table))
            }
            let checked = batch.compactMap { $0.table == nil ? nil : $0 }
            let answers = try verifier.batch(checked.map { ($0.rules, $0.table!) }) {
                checks, item -> Result<(report: CheckReport, reach: [Bool?])?, SearchFailure> in
                checks.verified(item.1, collectingReads: true).flatMap { report in
                    guard let report else { return .success(nil) }
                    return checks.reach(item.0).map { (report, $0) }
                }
            }
            var next = 0
            for candidate in batch {
                guard !verifier.outOfBudget else { return best }
                if let best, size(candidate.rules) > best.size || best.reach == Verifier.reachBound { return best }
                guard let table = candidate.table else { continue }
                defer { next += 1 }
                verifier.count()
                guard let verified = try answers[next].get() else { continue }
                let reach = verifier.taking(verified.reach)
                if best == nil || reach > best!.reach { best = (table, verified.report, size(candidate.rules), reach) }
            }
        }
        return best
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

import Checking
import Compaction
import Diagnostics
import Foundation
import Game
import SpecLanguage
import Utilities

/// Why a synthesis run could not answer at all (as opposed to an inconclusive answer).
public enum SynthesisError: Error, CustomStringConvertible {
    /// The spec cannot be searched (too large a table, Z3 rejects it): the user's to fix.
    case input(Diagnostic)
    /// A bug in ggms: a found table that does not re-verify, rules that disagree with it, a
    /// checker failure on a table the search built.
    case engine(String)

    public var description: String {
        switch self {
        case .input(let d): return d.description
        case .engine(let what): return what
        }
    }
}

/// Entry point for every strategy: the tree search (`Synthesizer`: ggms, mcts, mcts-dfs, dfs) or
/// a baseline (`CEGISSynthesizer`, `RandomSynthesizer`), and the whole pipeline after it. With
/// `options.jobs` above 1 (and no `options.cube`) it runs on that many threads, on the whole
/// space and on cubes (`CubeRunner`: beside `ggms`, `cegis` on the cubes); the pipeline after it
/// is the same.
public enum Synthesis {
    /// Runs `options.strategy` on `spec` and, when a protocol is found, finishes it: completes
    /// the table, names its states after their decisions where unambiguous, simplifies it towards `self` while it still verifies (unless
    /// `options.simplify` is off; `Simplification`), re-verifies it from scratch (`Trust`),
    /// compacts it into rules checked equivalent on every reachable entry, and checks the rules
    /// at larger n up to `options.generalizationBound`. When none exists and
    /// `options.certificateSeconds` > 0, it builds a refutation certificate (`Refutation`),
    /// outside `stats.totalSeconds`. Every front end gets the same answer.
    ///
    /// Time: `options.timeLimit` is a deadline inside every check (explicit and Z3), not only
    /// between search steps: the run's cancellation token is cancelled when it passes. The
    /// re-verification and the generalization of a found protocol are outside the limit (a
    /// found answer is not thrown away); Ctrl-C (`options.cancellation`) cuts the
    /// generalization short but not the re-verification. A re-verification on which Z3 gives
    /// out makes the run inconclusive; one that finds a violation is an engine failure.
    ///
    /// Soundness: `.found` only with a table that both an exhaustive check in the search and
    /// `Trust.confirm` verified.
    /// - Throws: `SynthesisError.input` when the setting is too large for a table or Z3 rejects
    ///   the spec; `.engine` for a bug (a found table that does not re-verify).
    public static func run(spec: Spec, options: SynthesisOptions) throws(SynthesisError) -> SynthesisResult {
        do { try requireTableFits(spec) } catch { throw .input(error) }
        let clock = Stopwatch()
        // A limit past any run (over 10^9 s, ~31 years) is no deadline, not an overflow.
        let deadline = options.timeLimit.flatMap { $0 < 1e9 ? ContinuousClock.now + .milliseconds(Int(($0 * 1000).rounded(.down))) : nil }
        var result = try CancellationToken.scoped(parent: options.cancellation, deadline: deadline) {
            token throws(SynthesisError) -> SynthesisResult in
            var inner = options
            inner.cancellation = token
            var result = options.jobs > 1 && options.cube == nil
                ? try CubeRunner.run(spec: spec, options: inner)
                : try search(spec: spec, options: inner)
            if case .inconclusive = result.outcome, let stop = stopReason(inner, elapsed: clock.seconds) {
                result.outcome = stop
            }
            if case .found = result.outcome, let table = result.table {
                result.table = namedAfterDecisions(Trust.completed(table))
                if options.simplify {
                    let simple: (table: TransitionTable, entriesMoved: Int, rulesChanged: Bool)
                    do { simple = try Simplification.simplify(result.table!, spec: spec, threads: options.jobs,
                                                                     cancellation: token) } catch {
                        throw .engine("\(error)")
                    }
                    result.table = simple.table
                    result.stats.simplifiedEntries = simple.entriesMoved + (simple.rulesChanged ? 1 : 0)
                    result.stats.simplifySeconds = max(clock.seconds - result.stats.totalSeconds, 0)
                }
            }
            return result
        }
        if case .found = result.outcome {
            try finish(&result, spec: spec, options: options)
        }
        result.stats.totalSeconds = clock.seconds
        // After the clock: the certificate is extra work, not part of the answer's time.
        // Not for a run on one cube: "no protocol in this cube" is no refutation of the spec.
        if case .unrealizable = result.outcome, options.certificateSeconds > 0, options.cube == nil {
            result.refutation = try certificate(spec: spec, learned: result.learnedSchedules, options: options)
        }
        return result
    }

    /// `table` with its states renumbered and named after what they decide where that is
    /// unambiguous (`TransitionTable.decisionOrder`): the state that alone decides 1 is
    /// called `1`. A renaming, so the table verifies exactly when the original does.
    static func namedAfterDecisions(_ table: TransitionTable) -> TransitionTable {
        var renamed = table.renamingStates(table.decisionOrder)
        renamed.stateNames = (0..<table.stateCount).map(String.init)
        return renamed
    }

    /// The strategy alone on `options.cube` (or the whole space), on this thread: no
    /// simplification, re-verification or compaction (`run` adds them).
    static func search(spec: Spec, options: SynthesisOptions) throws(SynthesisError) -> SynthesisResult {
        do {
            switch options.strategy {
            case .cegis: return try CEGISSynthesizer(spec: spec, options: options).search()
            case .random: return try RandomSynthesizer(spec: spec, options: options).search()
            case .ggms, .mcts, .mctsDFS, .dfs: return try Synthesizer(spec: spec, options: options).run()
            }
        } catch let failure as SearchFailure {
            throw .engine(failure.description)
        } catch let diagnostic as Diagnostic {
            throw diagnostic.kind == .internalError ? .engine(diagnostic.description) : .input(diagnostic)
        } catch {
            throw .engine("\(error)")
        }
    }

    /// Re-verifies, compacts and generalizes a found table (see `run`).
    static func finish(_ result: inout SynthesisResult, spec: Spec, options: SynthesisOptions) throws(SynthesisError) {
        guard let table = result.table else { throw .engine("the search reported found without a table") }
        let trust: TrustReport
        // Not cancellable: a found protocol is re-verified even after Ctrl-C or the time limit
        // stopped the search or its simplification (a second Ctrl-C quits the process).
        do { trust = try Trust.confirm(table, spec: spec, solverTimeoutMilliseconds: options.solverTimeout,
                                                 threads: options.jobs) } catch {
            throw .engine("re-verification of the found table failed: \(error)")
        }
        guard Trust.passed(trust) else {
            if trust.undecided {
                // Z3 gave out on the re-check: no evidence against the table, but no proof.
                result.outcome = .inconclusive(reason: "the search verified a table, but Z3 could not decide every outcome when it was re-verified (--solver-timeout)")
                result.best = BestTableCounts(failing: 0, unset: 0, undecided: trust.rawExecutions, total: trust.rawExecutions)
                return
            }
            throw .engine("the synthesized table did not pass re-verification (fast: \(trust.fastVerified), brute force: \(String(describing: trust.bruteVerified)))")
        }
        result.verification = trust
        let rules = RuleCompaction.compact(table, reachable: trust.reachableEntries, name: nil)
        guard RuleCompaction.equivalent(rules, to: table, on: trust.reachableEntries) else {
            throw .engine("the compact rules disagree with the found table")
        }
        result.rules = rules
        let bound = options.generalizationBound ?? min(spec.setting.processes + 3, Setting.maxProcesses)
        let (generalization, everyN) = try generalize(rules, spec: spec, bound: bound, options: options)
        result.generalization = generalization
        result.everyN = everyN
    }

    /// A minimal refutation certificate, re-checked from scratch once built; nil when Z3 gave
    /// out or the time ran out (the refutation itself stands: the certificate is extra).
    /// - Throws: `.engine` when a table verifies after all (a wrong refutation) or Z3 fails.
    static func certificate(spec: Spec, learned: [Execution], options: SynthesisOptions) throws(SynthesisError) -> Refutation? {
        // Building gets the budget (checks and Z3 alike, through a token that the deadline
        // cancels); the final re-check gets a budget of its own, so a certificate that was
        // minimized is not lost to a re-check left without time.
        func deadline() -> ContinuousClock.Instant? {
            options.certificateSeconds < 1e9 ? ContinuousClock.now + .milliseconds(Int(options.certificateSeconds * 1000)) : nil
        }
        do {
            let built = try CancellationToken.scoped(parent: options.cancellation, deadline: deadline()) { token in
                try Refutation.certify(spec: spec, learned: learned, deadline: nil, cancellation: token)
            }
            guard let refutation = built else { return nil }
            let recheck = deadline()
            let answer = try CancellationToken.scoped(parent: options.cancellation, deadline: recheck) { token in
                try refutation.check(spec: spec, deadline: recheck, cancellation: token)
            }
            switch answer {
            case .refutes: return refutation
            case .unknown: return nil
            case .doesNotRefute: throw SynthesisError.engine("a minimized refutation certificate does not refute when checked again")
            }
        } catch let error as SynthesisError {
            throw error
        } catch {
            throw .engine("building the refutation certificate: \(error)")
        }
    }

    /// The inconclusive outcome for a run that must stop now, or nil to go on: the run's token
    /// was cancelled (its reason says by whom), or the time limit has passed.
    static func stopReason(_ options: SynthesisOptions, elapsed: Double) -> SynthesisOutcome? {
        if let token = options.cancellation, token.isCancelled {
            return token.reason == .deadline ? timeUp(options) : .inconclusive(reason: "interrupted")
        }
        if let limit = options.timeLimit, elapsed >= limit { return timeUp(options) }
        return nil
    }

    static func timeUp(_ options: SynthesisOptions) -> SynthesisOutcome {
        .inconclusive(reason: "time limit of \(options.timeLimit.map { "\($0)" } ?? "?") s reached")
    }

    /// - Throws: `Diagnostic` (bad input) when the setting's table cannot be held
    ///   (`n^states > ObservationSpace.maxRadixSize`; with `:messages M` the observations count
    ///   messages, so `n^M`; under `:identities` the observations name each sender, so
    ///   `(M+1)^(n-1)`, and `n` is at most `SenderObservation.maxProcesses`), located at the
    ///   spec's `:states` (or `:messages`) value with a note at `:processes`.
    public static func requireTableFits(_ spec: Spec) throws(Diagnostic) {
        let s = spec.setting
        let counted = s.messages ?? s.states
        let attribute = s.messages == nil ? "states" : "messages"
        let kind: ObservationSpace.Kind = s.identities ? .bySender : .counted
        guard !ObservationSpace.fits(processes: s.processes, stateCount: counted, kind: kind) else { return }
        let most = (1...counted).last { ObservationSpace.fits(processes: s.processes, stateCount: $0, kind: kind) } ?? 0
        let size = s.identities ? "(\(attribute)+1)^(n-1)" : "n^\(attribute)"
        let indexed = s.identities ? "by what each of the other n-1 processes sent" : "by n^\(attribute)"
        var message = "':\(attribute)' is \(counted), too many for synthesis at n = \(s.processes) "
            + "(the table's observations are indexed \(indexed)); expected \(size) <= \(ObservationSpace.maxRadixSize)"
        if s.identities && s.processes > SenderObservation.maxProcesses {
            message += " and n <= \(SenderObservation.maxProcesses) under ':identities'"
        } else {
            message += ", here at most \(most) \(attribute)"
        }
        var diagnostic = spec.attributeLocation(attribute).map { Diagnostic(.badInput, at: $0, message: message) }
            ?? Diagnostic(.badInput, file: spec.file, message: message)
        if let processes = spec.attributeLocation("processes") {
            diagnostic.notes.append(.init(at: processes, "n = \(s.processes) is set here"))
        }
        throw diagnostic
    }
}

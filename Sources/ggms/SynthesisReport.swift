import ArgumentParser
import BLASKit
import Bench
import Checking
import Compaction
import Diagnostics
import Foundation
import Game
import ProtocolLanguage
import Records
import Search
import SpecLanguage
import Utilities
import Z3Kit

/// Renders a finished synthesis result (already re-verified, compacted and generalized by
/// `Synthesis.run`): the verified protocol as compact rules (or the full table), the trust
/// checks, how far the rules generalize in n, and the run record. It computes nothing itself.
struct SynthesisReport {
    var text: String
    /// Contents of the `.protocol` file (found only).
    var fileText: String?
    var record: RunRecord

    /// `n=3 f=1 R=2`, followed by the fault model unless it is crash and the losses unless 0
    /// (`n=3 f=1 R=2 byzantine losses=1`).
    static func parameters(_ s: Setting) -> String {
        "n=\(s.processes) f=\(s.crashes) R=\(s.rounds)" + (s.faults == .crash ? "" : " \(s.faults.name)")
            + (s.losses == 0 ? "" : " losses=\(s.losses)")
    }

    /// What the search was given to use: `4 states`, or `4 states and 2 messages` under `:messages`.
    static func what(_ s: Setting) -> String {
        plural(s.states, "state") + (s.messages.map { " and " + plural($0, "message") } ?? "")
    }

    static func make(spec: Spec, specFile: String, options: SynthesisOptions, result: SynthesisResult,
                     fullTable: Bool) throws -> SynthesisReport {
        let s = spec.setting
        var record = RunRecord(spec: spec, specFile: specFile, options: options, result: result)
        var lines: [String] = []
        let header = "spec \(specFile) (\(parameters(s)), \(what(s))\(s.roundAware ? ", round-aware" : "")\(s.earlyDecision ? ", early decision" : ""))"
        let note = expectationNote(spec, result.outcome)
        switch result.outcome {
        case .found:
            guard let table = result.table, let trust = result.verification, var rules = result.rules else {
                throw internalFailure("found without a re-verified table and its rules")
            }
            let comments = [
                "synthesized by ggms \(GGMSVersion.current) from \(specFile)",
                "strategy \(options.strategy.rawValue)\(foundBy(result, options)), seed \(options.seed), \(String(format: "%.2f", result.stats.totalSeconds)) s",
                "verified for every execution: \(parameters(s)) (fast checker\(trust.bruteVerified == true ? " and brute force" : ""))",
            ]
            let name = ((specFile as NSString).lastPathComponent as NSString).deletingPathExtension
            rules.name = name
            rules.comments = comments
            let shown = fullTable ? RuleCompaction.explicit(table, reachable: trust.reachableEntries, name: name, comments: comments) : rules
            record.protocolText = shown.printed()
            lines.append("found: a protocol verified for every execution of \(header)")
            if let note { lines.append(note) }
            lines.append("checked again by the fast checker\(trust.bruteVerified == true ? " and the brute-force reference" : " (brute force skipped: \(formatCount(trust.rawExecutions)) raw executions)")")
            lines.append("")
            lines.append(shown.printed().replacingTrailingNewline())
            lines.append("")
            if let generalization = result.generalization {
                let stop = generalization.failsAt.map { "they fail at n = \($0)" }
                    ?? generalization.undecidedAt.map { "Z3 could not decide every outcome at n = \($0)" }
                if let first = generalization.verified.first, let last = generalization.verified.last {
                    let range = first == last ? "n = \(first)" : "n = \(first)...\(last)"
                    lines.append("the compact rules also verify at \(range) (same \(s.faults == .crash && s.losses == 0 ? "f and R" : "f, R, fault model and losses"))\(stop.map { "; \($0)" } ?? "")")
                } else if let failsAt = generalization.failsAt {
                    lines.append("the compact rules fail at n = \(failsAt)")
                } else if let undecidedAt = generalization.undecidedAt {
                    lines.append("Z3 could not decide every outcome of the compact rules at n = \(undecidedAt)")
                }
            }
            if let everyN = result.everyN { lines.append(everyNLine(everyN)) }
            return SynthesisReport(text: (lines + [stats(result, options.strategy)] + cubeLines(result, options)).joined(separator: "\n"), fileText: record.protocolText, record: record)
        case .unrealizable:
            let inCube = options.cube.map { " in cube \($0.index) of \($0.count)" } ?? ""
            lines.append("no protocol with \(what(s)) in \(plural(s.rounds, "round"))\(inCube) for \(header)")
            if let note { lines.append(note) }
            if let schedule = result.specFailsRegardless {
                lines.append("the spec itself cannot hold in this game: on this schedule it fails whatever the processes decide, so no protocol with any number of states satisfies it")
                lines.append("  \(scheduleText(schedule))")
            }
            if let refutation = result.refutation {
                let count = refutation.schedules.count
                lines.append("why: no protocol with \(what(s)) satisfies the spec on \(count == 1 ? "this execution" : "all of these \(plural(count, "execution"))") (a certificate, checked again by Z3; the run record keeps it, and `ggms check-refutation SPEC RECORD` re-checks it without search)")
                for (i, schedule) in refutation.schedules.prefix(Self.maxShownExecutions).enumerated() {
                    lines.append(ScheduleText.render(schedule, setting: s, index: i + 1).split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
                }
                if count > Self.maxShownExecutions { lines.append("  and \(plural(count - Self.maxShownExecutions, "more execution")) (in the run record)") }
            } else if options.certificateSeconds > 0, options.cube == nil {
                lines.append("why: no certificate could be built within \(String(format: "%g", options.certificateSeconds)) s (the refutation above stands)")
            }
            let byCompanion = otherStrategy(result, options, gave: "unrealizable") != nil
            if options.strategy == .cegis {
                lines.append("Z3 found no table of the about 10^\(String(format: "%.1f", result.log10Tables)) that satisfies the spec on the \(plural(result.stats.conflicts, "counterexample execution")) collected (unsat)")
            } else if let strategy = otherStrategyRefutedEveryCube(result, options) {
                let cubes = plural(result.cubeCount ?? 0, "cube")
                if CubeRunner.companionSweeps(options, wholeSpace: true) {
                    lines.append("the \(strategy) thread's Z3 found no table in any of the \(cubes) that satisfies the spec on the counterexample executions its search of that cube learned (unsat in each)")
                } else {
                    lines.append("the \(strategy) searches' Z3 found no table in any of the \(cubes) (or the pieces they were re-split into) that satisfies the spec on the counterexample executions each cube's search learned and took from the others (unsat in each)")
                }
            } else if byCompanion {
                // Its Z3 problem excluded what the others had refuted (shared nogoods).
                let cubes = refutedCubeRuns(result).count
                let outside = cubes > 0 ? "outside the \(plural(cubes, "refuted cube")) and the small conflicts the other searches shared" : "outside the small conflicts the other searches shared"
                lines.append("the cegis thread's Z3 found no table of the about 10^\(String(format: "%.1f", result.log10Tables)), \(outside), that satisfies the spec on the counterexample executions it learned and took from the other searches (unsat)")
            } else {
                let symbolic = result.stats.solverChecks > 0 ? ", \(formatCount(result.stats.symbolicConflicts)) by Z3 over the learned counterexample schedules" : ""
                lines.append("the search space of about 10^\(String(format: "%.1f", result.log10Tables)) tables was exhausted (state\(s.messages == nil ? "" : " and message") renaming factored out): \(plural(result.stats.conflicts, "conflict")) from exhaustive checks and \(formatCount(result.stats.poolConflicts)) from pooled counterexamples pruned it\(symbolic), with \(plural(result.stats.backjumps, "backjump"))")
            }
        case .inconclusive(let reason):
            lines.append("inconclusive: \(reason) — \(header)")
            if let best = result.table, let counts = result.best {
                lines.append("best table so far (not verified, kept in the run record): \(describe(counts))")
                record.protocolText = RuleCompaction.explicit(Trust.completed(best), reachable: Array(best.next.indices), name: "best-so-far", comments: ["not verified: \(describe(counts))",
                                                                                                                                   "entries the table leaves unset are printed as -> self (and decide 0, init 0)"]).printed()
            } else {
                lines.append("no table was scored before the run stopped")
            }
        }
        return SynthesisReport(text: (lines + [stats(result, options.strategy)] + cubeLines(result, options)).joined(separator: "\n"), fileText: nil, record: record)
    }

    /// Executions of a certificate printed; the rest are in the run record.
    static let maxShownExecutions = 8

    /// A schedule as one line of JSON (the shape of a counterexample's schedule).
    static func scheduleText(_ schedule: Execution) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(schedule)).flatMap { String(data: $0, encoding: .utf8) } ?? "\(schedule)"
    }

    /// A line saying that a definite answer contradicts the spec's `:expect`, or nil.
    static func expectationNote(_ spec: Spec, _ outcome: SynthesisOutcome) -> String? {
        let where_ = spec.attributeLocation("expect").map { " (\($0.file):\($0.line))" } ?? ""
        switch (outcome, spec.expect) {
        case (.found, .unrealizable?):
            return "note: this contradicts the spec's :expect unrealizable\(where_): the protocol below was verified for every execution, so the expectation is wrong"
        case (.unrealizable, .realizable?):
            return "note: this contradicts the spec's :expect realizable\(where_): no protocol exists with these states and rounds"
        default: return nil
        }
    }

    /// The every-n line: "the compact rules verify for every n >= N", or why not.
    static func everyNLine(_ e: EveryNSummary) -> String {
        let time = "\(BenchFormat.seconds(e.seconds ?? 0)) s"  // only the verified and violated lines, which ran a check
        switch e.kind {
        case .verified:
            return "the compact rules verify for every n >= \(e.from) (every-n check: one Z3 query over counts, \(time))"
        case .violated:
            return "every-n check: the compact rules fail at n = \(e.violatedAt ?? 0) (replayed there; \(time))"
        case .inconclusive:
            return "every-n check inconclusive: \(e.reason ?? "no reason given") (not a proof for every n)"
        case .notApplicable:
            return "every-n check not applicable: \(e.reason ?? "no reason given")"
        }
    }

    /// The best table's counts in words, exact while they are integers below 2^53.
    static func describe(_ c: BestTableCounts) -> String {
        var parts = ["fails on \(formatCount(c.failing)) of \(formatCount(c.total)) raw executions"]
        if c.unset > 0 { parts.append("\(formatCount(c.unset)) reach an entry it leaves unset") }
        if c.undecided > 0 { parts.append("Z3 could not decide \(formatCount(c.undecided))") }
        return parts.joined(separator: "; ")
    }

    static func stats(_ r: SynthesisResult, _ strategy: SynthesisOptions.Strategy) -> String {
        let line = statsLine(r, strategy)
        guard r.stats.simplifiedEntries > 0 || r.stats.simplifySeconds > 0 else { return line }
        return line + "; simplifying the found table took \(String(format: "%.2f", r.stats.simplifySeconds)) s of that"
    }

    private static func statsLine(_ r: SynthesisResult, _ strategy: SynthesisOptions.Strategy) -> String {
        let s = r.stats
        let time = String(format: "%.2f", s.totalSeconds)
        switch strategy {
        case .cegis:
            return "search: \(plural(s.iterations, "candidate")) from Z3, \(plural(s.checkerCalls, "exhaustive check")), \(plural(s.conflicts, "counterexample execution")) added as constraints; \(time) s (checker \(String(format: "%.2f", s.checkerSeconds)) s, Z3 \(String(format: "%.2f", s.solverSeconds)) s)"
        case .random:
            return "search: \(plural(s.iterations, "random table")), \(plural(s.checkerCalls, "exhaustive check")); \(time) s (checker \(String(format: "%.2f", s.checkerSeconds)) s)"
        case .ggms where s.solverChecks > 0:
            return "search: \(counts(s, solver: true)); \(time) s (checker \(String(format: "%.2f", s.checkerSeconds)) s, Z3 \(String(format: "%.2f", s.solverSeconds)) s, encoder \(String(format: "%.2f", s.encoderSeconds)) s)"
        default:
            break
        }
        return "search: \(counts(s, solver: false)); \(String(format: "%.2f", s.totalSeconds)) s (checker \(String(format: "%.2f", s.checkerSeconds)) s, encoder \(String(format: "%.2f", s.encoderSeconds)) s)"
    }

    /// The ggms search's counters in words: `12 iterations, 3 exhaustive checks, …, 0 training steps`.
    private static func counts(_ s: SynthesisStats, solver: Bool) -> String {
        var parts = [plural(s.iterations, "iteration"), plural(s.checkerCalls, "exhaustive check")]
        if solver {
            parts.append("\(plural(s.solverChecks, "Z3 check")) over learned schedules (\(formatCount(s.symbolicConflicts)) refuted a node)")
        }
        parts += [plural(s.poolRejections + s.poolConflicts, "pool hit"), plural(s.conflicts, "conflict"), plural(s.freezes, "freeze"),
                  plural(s.restarts, "restart"), plural(s.backtracks, "backtrack"), plural(s.backjumps, "backjump"),
                  plural(s.trainingSteps, "training step")]
        return parts.joined(separator: ", ")
    }

    /// ` (found by its cegis thread)` when the protocol came from a whole-space search of another
    /// strategy than the run's, ` (found by cegis in cube I)` when from a cube's search of
    /// another strategy (`--jobs` beside `ggms`: the companion's sweep or a cube thread); empty
    /// otherwise.
    static func foundBy(_ result: SynthesisResult, _ options: SynthesisOptions) -> String {
        guard let strategy = otherStrategy(result, options, gave: "found") else { return "" }
        if let cube = result.cubeRuns?.first(where: { $0.outcome == SynthesisOutcome.found.name })?.index, cube != CubeAnswer.wholeSpace {
            return " (found by \(strategy) in cube \(cube))"
        }
        return " (found by its \(strategy) thread)"
    }

    /// The strategy of the search whose run gave `outcome` (`SynthesisOutcome.name`) — a
    /// whole-space search, or for a protocol also a cube's search — when it is not the run's own
    /// (beside ggms under `--jobs`: the cegis companion, its sweep, the cegis cube searches); nil
    /// otherwise.
    static func otherStrategy(_ result: SynthesisResult, _ options: SynthesisOptions, gave outcome: String) -> String? {
        let found = SynthesisOutcome.found.name
        guard let run = result.cubeRuns?.first(where: { $0.outcome == outcome && (outcome == found || $0.index == CubeAnswer.wholeSpace) }),
              let strategy = run.strategy, strategy != options.strategy.rawValue else { return nil }
        return strategy
    }

    /// The runs of `--jobs` that refuted a cube (not the whole space).
    static func refutedCubeRuns(_ result: SynthesisResult) -> [CubeAnswer.Run] {
        (result.cubeRuns ?? []).filter { $0.outcome == "unrealizable" && $0.index != CubeAnswer.wholeSpace }
    }

    /// The strategy that refuted every cube of the run (and no whole-space search refuted the
    /// space) when it is another than the run's — the companion's sweep, or the cube threads
    /// beside `ggms` (`CubeRunner.cubeStrategy`); nil otherwise.
    static func otherStrategyRefutedEveryCube(_ result: SynthesisResult, _ options: SynthesisOptions) -> String? {
        guard let runs = result.cubeRuns, let count = result.cubeCount, count > 0,
              !runs.contains(where: { $0.outcome == "unrealizable" && $0.index == CubeAnswer.wholeSpace }) else { return nil }
        let refuted = refutedCubeRuns(result)
        guard Set(refuted.map(\.index)).count == count, let strategy = refuted.first?.strategy,
              strategy != options.strategy.rawValue, refuted.allSatisfy({ $0.strategy == strategy }) else { return nil }
        return strategy
    }

    /// A run on cubes (`--jobs` above 1, docs/cubes.md): threads, cubes, and how many each answer
    /// settled; a run on one cube file: which cube.
    static func cubeLines(_ result: SynthesisResult, _ options: SynthesisOptions) -> [String] {
        if let cube = options.cube { return ["cube \(cube.index) of \(formatCount(cube.count)) (\(plural(cube.fixed.count, "entry", "entries")) fixed)"] }
        guard let count = result.cubeCount, let runs = result.cubeRuns else { return [] }
        let refuted = refutedCubeRuns(result).count
        let by = { (run: CubeAnswer.Run) in run.strategy == SynthesisOptions.Strategy.cegis.rawValue && options.strategy != .cegis ? " (cegis)" : "" }
        let found = runs.first { $0.outcome == "found" }.map {
            $0.index == CubeAnswer.wholeSpace ? ", found by the search of the whole space\(by($0))" : ", found in cube \($0.index)\(by($0))"
        } ?? ""
        let whole = runs.first { $0.outcome == "unrealizable" && $0.index == CubeAnswer.wholeSpace }.map { ", the whole space refuted\(by($0))" } ?? ""
        let settled = "(\(formatCount(refuted)) refuted\(whole)\(found))"
        let seconds = String(format: "%g", options.cubeSeconds)
        guard let companion = CubeRunner.companion(of: options, wholeSpace: true) else {
            return ["threads: 1 searching the whole space, \(options.jobs - 1) on \(plural(count, "cube")) \(settled)"]
        }
        if CubeRunner.companionTakesCubes(options) {
            return ["threads: 1 searching the whole space, 1 with \(companion.rawValue) on it for up to \(seconds) s, then on \(plural(count, "cube")) \(settled)"]
        }
        let sweeps = CubeRunner.companionSweeps(options, wholeSpace: true)
        let sweep = sweeps ? ", then \(plural(count, "cube")) for up to \(String(format: "%g", CubeRunner.sweepSeconds(options))) s each" : ""
        let both = "threads: 1 searching the whole space, 1 with \(companion.rawValue) on it (near the last candidate for up to \(seconds) s\(sweep), then spread)"
        let cubeThreads = CubeRunner.cubeWorkers(options, wholeSpace: true)
        // No cube threads: the companion sweeps the cubes.
        if cubeThreads == 0 { return ["\(both) \(settled)"] }
        let cubeStrategy = CubeRunner.cubeStrategy(of: options, wholeSpace: true)
        let on = cubeStrategy == options.strategy ? "on" : "with \(cubeStrategy.rawValue) on"
        return ["\(both), \(cubeThreads) \(on) \(plural(count, "cube")) \(settled)"]
    }
}

extension String {
    func replacingTrailingNewline() -> String { hasSuffix("\n") ? String(dropLast()) : self }

}

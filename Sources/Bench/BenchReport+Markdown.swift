import Foundation
import Utilities

extension BenchReport {
    /// bench.md: how the bench ran; soundness bugs and harness errors, if any; one table per
    /// family (spec × strategy: success rate, median and p90 time to success, median checker
    /// calls and backtracks, fastest median per spec in bold); the consensus lower-bound table
    /// (R = f against R = f+1); and one summary line per strategy.
    public func markdown() -> String {
        var lines = header()
        lines += problems()
        lines += resultTables()
        lines += lowerBoundTable()
        lines += summary()
        return lines.joined(separator: "\n") + "\n"
    }

    private func header() -> [String] {
        let deterministic = strategies.filter(\.isDeterministic).map { "`\($0.rawValue)`" }
        let incomplete = strategies.filter { !$0.isComplete }.map { "`\($0.rawValue)`" }
        var seedText = seeds == 1 ? "seed 1" : "seeds 1…\(seeds)"
        if !deterministic.isEmpty {
            seedText += " (\(deterministic.joined(separator: " and ")) \(deterministic.count == 1 ? "is" : "are") deterministic"
                + (seeds == 1 ? ")" : ": seed 1 only)")
        }
        var lines = [
            "# Synthesis benchmark: `\(suite)`",
            "",
            "Command: `\(command)`  ",
            "Machine: \(machine). Date: \(date). Build: \(build == "release" ? "release" : "**\(build)** (times are not representative; use a release build)").  ",
            "Time limit \(BenchFormat.plain(timeLimit)) s per run; \(seedText); "
                + (sweepDirectory.map { "one Slurm array task per run (`ggms bench --slurm`), read back from `\($0)`.  " }
                    ?? "up to \(plural(jobs, "run")) at once.  "),
            "Suite: \(plural(specs.count, "spec")); \(plural(planned.count, "run")) planned, \(formatCount(results.count)) finished.",
            "",
            sweepDirectory == nil
                ? "Each run is a child `ggms synthesize SPEC --strategy S --seed N --time-limit T --quiet --json`"
                : "Each run is `ggms synthesize SPEC --strategy S --seed N --time-limit T --quiet --record DIR/run-K.json` in its own task",
            "(`ggms-no-encoder` is `--strategy ggms --no-encoder`, `ggms-no-symbolic` is `--strategy ggms --no-symbolic-learning`).",
            "A run succeeds when it gives the spec's",
            "expected answer: `unrealizable` for specs with `(set-info :expect unrealizable)`, `found` otherwise.",
            "Times are the child's search time (`stats.totalSeconds` of its run record), successful runs only.",
        ]
        if !incomplete.isEmpty {
            lines.append("n/a: \(incomplete.joined(separator: " and ")) \(incomplete.count == 1 ? "is" : "are") incomplete (cannot prove that no protocol exists) and not run on unrealizable specs.")
        }
        let missing = notRun
        if sweepDirectory != nil, !missing.isEmpty {
            let tasks = missing.prefix(20).map(String.init).joined(separator: ", ") + (missing.count > 20 ? ", …" : "")
            lines += ["", "**\(missing.count) of \(planned.count) runs have no result yet** (the task has not run, is still running, or was",
                      "stopped before it wrote its status): they are `not-run` in bench.csv, not failures, and the tables cover the",
                      "finished runs only. Tasks without a result: \(tasks)."]
        }
        if interrupted {
            lines += ["", "**Interrupted** (Ctrl-C) after \(formatCount(results.count)) of \(plural(planned.count, "run")): the tables cover the finished runs only."]
        }
        return lines
    }

    private func problems() -> [String] {
        var lines: [String] = []
        let wrong = wrongAnswers
        if !wrong.isEmpty {
            lines += ["", "## SOUNDNESS BUGS", "",
                      "**\(plural(wrong.count, "run")) gave the wrong answer** — a protocol found for a spec that expects none, or",
                      "a proof that none exists for a spec that expects one. Replay each with its command line:", ""]
            for run in wrong {
                let spec = specs[run.job.specIndex]
                lines.append("- **\(spec.name)** `\(run.job.strategy.rawValue)` seed \(run.job.seed): said **\(run.outcome.csvName)**, expected \(spec.expect?.rawValue ?? "?") — `ggms synthesize \(spec.path) \(run.job.strategy.synthesizeArguments.joined(separator: " ")) --seed \(run.job.seed) --time-limit \(BenchFormat.plain(timeLimit))`")
            }
        }
        let errors = harnessErrors
        if !errors.isEmpty {
            lines += ["", "## Harness errors", "",
                      "\(plural(errors.count, "run")) could not be done (not timeouts; they count as failures below):", "",
                      "| spec | strategy | seed | exit | what |", "|------|----------|------|------|------|"]
            for run in errors {
                guard case .harnessError(let message) = run.outcome else { continue }
                lines.append("| \(specs[run.job.specIndex].name) | \(run.job.strategy.rawValue) | \(run.job.seed) | \(run.exitCode.map(String.init) ?? "—") | \(escaped(message)) |")
            }
        }
        let notes = results.filter { $0.note != nil }
        if !notes.isEmpty {
            lines += ["", "Notes:"]
            lines += notes.map { "- \(specs[$0.job.specIndex].name) `\($0.job.strategy.rawValue)` seed \($0.job.seed): \($0.note!)" }
        }
        return lines
    }

    private func resultTables() -> [String] {
        var lines = ["", "## Results", "",
                     "solved: runs with the expected answer / runs finished. Medians and p90 (nearest rank) over the",
                     "successful runs; — when none. The fastest median time per spec is in bold."]
        for panel in panels {
            lines += ["", "### \(panel)", "",
                      "| spec | n | f | R | strategy | solved | median s | p90 s | median checker calls | median backtracks |",
                      "|------|---|---|---|----------|--------|----------|-------|----------------------|-------------------|"]
            for index in specIndices(inPanel: panel) {
                let spec = specs[index], s = spec.setting
                let cells = strategies.map { cell(spec: index, strategy: $0) }
                let best = cells.compactMap(\.medianSeconds).min().map(BenchFormat.seconds)
                for (row, (strategy, cell)) in zip(strategies, cells).enumerated() {
                    let first = row == 0
                    let specCells = first ? [spec.name, "\(s.processes)", "\(s.crashes)", "\(s.rounds)"] : ["", "", "", ""]
                    var median = cell.medianSeconds.map(BenchFormat.seconds) ?? "—"
                    if median == best { median = "**\(median)**" }
                    let values = cell.applicable
                        ? [solvedText(cell), median, cell.p90Seconds.map(BenchFormat.seconds) ?? "—",
                           cell.medianCheckerCalls.map(BenchFormat.count) ?? "—", cell.medianBacktracks.map(BenchFormat.count) ?? "—"]
                        : ["n/a", "", "", "", ""]
                    lines.append("| " + (specCells + [strategy.rawValue] + values).joined(separator: " | ") + " |")
                }
            }
        }
        return lines
    }

    /// `2/3`, with what went wrong in the others: `0/3 (3 errors)`, `1/1 (**1 WRONG**)`.
    private func solvedText(_ cell: Cell) -> String {
        if cell.finished.isEmpty { return "— (not run)" }
        var text = cell.scored ? "\(cell.successes)/\(cell.finished.count)" : "n/a (\(cell.answered)/\(cell.finished.count) answered)"
        var extras: [String] = []
        if cell.interrupted > 0 { extras.append("\(cell.interrupted) interrupted") }
        if cell.wrong > 0 { extras.append("**\(cell.wrong) WRONG**") }
        if cell.errors > 0 { extras.append(plural(cell.errors, "error")) }
        if !extras.isEmpty { text += " (" + extras.joined(separator: ", ") + ")" }
        return text
    }

    private func lowerBoundTable() -> [String] {
        let complete = strategies.filter(\.isComplete)
        let pairs = lowerBoundPairs
        var lines = ["", "## Lower bound: consensus needs f+1 rounds", ""]
        guard !pairs.isEmpty, !complete.isEmpty else {
            lines.append(complete.isEmpty
                ? "No complete strategy was run, so no run could prove that no protocol exists."
                : "The suite holds no consensus (n, f) with both an R = f and an R = f+1 spec.")
            return lines
        }
        lines += ["For each consensus (n, f) with both an R = f spec (one round short: no protocol exists when",
                  "n >= f+2) and an R = f+1 spec, the answer each complete strategy gave and its median time",
                  "(successful runs; the share of seeds when not all succeeded).", "",
                  "| n | f | R | expected | " + complete.map(\.rawValue).joined(separator: " | ") + " |",
                  "|---|---|---|----------|" + complete.map { String(repeating: "-", count: $0.rawValue.count + 2) + "|" }.joined()]
        for (short, enough) in pairs {
            for index in [short, enough] {
                let spec = specs[index], s = spec.setting
                let expected = spec.expect?.rawValue ?? "realizable"
                let answers = complete.map { lowerBoundCell(spec: index, strategy: $0) }
                lines.append("| \(s.processes) | \(s.crashes) | \(s.rounds) | \(expected) | " + answers.joined(separator: " | ") + " |")
            }
        }
        return lines
    }

    /// (R = f spec, R = f+1 spec) indices for each consensus (n, f) that has both, by n then f.
    var lowerBoundPairs: [(Int, Int)] {
        let consensus = specs.indices.filter { specs[$0].family == "consensus" }
        return consensus.compactMap { short -> (Int, Int)? in
            let s = specs[short].setting
            guard s.rounds == s.crashes,
                  let enough = consensus.first(where: { let t = specs[$0].setting
                      return t.processes == s.processes && t.crashes == s.crashes && t.rounds == s.crashes + 1 })
            else { return nil }
            return (short, enough)
        }
    }

    /// `unrealizable 0.42 s`, `found 1.25 s (2/3 seeds)`, `timeout`, `error (exit 64)`, `**WRONG: found**`.
    private func lowerBoundCell(spec index: Int, strategy: BenchStrategy) -> String {
        let spec = specs[index]
        let cell = cell(spec: index, strategy: strategy)
        if cell.finished.isEmpty { return "—" }
        if cell.wrong > 0 {
            let wrong = cell.finished.first { spec.contradicts($0.outcome) }!
            return "**WRONG: \(wrong.outcome.csvName)** " + (wrong.seconds.map { "\(BenchFormat.seconds($0)) s" } ?? "")
        }
        if let median = cell.medianSeconds {
            let share = cell.successes < cell.finished.count ? " (\(cell.successes)/\(cell.finished.count) seeds)" : ""
            return "\(spec.successAnswer.csvName) \(BenchFormat.seconds(median)) s\(share)"
        }
        if cell.errors == cell.finished.count { return cell.finished[0].exitCode.map { "error (exit \($0))" } ?? "error" }
        return "timeout"
    }

    private func summary() -> [String] {
        var lines = ["", "## Summary", ""]
        for strategy in strategies {
            let applicable = specs.indices.filter { BenchPlan.isApplicable(strategy, to: specs[$0]) && specs[$0].scored }
            let cells = applicable.map { cell(spec: $0, strategy: strategy) }
            let interrupted = results.filter { $0.job.strategy == strategy && $0.outcome == .interrupted }.count
            let unscored = specs.filter { !$0.scored }.count
            let solved = cells.filter(\.solvedEverySeed).count
            let finished = cells.map(\.finished.count).reduce(0, +)
            let successes = cells.map(\.successes).reduce(0, +)
            let inconclusive = cells.map(\.inconclusive).reduce(0, +)
            let errors = cells.map(\.errors).reduce(0, +)
            let wrong = cells.map(\.wrong).reduce(0, +)
            let seconds = results.filter { $0.job.strategy == strategy }.compactMap(\.seconds).reduce(0, +)
            var parts = ["\(formatCount(solved)) of \(plural(applicable.count, "spec")) solved at every seed\(strategy.isDeterministic ? " (seed 1 only)" : "")"]
            let skipped = specs.count - applicable.count - unscored
            if skipped > 0 { parts[0] += " (n/a on \(plural(skipped, "unrealizable spec")))" }
            if unscored > 0 { parts[0] += " (n/a on \(plural(unscored, "spec")) without :expect)" }
            parts.append("\(formatCount(successes))/\(plural(finished, "run")) successful")
            if inconclusive > 0 { parts.append(plural(inconclusive, "timeout")) }
            if errors > 0 { parts.append(plural(errors, "harness error")) }
            if interrupted > 0 { parts.append("\(formatCount(interrupted)) interrupted") }
            if wrong > 0 { parts.append("**\(plural(wrong, "WRONG ANSWER", "WRONG ANSWERS"))**") }
            parts.append("\(BenchFormat.seconds(seconds)) s in total")
            lines.append("- `\(strategy.rawValue)`: " + parts.joined(separator: "; ") + ".")
        }
        return lines
    }

    /// Text safe inside a Markdown table cell.
    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}

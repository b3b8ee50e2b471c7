import Checking
import Foundation
import Records
import Utilities

/// Text rendering of `verify` results.
enum VerifyText {
    /// The whole text of one n: its header, then its result.
    static func render(_ r: VerifyResult) -> String {
        header(r.header) + "\n" + body(r)
    }

    /// The `spec`, `protocol` and `checker` lines, known before the check runs (printed at once).
    static func header(_ h: VerifyHeader) -> String {
        let s = h.setting
        var lines: [String] = []
        // Fault models other than crash, and lossy links, are named; a crash-fault line reads as it always did.
        let faults = (s.faults.map { ", \($0) faults" } ?? "") + (s.losses.map { ", up to \(plural($0, "message")) lost per round" } ?? "")
            + (s.earlyDecision == true ? ", early decision" : "") + (s.identities == true ? ", identities" : "")
        lines.append("spec      \(h.spec)  (n=\(s.processes) f=\(s.crashes) R=\(s.rounds)\(faults), inputs 0..\(s.inputs - 1), decisions 0..\(s.decisions - 1); \(h.symmetricSpec ? "symmetric" : "not symmetric"))")
        lines.append("protocol  \(h.protocolFile)\(h.protocolName.map { "  (\($0))" } ?? "")")
        let merge: String
        switch h.checker {
        case .brute: merge = "every raw execution enumerated"
        case .symbolic: merge = "every execution encoded in one Z3 query (adversary free), nothing enumerated or merged"
        case .fast:
            merge = h.mergedSymmetric ? "permuted executions merged, states memoized"
                : h.readsIdentities ? "no merging (the protocol reads id or from), states memoized"
                : "no merging (spec names processes), states memoized"
        }
        lines.append("checker   \(h.checker.rawValue): \(merge)")
        return lines.joined(separator: "\n")
    }

    /// What the check found: what it explored, then the verdict line (with its counterexample).
    static func body(_ r: VerifyResult) -> String {
        var lines: [String] = []
        if r.checker == .symbolic {
            lines.append("encoded   \(formatCount(r.statesExplored)) symbolic process states, \(plural(r.solverChecks ?? 0, "Z3 query", "Z3 queries")), \(String(format: "%.2f", r.seconds)) s")
        } else {
            lines.append("explored  \(plural(r.statesExplored, "state")), \(plural(r.distinctOutcomes, "distinct outcome")), \(String(format: "%.2f", r.seconds)) s")
        }
        switch r.verdict {
        case .verified:
            lines.append("covered   \(formatCount(r.rawExecutionsCovered?.value ?? 0)) of \(plural(r.rawExecutionsTotal.value, "raw execution"))")
            lines.append("verified: \(r.properties.joined(separator: ", ")) hold\(r.properties.count == 1 ? "s" : "") on every execution")
        case .unknown:
            lines.append("unknown: \(r.reason ?? "no reason given") (not a pass)")
        case .violated:
            if let cex = r.counterexample { lines.append(render(cex)) }
        }
        return lines.joined(separator: "\n")
    }

    /// The round-by-round counterexample table: the faulty set when the model chooses it first,
    /// one row per process and round (its step — heard counts per message, and under
    /// `:identities` what came from each other process (`received`) — and what the
    /// adversary did to or through it; under early decision also `decides V` in the round a
    /// process decided, round 0 for a decision at `init`), the decisions (under early decision
    /// with their round, a crashed decider keeping its decision), and the messages lost in all
    /// under `:losses`.
    static func render(_ cex: CounterexampleData) -> String {
        "violated: \(cex.failedProperty) fails on this execution (replayed through the simulator):\n" + table(cex)
    }

    /// The execution's table alone (the faulty set, the rows, the messages lost), without a
    /// headline: `render` and `ggms simulate` put their own above it.
    static func table(_ cex: CounterexampleData) -> String {
        var out = ""
        if let faulty = cex.faulty {
            let who = faulty.isEmpty ? "none" : faulty.joined(separator: " ")
            out += "  faulty: \(who) (\(cex.faults == .byzantine ? "Byzantine" : cex.faults.name), chosen before round 1)\n"
        }
        let columns = cex.messageColumns ?? cex.rounds.first?.steps.first.map { $0.heard.keys.sorted() } ?? []
        // Under :identities a step also shows who sent what.
        let identities = cex.rounds.contains { $0.steps.contains { $0.received != nil } }
        let received = identities ? ["received"] : []
        var table = TextTable(["round", "process", "state"] + columns.map { "heard(\($0))" } + ["missing"] + received + ["next", "event"])
        let blanks = [String](repeating: "", count: columns.count + 2 + received.count)
        let byzantine = cex.faults == .byzantine ? Set(cex.faulty ?? []) : []
        let decisionOf = Dictionary(uniqueKeysWithValues: cex.decisions.map { ($0.process, $0) })
        for (process, input) in cex.inputs.sorted(by: { order($0.key) < order($1.key) }) {
            var note = byzantine.contains(process) ? " (Byzantine: no state)" : ""
            if cex.earlyDecision, let d = decisionOf[process], d.decisionRound == 0, let decision = d.decision {
                note += "; decides \(decision)"
            }
            table.add(["0", process, cex.initialStates[process] ?? (byzantine.contains(process) ? "-" : "?")] + blanks + ["input \(input)\(note)"])
        }
        for round in cex.rounds {
            // A process's event goes on its step row; one that took no step (crashed,
            // Byzantine) gets a row of its own.
            var events: [String: CounterexampleData.EventData] = [:]
            for event in round.events { events[event.process] = event }
            var rows: [(String, [String])] = []
            for step in round.steps {
                let text = events.removeValue(forKey: step.process)?.text ?? ""
                rows.append((step.process, ["\(round.round)", step.process, step.state] + columns.map { String(step.heard[$0] ?? 0) }
                            + [String(step.missing)] + (identities ? [step.received ?? ""] : []) + [step.next, text]))
            }
            for event in events.values {
                rows.append((event.process, ["\(round.round)", event.process, event.state ?? "-"] + blanks + [event.text]))
            }
            for row in rows.sorted(by: { order($0.0) < order($1.0) }) { table.add(row.1) }
        }
        for d in cex.decisions {
            let fate = cex.earlyDecision ? earlyFate(d, byzantine: byzantine.contains(d.process)) : oldFate(d, byzantine: byzantine.contains(d.process))
            table.add(["end", d.process, d.finalState ?? "-"] + blanks + [fate])
        }
        out += table.render()
        if let lost = cex.lost { out += "\n  lost: \(plural(lost, "message")) in all" }
        return out
    }

    /// A process's fate when every process still running decides at round `R`.
    private static func oldFate(_ d: CounterexampleData.DecisionData, byzantine: Bool) -> String {
        if let decision = d.decision { return d.correct ? "decides \(decision)" : "faulty; decides \(decision)" }
        return byzantine ? "Byzantine; never decides" : "crashed"
    }

    /// A process's fate under early decision: whether it ran to the end (it has a final state),
    /// and when it decided, if it did; a crashed process keeps the decision it took.
    private static func earlyFate(_ d: CounterexampleData.DecisionData, byzantine: Bool) -> String {
        if byzantine { return "Byzantine; never decides" }
        let decided = d.decision.map { "decided \($0) in round \(d.decisionRound ?? 0)" }
        if d.finalState == nil { return decided.map { "crashed; \($0)" } ?? "crashed" }
        let fate = decided ?? "never decides"
        return d.correct ? fate : "faulty; " + fate
    }

    private static func order(_ process: String) -> Int { Int(process.dropFirst()) ?? 0 }
}

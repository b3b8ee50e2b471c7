import ArgumentParser
import Diagnostics
import Foundation
import Game
import ProtocolLanguage
import Search
import SpecLanguage
import Utilities

/// `ggms show FILE`: a protocol as normalized text, table or Graphviz; a spec as a summary.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a protocol (normalized text, --table SPEC, --dot) or summarize a spec (.smt2).")

    @Argument(help: "A .protocol or .smt2 file.") var file: String
    @Option(help: "Print the protocol's full transition table in this spec's setting.") var table: String?
    @Flag(help: "Print the protocol as a Graphviz digraph (render with `dot -Tsvg`).") var dot = false

    func validate() throws {
        if table != nil && dot { throw ValidationError("--table and --dot are alternatives; expected one of them") }
    }

    func run() throws {
        do {
            try Loading.requireFile(Loading.resolve(file), kind: "file", expected: "a protocol (.protocol) or a spec (.smt2) file")
            if let specFile = table { try ArgumentRoles.showTable(file: file, spec: specFile) }
            if file.hasSuffix(".json") {
                throw Diagnostic(.usage, file: file, message: "this is a run record (.json), not a protocol or a spec; expected a .protocol or .smt2 file (the record's protocol is the .protocol beside it; `ggms replay \(file)` re-runs it)")
            }
            if file.hasSuffix(".smt2") {
                if table != nil || dot {
                    throw Diagnostic(.usage, file: nil, message: "--table and --dot apply to protocols; expected a .protocol file")
                }
                print(SpecSummary.render(try Loading.spec(file)))
                return
            }
            let proto = try Loading.protocolDefinition(file)
            if dot {
                print(proto.dot(), terminator: proto.dot().hasSuffix("\n") ? "" : "\n")
            } else if let specFile = table {
                let spec = try Loading.spec(specFile)
                let compiled = try Loading.table(proto, for: spec, file: file)
                print(TableText.render(compiled))
            } else {
                let text = proto.printed()
                print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            }
        } catch let diagnostic as Diagnostic {
            throw report(diagnostic)
        }
    }
}

/// The full table of a compiled protocol: `init`, the `send` map (with an alphabet), `decide`
/// (under early decision a state that does not decide reads `(does not decide)`), then one
/// line per `next` entry, heard counts per message. A table by sender (identities, rules that
/// read `id` or `from`) lists its entries per process index, each under `id N`, with the
/// message received from each other process (`none` for nothing) instead of counts.
enum TableText {
    static func render(_ t: TransitionTable) -> String {
        let names = t.stateNames
        let messages = t.messageLabels
        let s = t.setting
        var faults = s.faults == .crash ? plural(s.crashes, "crash", "crashes") : "\(s.crashes) faulty (\(s.faults.name))"
        if s.losses > 0 { faults += ", up to \(formatCount(s.losses)) lost per round" }
        let early = s.earlyDecision ? ", early decision" : ""
        let identities = s.identities ? ", identities" : ""
        let sets = (t.roundAware ? ["one set per round"] : []) + (t.bySender ? ["one per id"] : s.identities ? ["the same for every id"] : [])
        let note = sets.isEmpty ? "" : " (\(sets.joined(separator: ", ")))"
        var lines = ["# \(s.processes) processes, \(faults), \(plural(s.rounds, "round"))\(early)\(identities); \(plural(t.next.count, "next entry", "next entries"))\(note)"]
        lines.append("init   " + t.initial.enumerated().map { "\($0.offset) -> \(names[Int($0.element)])" }.joined(separator: ", "))
        if t.hasAlphabet {
            lines.append("send   " + names.indices.map { "\(names[$0]) -> \(t.message(of: $0).map { messages[$0] } ?? "(unset)")" }.joined(separator: ", "))
        }
        lines.append("decide " + t.decision.enumerated().map { state, decision in
            "\(names[state]) -> \(decision == TransitionTable.notDeciding ? "(does not decide)" : String(decision))"
        }.joined(separator: ", "))
        lines.append("next")
        if t.bySender {
            lines += bySender(t)
            return lines.joined(separator: "\n")
        }
        var table = TextTable((t.roundAware ? ["round"] : []) + ["state"] + messages.map { "heard(\($0))" } + ["missing", "next"])
        for entry in t.next.indices {
            let info = t.informationSet(ofEntry: entry)
            let target = t.next[entry]
            let row = (info.round.map { ["\($0)"] } ?? []) + [names[info.state]]
                + messages.indices.map { String(info.observation.heard($0)) }
                + [String(info.observation.missing), target == TransitionTable.undefined ? "(no rule)" : names[Int(target)]]
            table.add(row)
        }
        lines.append(table.render())
        return lines.joined(separator: "\n")
    }

    /// The `next` entries of a table by sender, one block per process index (`id N`, then a
    /// table of round, state, each other process's message and the target, the messages in
    /// lexicographic order with `none` last), blocks separated by a blank line.
    /// - Complexity: O(entries · n · log entries).
    static func bySender(_ t: TransitionTable) -> [String] {
        let names = t.stateNames, messages = t.messageLabels
        var lines: [String] = []
        for id in 0..<t.ids {
            let others = (0..<t.setting.processes).filter { $0 != id }
            var table = TextTable((t.roundAware ? ["round"] : []) + ["state"] + others.map { "from(\($0))" } + ["next"])
            for slot in 0..<t.slots {
                for state in 0..<t.stateCount {
                    // Observations in lexicographic order of the senders' messages, none last.
                    let rows = (0..<t.space.count).map { o -> (key: [Int], entry: Int, senders: SenderObservation?) in
                        let entry = t.entryIndex(round: slot + 1, id: id, state: state, observation: o)
                        let senders = t.informationSet(ofEntry: entry).observation.senders
                        return (others.map { senders?.from($0) ?? t.messageCount }, entry, senders)
                    }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
                    for row in rows {
                        guard let senders = row.senders else { continue }
                        let target = t.next[row.entry]
                        table.add((t.roundAware ? ["\(slot + 1)"] : []) + [names[state]]
                                  + others.map { senders.from($0).map { messages[$0] } ?? "none" }
                                  + [target == TransitionTable.undefined ? "(no rule)" : names[Int(target)]])
                    }
                }
            }
            if id > 0 { lines.append("") }
            lines.append("id \(id)")
            lines.append(table.render())
        }
        return lines
    }
}

/// The spec summary of `ggms show SPEC`.
enum SpecSummary {
    static func render(_ spec: Spec) -> String {
        let s = spec.setting
        var lines = ["spec        \(spec.file)"]
        let faultWord = s.faults == .crash ? (s.crashes == 1 ? "crash" : "crashes") : "faulty"
        lines.append("setting     n=\(s.processes) processes, f=\(s.crashes) \(faultWord), R=\(plural(s.rounds, "round")), inputs 0..\(s.inputs - 1), decisions 0..\(s.decisions - 1)")
        let links = s.losses == 0 ? "no lossy links" : "up to \(plural(s.losses, "message")) lost per round on any links"
        lines.append("faults      \(s.faultModel.summary(s)); \(links)")
        let alphabet = s.messages.map { ", " + plural($0, "message") } ?? ""
        let early = s.earlyDecision ? ", early decision" : ""
        let identities = s.identities ? ", identities (rules may read id and from)" : ""
        lines.append("synthesis   \(plural(s.states, "state"))\(alphabet), \(s.roundAware ? "round-aware" : "not round-aware")\(early)\(identities)\(spec.expect.map { ", expected \($0.rawValue)" } ?? "")")
        let merged = s.identities ? "the checker merges permuted executions of protocols that read neither id nor from" : "the checker merges permuted executions"
        lines.append("symmetric   \(spec.isSymmetric ? "yes (mentions no particular process; \(merged))" : "no (\(spec.mentionedProcesses.isEmpty ? "reads index" : "mentions " + spec.mentionedProcesses.map { "p\($0)" }.joined(separator: ", ")); executions are not merged)")")
        lines.append("properties  " + spec.properties.map { "\($0.name) (line \($0.location.line))" }.joined(separator: ", "))
        if ObservationSpace.fits(processes: s.processes, stateCount: s.messages ?? s.states) {
            let space = StrategySpace(setting: s)
            let nextEntries = space.emptyTable.next.count
            let sends = space.sendCount > 0 ? "\(formatCount(space.sendCount)) send + " : ""
            lines.append("strategies  \(s.inputs) init + \(sends)\(s.states) decide + \(plural(nextEntries, "next entry", "next entries")): about 10^\(String(format: "%.1f", space.log10Tables)) tables (before symmetry breaking)")
        } else {
            lines.append("strategies  too many observations for the engine at this n and state count")
        }
        // Lossy links multiply every model's round choices; Byzantine processes choose among the
        // messages, here the spec's :messages, or its K states (`verify` counts with the
        // protocol's own messages).
        var choices = s.faultModel.choices + (s.losses > 0 ? " x lost messages per round" : "")
        let messageCount = s.messages ?? s.states
        if s.faults == .byzantine { choices += "; \(plural(messageCount, "message")), the spec's \(s.messages == nil ? ":states" : ":messages")" }
        lines.append("executions  \(plural(Adversary(s, messageCount: messageCount).rawExecutions, "raw execution")) (\(choices))")
        return lines.joined(separator: "\n")
    }
}

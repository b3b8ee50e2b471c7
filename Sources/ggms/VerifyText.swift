import Checking
import Foundation

/// Text rendering of `verify` results.
enum VerifyText {
    static func render(_ r: VerifyResult) -> String {
        let s = r.setting
        var lines: [String] = []
        lines.append("spec      \(r.spec)  (n=\(s.processes) f=\(s.crashes) R=\(s.rounds), inputs 0..\(s.inputs - 1), decisions 0..\(s.decisions - 1); \(r.symmetricSpec ? "symmetric" : "not symmetric"))")
        lines.append("protocol  \(r.protocolFile)\(r.protocolName.map { "  (\($0))" } ?? "")")
        let merge: String
        switch r.checker {
        case .brute: merge = "every raw execution enumerated"
        case .symbolic: merge = "every execution encoded in one Z3 query (adversary free), nothing enumerated or merged"
        case .fast: merge = r.mergedSymmetric ? "permuted executions merged, states memoized" : "no merging (spec names processes), states memoized"
        }
        lines.append("checker   \(r.checker.rawValue): \(merge)")
        if r.checker == .symbolic {
            lines.append("encoded   \(formatCount(Double(r.statesExplored))) symbolic process states, \(r.solverChecks ?? 0) Z3 quer\(r.solverChecks == 1 ? "y" : "ies"), \(String(format: "%.2f", r.seconds)) s")
        } else {
            lines.append("explored  \(formatCount(Double(r.statesExplored))) states, \(r.distinctOutcomes) distinct outcomes, \(String(format: "%.2f", r.seconds)) s")
        }
        switch r.verdict {
        case .verified:
            lines.append("covered   \(formatCount(r.rawExecutionsCovered?.value ?? 0)) of \(formatCount(r.rawExecutionsTotal.value)) raw executions")
            lines.append("verified: \(r.properties.joined(separator: ", ")) hold\(r.properties.count == 1 ? "s" : "") on every execution")
        case .unknown:
            lines.append("unknown: \(r.reason ?? "no reason given") (not a pass)")
        case .violated:
            if let cex = r.counterexample { lines.append(render(cex)) }
        }
        return lines.joined(separator: "\n")
    }

    /// The round-by-round counterexample table.
    static func render(_ cex: CounterexampleData) -> String {
        var out = "violated: \(cex.failedProperty) fails on this execution (replayed through the simulator):\n"
        let stateNames = cex.rounds.first?.steps.first.map { $0.heard.keys.sorted() } ?? []
        var table = TextTable(["round", "process", "state"] + stateNames.map { "heard(\($0))" } + ["missing", "next", "event"])
        let blanks = [String](repeating: "", count: stateNames.count + 2)
        for (process, input) in cex.inputs.sorted(by: { order($0.key) < order($1.key) }) {
            table.add(["0", process, cex.initialStates[process] ?? "?"] + blanks + ["input \(input)"])
        }
        for round in cex.rounds {
            var rows: [(String, [String])] = []
            for event in round.events {
                rows.append((event.process, ["\(round.round)", event.process, event.state] + blanks + [event.text]))
            }
            for step in round.steps {
                rows.append((step.process, ["\(round.round)", step.process, step.state] + stateNames.map { String(step.heard[$0] ?? 0) }
                            + [String(step.missing), step.next, ""]))
            }
            for row in rows.sorted(by: { order($0.0) < order($1.0) }) { table.add(row.1) }
        }
        for d in cex.decisions {
            table.add(["end", d.process, d.finalState ?? "-"] + blanks + [d.correct ? "decides \(d.decision!)" : "crashed"])
        }
        out += table.render()
        return out
    }

    private static func order(_ process: String) -> Int { Int(process.dropFirst()) ?? 0 }
}

/// JSON output with sorted keys.
///
/// A non-finite Double anywhere in the value (which plain JSON numbers cannot hold) is
/// written as the string `"inf"`, `"-inf"` or `"nan"` instead of failing the whole encoding.
enum JSONText {
    /// The encoder every JSON output uses.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// `value` as pretty-printed JSON.
    /// - Throws: the encoder's error (a bug in ggms: every value it prints is encodable).
    static func encoded(_ value: AnyEncodable) throws -> String {
        let data = try encoder().encode(value)
        guard let text = String(data: data, encoding: .utf8) else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "the encoder wrote bytes that are not UTF-8"))
        }
        return text
    }

    /// `value` as pretty-printed JSON; if it cannot be encoded (a bug), reports an internal
    /// error on stderr and exits 70 — never prints a partial or empty object.
    static func encode(_ value: AnyEncodable) -> String {
        do { return try encoded(value) } catch {
            _ = internalFailure("could not encode the result as JSON: \(error)")
            exit(ExitStatus.internalError)
        }
    }
}

struct AnyEncodable: Encodable {
    let encodeValue: (Encoder) throws -> Void
    init(_ value: some Encodable) { encodeValue = value.encode }
    func encode(to encoder: Encoder) throws { try encodeValue(encoder) }
}

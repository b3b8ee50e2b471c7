import Foundation

extension BenchReport {
    /// The header of bench.csv.
    public static let csvColumns = ["family", "spec", "n", "f", "rounds", "states", "expect", "strategy", "seed", "outcome",
                             "success", "seconds", "checker_calls", "backtracks", "iterations", "exit_code"]

    /// bench.csv: a header and one row per finished run, in plan order. `expect` is empty for a
    /// spec without `:expect`; `outcome` is found, unrealizable, inconclusive, error or interrupted;
    /// `success` is true or false, n/a for a spec without `:expect`; the counts are empty when the child left no run record (RFC 4180 quoting).
    public func csv() -> String {
        var lines = [Self.csvColumns.joined(separator: ",")]
        for run in results {
            let spec = specs[run.job.specIndex], s = spec.setting
            let specFields: [String] = [spec.family, spec.name, "\(s.processes)", "\(s.crashes)", "\(s.rounds)", "\(s.states)",
                                        spec.expect?.rawValue ?? ""]
            let runFields: [String] = [run.job.strategy.rawValue, "\(run.job.seed)", run.outcome.csvName,
                                       !spec.scored ? "n/a" : run.succeeded(on: spec) ? "true" : "false", String(format: "%.4f", run.seconds)]
            let counts: [String] = [run.checkerCalls, run.backtracks, run.iterations].map { $0.map(String.init) ?? "" }
            let fields = specFields + runFields + counts + ["\(run.exitCode)"]
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One CSV field, quoted when it holds a comma, a quote or a line break.
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

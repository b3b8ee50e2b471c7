import Foundation

extension BenchReport {
    /// The header of bench.csv: the field names of `BenchRunRow` (and of `runs` in `--json`).
    /// Files written before these names (`n`, `f`, `checker_calls`, `exit_code`, no `note`) use
    /// the older header.
    public static var csvColumns: [String] { BenchRunRow.columns }

    /// Every planned run as a row, in plan order: finished runs from their results, the others
    /// `not-run`.
    public var rows: [BenchRunRow] {
        var byJob: [BenchJob: BenchRunResult] = [:]
        for result in results { byJob[result.job] = result }
        return planned.map { BenchRunRow(job: $0, spec: specs[$0.specIndex], result: byJob[$0]) }
    }

    /// bench.csv: the header and one line per planned run (`rows`), RFC 4180 quoting. A cell is
    /// empty exactly when the field is absent from the JSON row (see `BenchRunRow`).
    public func csv() -> String {
        var lines = [Self.csvColumns.joined(separator: ",")]
        for row in rows {
            lines.append(BenchRunRow.CodingKeys.allCases.map { Self.csvField(row.cell($0)) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One CSV field, quoted when it holds a comma, a quote or a line break.
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

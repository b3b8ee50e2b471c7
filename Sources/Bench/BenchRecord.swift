import Records

/// What `ggms bench --json` (and `ggms bench --report DIR --json`) prints on stdout at the end:
/// one JSON object.
///
/// | field | type | meaning |
/// |-------|------|---------|
/// | `kind` | string | always `bench` |
/// | `versions` | object `{ggms, z3, openblas}` (strings) | this ggms's `ToolVersions` |
/// | `outcome` | string | `completed`: every planned run finished; `interrupted`: Ctrl-C or SIGTERM stopped the bench; `incomplete`: a Slurm sweep's report with runs that have not finished (`not-run` rows) |
/// | `seconds` | number | wall-clock seconds of this command (for `--report`, of reading the records only) |
/// | `runs` | array of `BenchRunRow` | one per planned run, in plan order; field names as bench.csv's header |
public struct BenchRecord: Codable, Sendable {
    /// How the bench ended.
    public enum Outcome: String, Codable, Sendable {
        case completed, interrupted, incomplete
    }

    public var kind = "bench"
    public var versions: ToolVersions
    public var outcome: Outcome
    public var seconds: Double
    public var runs: [BenchRunRow]

    /// The record of `report`, which took `seconds` of wall-clock time.
    public init(report: BenchReport, seconds: Double, versions: ToolVersions = ToolVersions()) {
        self.versions = versions
        let rows = report.rows
        outcome = report.interrupted ? .interrupted : rows.contains { $0.outcome == .notRun } ? .incomplete : .completed
        self.seconds = seconds
        runs = rows
    }
}

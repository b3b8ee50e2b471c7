import Foundation
import Utilities

/// Everything the bench's three files (bench.md, bench.csv, bench.svg) are made from: the
/// configuration, the suite, the planned runs and the finished ones. A value; rendering is in
/// `BenchReport+Markdown`, `BenchReport+CSV` and `BenchPlot`.
public struct BenchReport {
    /// The command line as typed.
    public var command: String
    public var machine: String
    /// When the bench started, ISO 8601.
    public var date: String
    /// `release` or `debug` (the bench's own build, which is also the children's).
    public var build: String
    public var suite: String
    /// Seconds per run.
    public var timeLimit: Double
    /// Seeds per (spec, randomized strategy).
    public var seeds: Int
    /// Children run at once.
    public var jobs: Int
    public var strategies: [BenchStrategy]
    public var specs: [BenchSpec]
    public var planned: [BenchJob]
    /// The finished runs, in plan order.
    public var results: [BenchRunResult]
    /// Whether Ctrl-C stopped the bench before every planned run finished.
    public var interrupted: Bool
    /// The directory of a Slurm sweep when the runs were read back from it
    /// (`ggms bench --report`); nil for a bench that ran its children itself.
    public var sweepDirectory: String?

    public init(command: String, machine: String, date: String, build: String, suite: String, timeLimit: Double, seeds: Int,
                jobs: Int, strategies: [BenchStrategy], specs: [BenchSpec], planned: [BenchJob], results: [BenchRunResult],
                interrupted: Bool, sweepDirectory: String? = nil) {
        self.command = command
        self.machine = machine
        self.date = date
        self.build = build
        self.suite = suite
        self.timeLimit = timeLimit
        self.seeds = seeds
        self.jobs = jobs
        self.strategies = strategies
        self.specs = specs
        self.planned = planned
        self.results = results
        self.interrupted = interrupted
        self.sweepDirectory = sweepDirectory
    }

    /// The finished runs of one spec (by index) and strategy, by seed.
    public func runs(spec: Int, strategy: BenchStrategy) -> [BenchRunResult] {
        results.filter { $0.job.specIndex == spec && $0.job.strategy == strategy }
    }

    /// Indices (tasks) of the planned runs without a result, in plan order.
    public var notRun: [Int] {
        let done = Set(results.map(\.job))
        return planned.indices.filter { !done.contains(planned[$0]) }
    }

    /// Runs that gave the opposite of the spec's `:expect` (soundness bugs).
    public var wrongAnswers: [BenchRunResult] { results.filter { specs[$0.job.specIndex].contradicts($0.outcome) } }

    /// Runs the harness could not do (usage or internal errors of the child, unreadable output).
    public var harnessErrors: [BenchRunResult] {
        results.filter { if case .harnessError = $0.outcome { return true } else { return false } }
    }

    /// Plot panels and report sections in order: each family as it first appears in the suite,
    /// then its unrealizable specs as `family (unrealizable)`.
    public var panels: [String] {
        var families: [String] = []
        for spec in specs where !families.contains(spec.family) { families.append(spec.family) }
        return families.flatMap { family in
            [family, family + " (unrealizable)"].filter { panel in specs.contains { $0.panel == panel } }
        }
    }

    /// Indices of the specs in `panel`.
    public func specIndices(inPanel panel: String) -> [Int] {
        specs.indices.filter { specs[$0].panel == panel }
    }

    /// Summary of one spec × strategy cell.
    public struct Cell {
        /// False when the strategy cannot succeed on the spec (incomplete on an unrealizable spec).
        public var applicable: Bool
        public var planned: Int
        public var finished: [BenchRunResult]
        /// Seconds of the successful runs, ascending.
        public var successSeconds: [Double]
        public var wrong: Int
        public var errors: Int
        public var inconclusive: Int
        /// Runs stopped by an interruption of the bench.
        public var interrupted: Int
        /// Whether the spec is scored (has `:expect`); an unscored cell's times are those of its
        /// definite answers.
        public var scored: Bool
        /// Definite answers (found or unrealizable), scored or not.
        public var answered: Int
        public var medianCheckerCalls: Double?
        public var medianBacktracks: Double?

        public var successes: Int { successSeconds.count }
        public var medianSeconds: Double? { BenchStatistics.median(successSeconds) }
        public var p90Seconds: Double? { BenchStatistics.percentile(successSeconds, 0.9) }
        /// Whether every planned run finished and succeeded.
        public var solvedEverySeed: Bool { scored && applicable && planned > 0 && successes == planned }
    }

    public func cell(spec index: Int, strategy: BenchStrategy) -> Cell {
        let spec = specs[index]
        let finished = runs(spec: index, strategy: strategy)
        // Without `:expect` nothing is a success; the times shown are the definite answers'.
        let successful = finished.filter { spec.scored ? $0.succeeded(on: spec) : $0.answered }
        return Cell(
            applicable: BenchPlan.isApplicable(strategy, to: spec),
            planned: planned.filter { $0.specIndex == index && $0.strategy == strategy }.count,
            finished: finished,
            successSeconds: successful.compactMap(\.seconds).sorted(),
            wrong: finished.filter { spec.contradicts($0.outcome) }.count,
            errors: finished.filter { if case .harnessError = $0.outcome { return true } else { return false } }.count,
            inconclusive: finished.filter { $0.outcome == .inconclusive }.count,
            interrupted: finished.filter { $0.outcome == .interrupted }.count,
            scored: spec.scored,
            answered: finished.filter(\.answered).count,
            medianCheckerCalls: BenchStatistics.median(successful.compactMap(\.checkerCalls).map(Double.init)),
            medianBacktracks: BenchStatistics.median(successful.compactMap(\.backtracks).map(Double.init)))
    }

    /// Strategies of `strategies` that were given a chance on some spec (so appear in plots).
    public func strategiesRun(inPanel panel: String) -> [BenchStrategy] {
        strategies.filter { strategy in specIndices(inPanel: panel).contains { BenchPlan.isApplicable(strategy, to: specs[$0]) } }
    }
}

/// Order statistics of the reports.
public enum BenchStatistics {
    /// The median (mean of the two middle values for an even count); nil when empty.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The nearest-rank percentile `p` (0 < p <= 1): the smallest value with at least a
    /// fraction `p` of the values at or below it; nil when empty.
    public static func percentile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

/// Number formats shared by the bench's reports.
public enum BenchFormat {
    /// Seconds with about three significant digits: `0.042`, `1.25`, `12.5`, `125`.
    public static func seconds(_ s: Double) -> String {
        if s < 0.1 { return String(format: "%.3f", s) }
        if s < 10 { return String(format: "%.2f", s) }
        if s < 100 { return String(format: "%.1f", s) }
        return String(format: "%.0f", s)
    }

    /// A setting such as a time limit: `60`, `2.5`.
    public static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(format: "%.0f", value) : String(format: "%g", value)
    }

    /// A median of counts, with thousands separators: whole when it is whole (`1,025`), else
    /// one decimal (`1,024.5`; a median of two is at most a half off a whole).
    public static func count(_ value: Double) -> String {
        guard value != value.rounded(), value.isFinite, abs(value) < 1e15 else { return formatCount(value) }
        let tenths = Int((value * 10).rounded())
        return (tenths < 0 ? "-" : "") + formatCount(abs(tenths) / 10) + ".\(abs(tenths) % 10)"
    }

    /// `m:ss`, or `h:mm:ss` from an hour on.
    public static func clock(_ seconds: Double) -> String {
        let total = Int(seconds)
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}

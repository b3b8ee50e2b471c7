import Search

/// What one benchmark run answered.
public enum BenchOutcome: Hashable, Sendable {
    /// The child found a protocol (exit 0, record outcome `found`).
    case found
    /// The child proved that none exists (exit 1, record outcome `unrealizable`).
    case unrealizable
    /// No answer within the time limit (exit 3), or the child outlived its limit and was killed.
    case inconclusive
    /// The child could not do the run: a usage or internal error (exit 64/65/66/70), a crash, or
    /// output the bench cannot read. `message` says what happened. Never counted as a timeout.
    case harnessError(message: String)
    /// The bench was stopped (Ctrl-C, SIGTERM) while the run was going: no answer, and not a
    /// timeout either.
    case interrupted

    /// The answer a run record's outcome stands for.
    public init(_ kind: SynthesisOutcome.Kind) {
        switch kind {
        case .found: self = .found
        case .unrealizable: self = .unrealizable
        case .inconclusive: self = .inconclusive
        }
    }

    /// The `outcome` column of bench.csv (`BenchRunRow.Outcome`): `found`, `unrealizable`,
    /// `inconclusive`, `error` or `interrupted`.
    public var csvName: String { BenchRunRow.Outcome(self).rawValue }
}

/// One planned run: a spec of the suite (by index), a strategy and a seed.
public struct BenchJob: Hashable, Sendable, Codable {
    public var specIndex: Int
    public var strategy: BenchStrategy
    public var seed: Int

    /// The `ggms` arguments of the run: `synthesize SPEC --jobs 1 <strategy> --seed N
    /// --time-limit T --quiet [--json] --output OUTPUT` (one thread per run unless the strategy
    /// says otherwise: its arguments come later). The run record goes beside `output` (same
    /// name, `.json`) unless more arguments say otherwise.
    public func synthesizeArguments(specPath: String, timeLimit: Double, output: String, json: Bool = false) -> [String] {
        ["synthesize", specPath, "--jobs", "1"] + strategy.synthesizeArguments
            + ["--seed", String(seed), "--time-limit", String(timeLimit), "--quiet"] + (json ? ["--json"] : []) + ["--output", output]
    }
}

/// One finished run.
public struct BenchRunResult: Sendable {
    public var job: BenchJob
    public var outcome: BenchOutcome
    /// The child's exit status (128 + signal when it was killed by one); nil when no child ran
    /// (it could not be started).
    public var exitCode: Int32?
    /// The search time from the run record (`stats.totalSeconds`); the wall-clock time of the
    /// child when it left no record (or one without `stats`); nil when no child ran.
    public var seconds: Double?
    /// From the run record's `stats`; nil when the child left no record.
    public var checkerCalls: Int?
    public var backtracks: Int?
    public var iterations: Int?
    /// Something the report should mention about this run (say, it was killed past its limit).
    public var note: String?

    public init(job: BenchJob, outcome: BenchOutcome, exitCode: Int32?, seconds: Double?, checkerCalls: Int? = nil,
                backtracks: Int? = nil, iterations: Int? = nil, note: String? = nil) {
        self.job = job
        self.outcome = outcome
        self.exitCode = exitCode
        self.seconds = seconds
        self.checkerCalls = checkerCalls
        self.backtracks = backtracks
        self.iterations = iterations
        self.note = note
    }

    /// Whether the run gave the answer `spec` expects (never for a spec without `:expect`,
    /// which is not scored).
    public func succeeded(on spec: BenchSpec) -> Bool { spec.scored && outcome == spec.successAnswer }

    /// Whether the run gave a definite answer (found or unrealizable).
    public var answered: Bool { outcome == .found || outcome == .unrealizable }
}

/// The runs a bench does, in order: spec by spec, strategy by strategy, seed by seed.
/// Incomplete strategies are left out on specs that expect `unrealizable` (the reports show
/// them as n/a); deterministic strategies get seed 1 only.
public enum BenchPlan {
    public static func jobs(specs: [BenchSpec], strategies: [BenchStrategy], seeds: Int) -> [BenchJob] {
        var jobs: [BenchJob] = []
        for (index, spec) in specs.enumerated() {
            for strategy in strategies where isApplicable(strategy, to: spec) {
                for seed in strategy.seedsToRun(seeds) { jobs.append(BenchJob(specIndex: index, strategy: strategy, seed: seed)) }
            }
        }
        return jobs
    }

    /// Whether `strategy` can succeed on `spec` at all (incomplete strategies cannot prove
    /// unrealizability).
    public static func isApplicable(_ strategy: BenchStrategy, to spec: BenchSpec) -> Bool {
        strategy.isComplete || !spec.expectsUnrealizable
    }
}

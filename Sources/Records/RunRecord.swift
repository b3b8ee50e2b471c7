import Foundation
import Game
import Search
import SpecLanguage

/// The run record of one `ggms synthesize`: written beside a synthesized protocol and printed by
/// `--json`; `ggms replay` reruns it, `ggms merge` merges the records of cube runs and the bench
/// harness reads its runs' records through it. It holds enough to replay the run (the command,
/// the whole `SynthesisOptions` with every default filled in and unset options as `null`, library
/// versions) and to see where the time went.
///
/// Decoding is lenient where older records differ: `specPath`, `specDigest`, `setting`,
/// `versions` and `stats` may be missing (nil); `spec`, `options` and `outcome` are required.
public struct RunRecord: Codable, Sendable {
    public var command: [String] = CommandLine.arguments
    public var startedAt: String = ISO8601DateFormatter().string(from: Date())
    /// The spec as the user named it.
    public var spec: String
    /// The spec's absolute path and a digest of its bytes (FNV-1a, 64 bits, hex), so that
    /// `replay` finds it from any directory and can tell when it changed.
    public var specPath: String?
    public var specDigest: String?
    public var setting: Setting?
    public var options: SynthesisOptions
    public var versions: ToolVersions?
    public var outcome: SynthesisOutcome.Kind
    public var reason: String?
    /// Inconclusive runs: the best table's counts in raw executions (never a rounded share).
    public var best: BestTableCounts?
    public var stats: SynthesisStats?
    public var trust: TrustReport?
    public var nextRules: Int?
    public var generalization: Generalization?
    /// Found only: the every-n check of the compact rules.
    public var everyN: EveryNSummary?
    public var protocolText: String?
    /// Found only: the compact rules (whatever `--table` printed), which `replay` compares.
    public var rulesText: String?
    /// What the protocol file beside this record is (set when files are written).
    public var protocolFile: ProtocolFileNote?
    /// Unrealizable only: a schedule on which the spec fails whatever the processes decide.
    public var specFailsRegardless: Execution?
    /// Unrealizable only: the refutation certificate (`ggms check-refutation` re-checks it).
    public var refutation: Refutation?
    /// A run on cubes (`--jobs` above 1): how many, and each settled cube's answer. (A run on
    /// one cube file names its cube in `options.cube`.)
    public var cubeCount: Int?
    public var cubeRuns: [CubeAnswer.Run]?

    public init(spec: Spec, specFile: String, options: SynthesisOptions, result: SynthesisResult) {
        self.spec = specFile
        let path = URL(fileURLWithPath: spec.file).standardizedFileURL.path
        specPath = path
        specDigest = Self.digest(ofText: spec.text)
        setting = spec.setting
        self.options = options
        versions = ToolVersions()
        outcome = result.outcome.kind
        if case .inconclusive(let r) = result.outcome { reason = r }
        best = result.outcome.kind == .inconclusive ? result.best : nil
        stats = result.stats
        trust = result.verification
        generalization = result.generalization
        everyN = result.everyN
        nextRules = result.rules?.rules.count
        rulesText = result.rules?.printed()
        specFailsRegardless = result.specFailsRegardless
        refutation = result.refutation
        cubeCount = result.cubeCount
        cubeRuns = result.cubeRuns
    }

    /// The decoder for records: reads the strings `"inf"`, `"-inf"` and `"nan"` that ggms's JSON
    /// writes for non-finite numbers (raw-execution counts past a Double) back as numbers.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    /// The digest of a spec file as a run read it: FNV-1a (64 bits) of its bytes less a UTF-8
    /// byte-order mark (which the reader drops), in hex; nil when it cannot be read.
    public static func digest(ofFile path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return digest(ofBytes: data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...])
    }

    /// The same digest of the text a run loaded (`Spec.text`): what `digest(ofFile:)` gives
    /// for the file as it was then, even if it changed while the run went on.
    public static func digest(ofText text: String) -> String {
        digest(ofBytes: Array(text.utf8)[...])
    }

    private static func digest<Bytes: Collection<UInt8>>(ofBytes bytes: Bytes) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        command = try c.decodeIfPresent([String].self, forKey: .command) ?? []
        startedAt = try c.decodeIfPresent(String.self, forKey: .startedAt) ?? ""
        spec = try c.decode(String.self, forKey: .spec)
        specPath = try c.decodeIfPresent(String.self, forKey: .specPath)
        specDigest = try c.decodeIfPresent(String.self, forKey: .specDigest)
        setting = try c.decodeIfPresent(Setting.self, forKey: .setting)
        options = try c.decode(SynthesisOptions.self, forKey: .options)
        versions = try c.decodeIfPresent(ToolVersions.self, forKey: .versions)
        outcome = try c.decode(SynthesisOutcome.Kind.self, forKey: .outcome)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        best = try c.decodeIfPresent(BestTableCounts.self, forKey: .best)
        stats = try c.decodeIfPresent(SynthesisStats.self, forKey: .stats)
        trust = try c.decodeIfPresent(TrustReport.self, forKey: .trust)
        nextRules = try c.decodeIfPresent(Int.self, forKey: .nextRules)
        generalization = try c.decodeIfPresent(Generalization.self, forKey: .generalization)
        everyN = try c.decodeIfPresent(EveryNSummary.self, forKey: .everyN)
        protocolText = try c.decodeIfPresent(String.self, forKey: .protocolText)
        rulesText = try c.decodeIfPresent(String.self, forKey: .rulesText)
        protocolFile = try c.decodeIfPresent(ProtocolFileNote.self, forKey: .protocolFile)
        specFailsRegardless = try c.decodeIfPresent(Execution.self, forKey: .specFailsRegardless)
        refutation = try c.decodeIfPresent(Refutation.self, forKey: .refutation)
        cubeCount = try c.decodeIfPresent(Int.self, forKey: .cubeCount)
        cubeRuns = try c.decodeIfPresent([CubeAnswer.Run].self, forKey: .cubeRuns)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(RecordKind.synthesize, forKey: .kind)
        try c.encodeIfPresent(stats?.totalSeconds, forKey: .seconds)
        try c.encode(command, forKey: .command)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(spec, forKey: .spec)
        try c.encode(specPath, forKey: .specPath)
        try c.encode(specDigest, forKey: .specDigest)
        try c.encodeIfPresent(setting, forKey: .setting)
        try c.encode(options, forKey: .options)
        try c.encodeIfPresent(versions, forKey: .versions)
        try c.encode(outcome, forKey: .outcome)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(best, forKey: .best)
        if let stats {
            // Only the counters that apply to this run's strategy and options: no zeros for "not applicable".
            try stats.encode(to: c.superEncoder(forKey: .stats), options: options, found: outcome == .found)
        }
        try c.encodeIfPresent(trust, forKey: .trust)
        try c.encodeIfPresent(nextRules, forKey: .nextRules)
        try c.encodeIfPresent(generalization, forKey: .generalization)
        try c.encodeIfPresent(everyN, forKey: .everyN)
        try c.encodeIfPresent(protocolText, forKey: .protocolText)
        try c.encodeIfPresent(rulesText, forKey: .rulesText)
        try c.encodeIfPresent(protocolFile, forKey: .protocolFile)
        try c.encodeIfPresent(specFailsRegardless, forKey: .specFailsRegardless)
        try c.encodeIfPresent(refutation, forKey: .refutation)
        try c.encodeIfPresent(cubeCount, forKey: .cubeCount)
        try c.encodeIfPresent(cubeRuns, forKey: .cubeRuns)
    }

    /// `kind` (always `synthesize`) and `seconds` (the run's, `stats.totalSeconds`) are written
    /// for every record's common shape (docs/json.md) and not read back.
    enum CodingKeys: String, CodingKey {
        case kind, seconds
        case command, startedAt, spec, specPath, specDigest, setting, options, versions, outcome, reason, best, stats, trust, nextRules,
             generalization, everyN, protocolText, rulesText, protocolFile, specFailsRegardless, refutation, cubeCount, cubeRuns
    }
}

/// What a run record says about the protocol file at `path`.
public struct ProtocolFileNote: Codable, Sendable {
    /// `--output` as given (`-` for standard output).
    public var path: String
    /// This run found a protocol and wrote it there.
    public var writtenByThisRun: Bool
    /// This run found none, and a protocol file an earlier run wrote is still there: it is
    /// not this run's result.
    public var fromAnEarlierRun: Bool

    public init(path: String, writtenByThisRun: Bool, fromAnEarlierRun: Bool) {
        self.path = path
        self.writtenByThisRun = writtenByThisRun
        self.fromAnEarlierRun = fromAnEarlierRun
    }
}

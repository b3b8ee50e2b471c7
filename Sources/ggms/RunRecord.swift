import BLASKit
import Encoder
import Foundation
import Search
import SpecLanguage
import Z3Kit

/// The run record written next to a synthesized protocol: enough to replay the run (the
/// command, the whole `SynthesisOptions` with every default filled in and unset options as
/// `null`, library versions; `ggms replay RECORD` reads it back) and to see where the time went.
struct RunRecord: Encodable {
    struct Versions: Codable {
        var ggms = GGMSVersion.current
        var z3 = Z3Kit.version
        var openblas = BLAS.version
    }

    var command: [String] = CommandLine.arguments
    var startedAt: String = ISO8601DateFormatter().string(from: Date())
    /// The spec as the user named it.
    var spec: String
    /// The spec's absolute path and a digest of its bytes (FNV-1a, 64 bits, hex), so that
    /// `replay` finds it from any directory and can tell when it changed.
    var specPath: String
    var specDigest: String?
    var setting: Setting
    var options: SynthesisOptions
    var versions = Versions()
    var outcome: String
    var reason: String?
    /// Inconclusive runs: the best table's counts in raw executions (never a rounded share).
    var best: BestTableCounts?
    var stats: SynthesisStats
    var trust: TrustReport?
    var nextRules: Int?
    var generalization: Generalization?
    /// Found only: the every-n check of the compact rules.
    var everyN: EveryNSummary?
    var protocolText: String?
    /// Found only: the compact rules (whatever `--table` printed), which `replay` compares.
    var rulesText: String?
    /// What the protocol file beside this record is (set when files are written).
    var protocolFile: SynthesisFiles.ProtocolFileNote?
    /// Unrealizable only: a schedule on which the spec fails whatever the processes decide.
    var specFailsRegardless: Execution?
    /// Unrealizable only: the refutation certificate (`ggms check-refutation` re-checks it).
    var refutation: Refutation?
    /// A run on cubes (`--jobs` above 1): how many, and each settled cube's answer. (A run on
    /// one cube file names its cube in `options.cube`.)
    var cubeCount: Int?
    var cubeRuns: [CubeAnswer.Run]?

    init(spec: Spec, specFile: String, options: SynthesisOptions, result: SynthesisResult) {
        self.spec = specFile
        specPath = URL(fileURLWithPath: spec.file).standardizedFileURL.path
        specDigest = Self.digest(ofFile: specPath)
        setting = spec.setting
        self.options = options
        outcome = result.outcome.name
        if case .inconclusive(let r) = result.outcome { reason = r }
        best = result.best
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

    /// FNV-1a (64 bits) of the file's bytes, in hex; nil when it cannot be read.
    static func digest(ofFile path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(command, forKey: .command)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(spec, forKey: .spec)
        try c.encode(specPath, forKey: .specPath)
        try c.encode(specDigest, forKey: .specDigest)
        try c.encode(setting, forKey: .setting)
        try c.encode(options, forKey: .options)
        try c.encode(versions, forKey: .versions)
        try c.encode(outcome, forKey: .outcome)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(best, forKey: .best)
        try c.encode(stats, forKey: .stats)
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

    enum CodingKeys: String, CodingKey {
        case command, startedAt, spec, specPath, specDigest, setting, options, versions, outcome, reason, best, stats, trust, nextRules,
             generalization, everyN, protocolText, rulesText, protocolFile, specFailsRegardless, refutation, cubeCount, cubeRuns
    }
}

/// The part of a run record `ggms replay` reads back.
struct RecordedRun: Decodable {
    var spec: String
    var specPath: String?
    var specDigest: String?
    var rulesText: String?
    var options: SynthesisOptions
    var outcome: String
    var protocolText: String?
    var versions: RunRecord.Versions?
    var reason: String?
    var stats: Seconds?

    /// The one statistic `merge` reads (so records of other versions still merge).
    struct Seconds: Decodable { var totalSeconds: Double? }
}

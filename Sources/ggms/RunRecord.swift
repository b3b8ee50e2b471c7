import BLASKit
import Encoder
import Foundation
import Search
import SpecLanguage
import Z3Kit

/// The run record written next to a synthesized protocol: enough to replay the run (command,
/// every option with its default filled in, seed, limits, library versions) and to see where
/// the time went.
struct RunRecord: Encodable {
    struct Options: Encodable {
        var strategy: String
        var seed: UInt64
        var timeLimit: Double?
        var useEncoder: Bool
        var symbolicLearning: Bool
        var simplify: Bool
        var encoder: EncoderConfig
        var explorationConstant: Float
        var patience: Int
        var trainEvery: Int
        var trainingBatch: Int
        var poolLimit: Int
        var solverTimeoutMilliseconds: UInt32
        var generalizationBound: Int
    }
    struct Versions: Encodable {
        var ggms = GGMSVersion.current
        var z3 = Z3Kit.version
        var openblas = BLAS.version
    }

    var command: [String] = CommandLine.arguments
    var startedAt: String = ISO8601DateFormatter().string(from: Date())
    var spec: String
    var setting: Setting
    var options: Options
    var versions = Versions()
    var outcome: String
    var reason: String?
    var bestScore: Double
    var stats: SynthesisStats
    var trust: TrustReport?
    var nextRules: Int?
    var generalization: Generalization?
    var protocolText: String?

    init(spec: Spec, specFile: String, options o: SynthesisOptions, result: SynthesisResult, bound: Int) {
        self.spec = specFile
        setting = spec.setting
        options = Options(strategy: o.strategy.rawValue, seed: o.seed, timeLimit: o.timeLimit, useEncoder: o.useEncoder,
                          symbolicLearning: o.usesSymbolicLearning, simplify: o.simplify,
                          encoder: o.encoder, explorationConstant: o.explorationConstant, patience: o.patience,
                          trainEvery: o.trainEvery, trainingBatch: o.trainingBatch, poolLimit: o.poolLimit,
                          solverTimeoutMilliseconds: o.solverTimeout, generalizationBound: bound)
        outcome = result.outcome.name
        if case .inconclusive(let r) = result.outcome { reason = r }
        bestScore = result.bestScore
        stats = result.stats
    }
}

import Encoder

extension SynthesisOptions: Codable {
    enum CodingKeys: String, CodingKey {
        case strategy, seed, timeLimit, useEncoder, encoder, explorationConstant, patience, trainEvery,
             trainingBatch, priorFloor, playoutSteps, symbolicLearning, simplify, poolLimit, restartBase,
             solverTimeout = "solverTimeoutMilliseconds", generalizationBound
    }

    /// Reads options written by `encode(to:)`; a missing key keeps its default, so records of
    /// older versions still replay.
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func read<T: Decodable>(_ key: CodingKeys, _ value: inout T) throws {
            if let v = try c.decodeIfPresent(T.self, forKey: key) { value = v }
        }
        try read(.strategy, &strategy)
        try read(.seed, &seed)
        timeLimit = try c.decodeIfPresent(Double.self, forKey: .timeLimit)
        try read(.useEncoder, &useEncoder)
        try read(.encoder, &encoder)
        try read(.explorationConstant, &explorationConstant)
        try read(.patience, &patience)
        try read(.trainEvery, &trainEvery)
        try read(.trainingBatch, &trainingBatch)
        try read(.priorFloor, &priorFloor)
        try read(.playoutSteps, &playoutSteps)
        try read(.symbolicLearning, &symbolicLearning)
        try read(.simplify, &simplify)
        try read(.poolLimit, &poolLimit)
        try read(.restartBase, &restartBase)
        try read(.solverTimeout, &solverTimeout)
        generalizationBound = try c.decodeIfPresent(Int.self, forKey: .generalizationBound)
    }

    /// Writes every option; unset optionals as `null` (never left out).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(strategy, forKey: .strategy)
        try c.encode(seed, forKey: .seed)
        try c.encode(timeLimit, forKey: .timeLimit)
        try c.encode(useEncoder, forKey: .useEncoder)
        try c.encode(self.encoder, forKey: .encoder)
        try c.encode(explorationConstant, forKey: .explorationConstant)
        try c.encode(patience, forKey: .patience)
        try c.encode(trainEvery, forKey: .trainEvery)
        try c.encode(trainingBatch, forKey: .trainingBatch)
        try c.encode(priorFloor, forKey: .priorFloor)
        try c.encode(playoutSteps, forKey: .playoutSteps)
        try c.encode(symbolicLearning, forKey: .symbolicLearning)
        try c.encode(simplify, forKey: .simplify)
        try c.encode(poolLimit, forKey: .poolLimit)
        try c.encode(restartBase, forKey: .restartBase)
        try c.encode(solverTimeout, forKey: .solverTimeout)
        try c.encode(generalizationBound, forKey: .generalizationBound)
    }
}

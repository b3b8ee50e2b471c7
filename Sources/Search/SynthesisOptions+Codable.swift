import Encoder

extension SynthesisOptions {
    /// The first option out of its range, said the way a user should read it; nil when all are
    /// usable. The command line and a decoded run record are checked with it, so no value can
    /// reach the search that would trap there (a zero `trainEvery` divides by zero).
    public var problem: String? {
        if let timeLimit, !(timeLimit > 0 && timeLimit.isFinite) { return "timeLimit \(timeLimit) is not a number of seconds above 0" }
        if patience < 0 { return "patience \(patience) is negative; expected at least 0" }
        if playoutSteps < 0 { return "playoutSteps \(playoutSteps) is negative; expected at least 0" }
        if restartBase < 0 { return "restartBase \(restartBase) is negative; expected at least 0 (0: no restarts)" }
        if trainEvery < 1 { return "trainEvery \(trainEvery) is below 1" }
        if trainingBatch < 1 { return "trainingBatch \(trainingBatch) is below 1" }
        if poolLimit < 0 { return "poolLimit \(poolLimit) is negative" }
        if !(certificateSeconds >= 0 && certificateSeconds.isFinite) { return "certificateSeconds \(certificateSeconds) is not a number of seconds at least 0" }
        if solverTimeout < 1 { return "solverTimeoutMilliseconds is below 1" }
        if !(explorationConstant.isFinite && explorationConstant >= 0) { return "explorationConstant \(explorationConstant) is not a number at least 0" }
        if !(priorFloor >= 0 && priorFloor <= 1) { return "priorFloor \(priorFloor) is outside 0...1" }
        if jobs < 1 { return "jobs \(jobs) is below 1" }
        if let cubes, cubes < 1 { return "cubes \(cubes) is below 1" }
        if !(cubeSeconds > 0 && cubeSeconds.isFinite) { return "cubeSeconds \(cubeSeconds) is not a number of seconds above 0" }
        if !(1...64).contains(counterexamples) { return "counterexamples \(counterexamples) is outside 1...64" }
        if let order = candidateOrder, strategy != .cegis { return "candidateOrder \(order.rawValue) applies to strategy cegis only; expected null" }
        if let g = generalizationBound, g < 2 || g > 63 { return "generalizationBound \(g) is outside 2...63" }
        if encoder.model < 1 || encoder.heads < 1 || encoder.model % encoder.heads != 0 || encoder.layers < 0 || encoder.ffHidden < 1 {
            return "the encoder's sizes do not fit (model a positive multiple of heads, layers at least 0, ffHidden at least 1)"
        }
        if !(encoder.learningRate.isFinite && encoder.learningRate > 0) { return "the encoder's learningRate is not above 0" }
        return nil
    }
}

extension SynthesisOptions: Codable {
    enum CodingKeys: String, CodingKey {
        case strategy, seed, timeLimit, useEncoder, encoder, explorationConstant, patience, trainEvery,
             trainingBatch, priorFloor, playoutSteps, symbolicLearning, simplify, poolLimit, restartBase,
             solverTimeout = "solverTimeoutMilliseconds", generalizationBound, cube, jobs, cubes, cubeSeconds, counterexamples,
             candidateOrder
    }

    /// Reads options written by `encode(to:)`; a missing key keeps its default (a missing
    /// `candidateOrder` reads as `near-last`, the order older versions used), so records of
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
        cube = try c.decodeIfPresent(Cube.self, forKey: .cube)
        try read(.jobs, &jobs)
        cubes = try c.decodeIfPresent(Int.self, forKey: .cubes)
        try read(.cubeSeconds, &cubeSeconds)
        try read(.counterexamples, &counterexamples)
        // `null` is the default order by space; a record from before the option has no key,
        // and its cegis ran near-last everywhere (Z3's own order), cubes included.
        candidateOrder = c.contains(.candidateOrder) ? try c.decodeIfPresent(CandidateOrder.self, forKey: .candidateOrder) : (strategy == .cegis ? .nearLast : nil)
        if let problem {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: c.codingPath, debugDescription: problem))
        }
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
        try c.encode(cube, forKey: .cube)
        try c.encode(jobs, forKey: .jobs)
        try c.encode(cubes, forKey: .cubes)
        try c.encode(cubeSeconds, forKey: .cubeSeconds)
        try c.encode(counterexamples, forKey: .counterexamples)
        try c.encode(candidateOrder, forKey: .candidateOrder)
    }
}

extension ActionEncoder {
    /// Floating-point operations (`2·m·n·k` per matrix product; elementwise kernels excluded)
    /// of one forward and of one backward pass over `batch` information sets, for GFLOP/s
    /// reporting. Exactly the products ``predict(_:)`` / ``lossAndGradient(_:)`` issue.
    /// - Parameters:
    ///   - batch: number of information sets.
    ///   - roundAware: whether each carries a round token (`T = M + 3`, else `M + 2`; `M = K`
    ///     when messages are states).
    ///   - bySender: whether the information sets are by sender (identities: `T = n + 1`, else `n`).
    /// - Complexity: O(1).
    public func flops(batch: Int, roundAware: Bool = true, bySender: Bool = false) -> (forward: Double, backward: Double) {
        let t = Double(bySender ? BatchLayout.tokenCount(processes: featurizer.processes, roundAware: roundAware)
                                : BatchLayout.tokenCount(messageCount: featurizer.messageCount, roundAware: roundAware))
        let d = Double(parameterLayout.model), heads = Double(parameterLayout.heads)
        let dh = Double(parameterLayout.headWidth), f = Double(parameterLayout.ffHidden)
        let k = Double(stateCount), layers = Double(parameterLayout.layers.count)
        let tf = Double(TokenFeature.width), fa = Double(ActionFeature.width)

        // Per information set.
        let embedding = 2 * t * tf * d
        let projections = 3 * heads * 2 * t * d * dh      // Q, K, V
        let attention = heads * 2 * (2 * t * t * dh)      // QKᵀ and P·V
        let output = heads * 2 * t * dh * d               // Σ_h O_h·Wo_h
        let mlp = 2 * (2 * t * d * f)                     // W1 and W2
        let block = projections + attention + output + mlp
        let heads0 = 2 * d * d + 2 * k * fa * d + 2 * k * fa + 2 * k * d + 2 * d
        let forward = embedding + layers * block + heads0

        // Backward: every product above has its two gradient products (weights and input),
        // except the ones whose input is data (token and action features: weights only), and
        // attention, whose four products are dP, dV, dQ, dK.
        let blockBackward = 2 * projections + 2 * attention + 2 * output + 2 * mlp
        let headsBackward = 2 * (2 * d * d) + 2 * k * fa * d + 2 * k * fa + 2 * (2 * k * d) + 2 * (2 * d)
        let backward = embedding + layers * blockBackward + headsBackward
        let b = Double(batch)
        return (forward * b, backward * b)
    }
}

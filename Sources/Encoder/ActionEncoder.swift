import BLASKit

// # Encoder
//
// The learned action prior and value estimate of the GGMS search (docs/search.md).
//
// An information set (own state, observation `heard[0..<M]` + `missing`, round when
// round-aware) becomes `T = M + 2 (+1)` tokens: `self`, one token per message kind `k` with its
// count, `missing`, and `round` (`M = K` when the messages are the states). No positional encoding: the message tokens are a set, so the
// encoder's output does not depend on the order they are stacked in. Under identities an
// information set by sender (own index `id`, what arrived from each other process) becomes
// `T = n (+1)` tokens: `self` (with `id`), one token per other process `j` (its message or
// none, its index relative to `id` and its absolute index), and `round` (Featurizer.swift).
//
// Shapes for a batch of `B` information sets (`N = Σ_b T_b` tokens stacked row-wise,
// `d` = config.model, `H` heads of width `dh = d / H`, `f` = config.ffHidden,
// `F` = 47 token features, `Fa` = 11 action features):
//
//     token features   X_f  N x F      (Featurizer.swift documents the columns)
//     embedding        X0 = X_f · W_e                 N x d
//     block l (pre-LN), for each head h and example b (rows of b only, T_b x ·):
//         A  = LN1(X)                                 N x d
//         Q_h, K_h, V_h = A · Wq_h, A · Wk_h, A · Wv_h  N x dh each
//         P_hb = softmax(Q_hb · K_hbᵀ / √dh)          T_b x T_b
//         O_hb = P_hb · V_hb                          T_b x dh
//         X' = X + Σ_h O_h · Wo_h + bo                N x d
//         X'' = X' + act(LN2(X') · W1 + b1) · W2 + b2   (hidden N x f)
//     c_b = mean over b's rows of LNf(X_L)            B x d   (context)
//     q_b = c_b · Wp + bp                             B x d
//     e_ba = f_ba · Wa                                B·K x d  (f_ba: Fa action features)
//     logit_ba = q_b · e_ba / √d + f_ba · ua          B x K
//     value_b = sigmoid(c_b · wv + bv)                B
//
// Loss (mean over the batch): cross-entropy(π_b, softmax(logit_b)) + valueWeight·(value_b − z_b)².
// Every matrix product, forward and backward, is one `BLAS.gemm` on packed row-major buffers;
// the rest are the elementwise kernels of Kernels.swift. Parameters, their gradient and the Adam
// moments are flat vectors in the order of ParameterLayout.swift.

/// Transformer action encoder: a prior over the `K` candidate actions of an information set and
/// an estimate of the checker score, trained online (AlphaZero-style) with Adam.
///
/// One instance per task: it owns its buffers and is not `Sendable`. With BLAS pinned to one
/// thread (`BLAS.setThreads(1)`), the same seed and the same training batches give
/// bitwise-identical parameters.
public final class ActionEncoder {
    /// Sizes and optimiser settings.
    public let config: EncoderConfig
    /// `K`, the number of local states (= candidate actions), 1...8.
    let stateCount: Int
    let parameterLayout: ParameterLayout
    let featurizer: Featurizer

    let parameterStorage: FloatStorage
    let gradientStorage: FloatStorage
    let firstMoment: FloatStorage
    let secondMoment: FloatStorage
    /// Adam updates taken so far.
    private(set) var adamSteps = 0
    /// Activation and scratch memory; grows to the largest batch seen, never shrinks.
    var workspace = FloatStorage(count: 0)
    /// Floating-point operations issued to `gemm` so far (2·m·n·k per call), for tests of ``flops(batch:roundAware:)``.
    var countedFlops: Double = 0

    /// - Parameters:
    ///   - config: sizes, optimiser settings and the initialisation seed.
    ///   - stateCount: `K`, the number of local states, in 1...8.
    ///   - messageCount: `M`, the size of the protocol's own message alphabet (in 1...8): the
    ///     observations count `M` messages, which are not states. nil (the default): the
    ///     messages are the states, `M = K`.
    ///   - processes: `n`; counts are normalised by `n − 1`.
    ///   - rounds: `R`; the round token carries `round / R`.
    /// - Complexity: O(``parameterCount``).
    public init(config: EncoderConfig, stateCount: Int, messageCount: Int? = nil, processes: Int, rounds: Int) {
        precondition((1...TokenFeature.maxStates).contains(stateCount), "ActionEncoder: stateCount \(stateCount) outside 1...\(TokenFeature.maxStates)")
        precondition(messageCount.map { (1...TokenFeature.maxStates).contains($0) } ?? true,
                     "ActionEncoder: messageCount outside 1...\(TokenFeature.maxStates)")
        precondition(processes >= 1 && rounds >= 0, "ActionEncoder: processes >= 1 and rounds >= 0")
        self.config = config
        self.stateCount = stateCount
        parameterLayout = ParameterLayout(config: config)
        featurizer = Featurizer(stateCount: stateCount, messageCount: messageCount ?? stateCount, messagesAreStates: messageCount == nil,
                                processes: processes, others: Float(max(1, processes - 1)), rounds: Float(max(1, rounds)))
        let count = parameterLayout.count
        parameterStorage = FloatStorage(count: count)
        gradientStorage = FloatStorage(count: count)
        firstMoment = FloatStorage(count: count)
        secondMoment = FloatStorage(count: count)
        parameterLayout.initialise(parameterStorage.buffer, seed: config.seed)
    }

    /// Number of trainable parameters.
    public var parameterCount: Int { parameterLayout.count }

    /// All parameters as one flat vector, in the order of the gradient of ``lossAndGradient(_:)``.
    /// Setting replaces them (the Adam moments are kept).
    /// - Precondition: a new value has ``parameterCount`` elements.
    public var parameters: [Float] {
        get { Array(parameterStorage.buffer) }
        set {
            precondition(newValue.count == parameterCount, "ActionEncoder.parameters: expected \(parameterCount) values, got \(newValue.count)")
            for (i, value) in newValue.enumerated() { parameterStorage.buffer[i] = value }
        }
    }

    /// Policy logits, prior and value for each information set.
    /// - Parameter batch: information sets, each valid for this encoder's `K`.
    /// - Returns: one output per input, in order.
    /// - Complexity: ``flops(batch:roundAware:)``.forward floating-point operations.
    public func predict(_ batch: [EncoderInput]) -> [EncoderOutput] {
        predict(batch, tokenOrder: nil)
    }

    /// One Adam step on the batch's mean loss (after clipping the gradient when
    /// `config.gradientClipNorm` is set).
    /// - Returns: the mean loss before the step.
    /// - Precondition: the batch is not empty; every policy has `K` entries.
    /// - Complexity: forward + backward flops, plus O(``parameterCount``).
    @discardableResult
    public func train(_ batch: [TrainingExample]) -> Float {
        let loss = computeGradient(batch)
        let count = parameterCount
        if let clip = config.gradientClipNorm {
            let norm = l2Norm(gradientStorage.buffer, count: count)
            if norm > Double(clip) { scale(gradientStorage.buffer, count: count, by: Float(Double(clip) / norm)) }
        }
        adamSteps += 1
        adamStep(parameters: parameterStorage.buffer, gradient: gradientStorage.buffer,
                 m: firstMoment.buffer, v: secondMoment.buffer, count: count,
                 step: adamSteps, learningRate: config.learningRate)
        return Float(loss)
    }

    /// Mean loss over the batch and its gradient with respect to ``parameters`` (same order),
    /// without changing anything.
    /// - Precondition: the batch is not empty; every policy has `K` entries.
    /// - Complexity: forward + backward flops.
    public func lossAndGradient(_ batch: [TrainingExample]) -> (loss: Float, gradient: [Float]) {
        let loss = computeGradient(batch)
        return (Float(loss), Array(gradientStorage.buffer))
    }

    // MARK: - Internal entry points (also the test hooks)

    /// ``predict(_:)`` with the tokens of each example stacked in the order `tokenOrder(T)`
    /// (see ``Featurizer/writeTokens(_:layout:into:order:)``); the output must not depend on it.
    func predict(_ batch: [EncoderInput], tokenOrder: ((Int) -> [Int])?) -> [EncoderOutput] {
        guard !batch.isEmpty else { return [] }
        let (tape, _) = forward(batch, tokenOrder: tokenOrder)
        let k = stateCount
        return (0..<batch.count).map { b in
            EncoderOutput(logits: Array(slice(tape.logits, b * k, k)),
                          value: tape.value[b],
                          policy: Array(slice(tape.probabilities, b * k, k)))
        }
    }

    /// Mean loss of the batch, accumulated in `Double` (forward only), for finite differences.
    func loss(_ batch: [TrainingExample]) -> Double {
        precondition(!batch.isEmpty, "ActionEncoder: empty training batch")
        let (tape, _) = forward(batch.map(\.input), tokenOrder: nil)
        return lossAndOutputGradient(batch, tape: tape)
    }

    /// Forward, loss and backward; leaves the gradient in `gradientStorage`. Returns the mean loss.
    func computeGradient(_ batch: [TrainingExample]) -> Double {
        precondition(!batch.isEmpty, "ActionEncoder: empty training batch")
        let (tape, layout) = forward(batch.map(\.input), tokenOrder: nil)
        let loss = lossAndOutputGradient(batch, tape: tape)
        gradientStorage.zero()
        backward(tape, batch: layout)
        return loss
    }

    /// Names and ranges of the parameter blocks, in order.
    var parameterBlocks: [(name: String, range: Range<Int>)] {
        parameterLayout.blocks.map { ($0.name, $0.range) }
    }

    /// `c = alpha·op(a)·op(b) + beta·c` through `BLAS.gemm`, counting `2·m·n·k` flops.
    @inline(__always)
    func gemm(_ m: Int, _ n: Int, _ k: Int, _ a: Floats, transposeA: Bool = false,
              _ b: Floats, transposeB: Bool = false, into c: Floats,
              alpha: Float = 1, beta: Float = 0) {
        countedFlops += Double(2 * m * n * k)
        BLAS.gemm(m: m, n: n, k: k, UnsafeBufferPointer(a), transposeA: transposeA,
                  UnsafeBufferPointer(b), transposeB: transposeB, c, alpha: alpha, beta: beta)
    }

    /// Carves a tape for `layout` out of the workspace, growing it when needed.
    func makeTape(_ layout: BatchLayout) -> Tape {
        var measure = Carver(base: nil)
        _ = Tape(carving: &measure, layout: layout, parameters: parameterLayout, stateCount: stateCount)
        if workspace.count < measure.used { workspace = FloatStorage(count: measure.used) }
        var carver = Carver(base: workspace.buffer.baseAddress)
        return Tape(carving: &carver, layout: layout, parameters: parameterLayout, stateCount: stateCount)
    }
}

/// The hidden nonlinearity of the encoder's feed-forward blocks.
public enum EncoderActivation: String, Sendable, Hashable, Codable, CaseIterable {
    /// `max(0, x)`.
    case relu
    /// The tanh approximation `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`; smooth, so finite
    /// differences check it everywhere.
    case gelu
}

/// Sizes and optimiser settings of an ``ActionEncoder``.
///
/// Every field has a small default; a run records the whole value (it is `Codable`), so a
/// trained encoder replays from its configuration, its seed and its training batches.
public struct EncoderConfig: Sendable, Hashable, Codable {
    /// Model width `d`: every token, the context vector and every action embedding have `d`
    /// components. Must be a positive multiple of `heads`.
    public var model: Int = 32
    /// Attention heads per layer; each head works in `d / heads` dimensions.
    public var heads: Int = 2
    /// Transformer blocks (pre-LayerNorm attention + MLP, each with a residual).
    public var layers: Int = 2
    /// Hidden width of each block's MLP.
    public var ffHidden: Int = 64
    /// Adam step size.
    public var learningRate: Float = 1e-3
    /// Weight of the squared value error relative to the policy cross-entropy in the loss.
    public var valueWeight: Float = 1
    /// Seed of the parameter initialisation (SplitMix64).
    public var seed: UInt64 = 1
    /// MLP nonlinearity.
    public var activation: EncoderActivation = .gelu
    /// When set, ``ActionEncoder/train(_:)`` rescales the gradient so that its global L2 norm is
    /// at most this value before the Adam step. `nil`: no clipping.
    public var gradientClipNorm: Float? = nil

    /// The defaults: `d = 32`, 2 heads, 2 layers, MLP width 64, learning rate `1e-3`.
    public init() {}

    /// Memberwise initialiser; every argument defaults to the value of ``init()``.
    public init(model: Int = 32, heads: Int = 2, layers: Int = 2, ffHidden: Int = 64,
                learningRate: Float = 1e-3, valueWeight: Float = 1, seed: UInt64 = 1,
                activation: EncoderActivation = .gelu, gradientClipNorm: Float? = nil) {
        self.model = model
        self.heads = heads
        self.layers = layers
        self.ffHidden = ffHidden
        self.learningRate = learningRate
        self.valueWeight = valueWeight
        self.seed = seed
        self.activation = activation
        self.gradientClipNorm = gradientClipNorm
    }
}

import Utilities

/// Where every parameter block sits in the flat parameter vector (also the gradient's order).
///
/// Order and shapes (`d` = model, `H` = heads, `dh = d / H`, `f` = ffHidden,
/// `F` = ``TokenFeature/width``, `Fa` = ``ActionFeature/width``):
///
/// 1. `embedding`            `F x d`            token features → model space
/// 2. per layer `l`:
///    `ln1.gain`, `ln1.bias` `d` each
///    `wq`, `wk`, `wv`       `H x (d x dh)`     head `h`'s projection is the `h`-th `d x dh` matrix
///    `wo`                   `H x (dh x d)`     head `h`'s output projection
///    `bo`                   `d`
///    `ln2.gain`, `ln2.bias` `d` each
///    `w1` `d x f`, `b1` `f`, `w2` `f x d`, `b2` `d`
/// 3. `lnf.gain`, `lnf.bias` `d` each           final LayerNorm
/// 4. `wp` `d x d`, `bp` `d`                    policy query `q = c·wp + bp`
/// 5. `wa` `Fa x d`                             action features → action embedding `e_a`
/// 6. `ua` `Fa`                                 action bias `f_a · ua`
/// 7. `wv` `d`, `bv` `1`                        value head
struct ParameterLayout {
    /// How a block is initialised.
    enum Initial {
        /// Uniform in `±sqrt(6 / (fanIn + fanOut))` (Glorot).
        case glorot(fanIn: Int, fanOut: Int)
        case zeros
        case ones
    }

    struct Block {
        let name: String
        let range: Range<Int>
        let initial: Initial
    }

    /// Offsets of one transformer block's parameters.
    struct Layer {
        var ln1Gain = 0, ln1Bias = 0, wq = 0, wk = 0, wv = 0, wo = 0, bo = 0
        var ln2Gain = 0, ln2Bias = 0, w1 = 0, b1 = 0, w2 = 0, b2 = 0
    }

    let model: Int, heads: Int, headWidth: Int, ffHidden: Int
    private(set) var embedding = 0
    private(set) var layers: [Layer] = []
    private(set) var lnfGain = 0, lnfBias = 0, wp = 0, bp = 0, wa = 0, ua = 0, valueWeights = 0, valueBias = 0
    private(set) var blocks: [Block] = []
    /// Total number of parameters.
    private(set) var count = 0

    init(config: EncoderConfig) {
        precondition(config.model > 0 && config.heads > 0 && config.model % config.heads == 0,
                     "EncoderConfig: model (\(config.model)) must be a positive multiple of heads (\(config.heads))")
        precondition(config.layers >= 0 && config.ffHidden > 0, "EncoderConfig: layers >= 0 and ffHidden > 0")
        let d = config.model, h = config.heads, dh = d / h, f = config.ffHidden
        model = d; heads = h; headWidth = dh; ffHidden = f
        let tf = TokenFeature.width, af = ActionFeature.width

        embedding = add("embedding", tf * d, .glorot(fanIn: tf, fanOut: d))
        for l in 0..<config.layers {
            var layer = Layer()
            layer.ln1Gain = add("layer\(l).ln1.gain", d, .ones)
            layer.ln1Bias = add("layer\(l).ln1.bias", d, .zeros)
            layer.wq = add("layer\(l).wq", h * d * dh, .glorot(fanIn: d, fanOut: dh))
            layer.wk = add("layer\(l).wk", h * d * dh, .glorot(fanIn: d, fanOut: dh))
            layer.wv = add("layer\(l).wv", h * d * dh, .glorot(fanIn: d, fanOut: dh))
            layer.wo = add("layer\(l).wo", h * dh * d, .glorot(fanIn: d, fanOut: d))
            layer.bo = add("layer\(l).bo", d, .zeros)
            layer.ln2Gain = add("layer\(l).ln2.gain", d, .ones)
            layer.ln2Bias = add("layer\(l).ln2.bias", d, .zeros)
            layer.w1 = add("layer\(l).w1", d * f, .glorot(fanIn: d, fanOut: f))
            layer.b1 = add("layer\(l).b1", f, .zeros)
            layer.w2 = add("layer\(l).w2", f * d, .glorot(fanIn: f, fanOut: d))
            layer.b2 = add("layer\(l).b2", d, .zeros)
            layers.append(layer)
        }
        lnfGain = add("lnf.gain", d, .ones)
        lnfBias = add("lnf.bias", d, .zeros)
        wp = add("wp", d * d, .glorot(fanIn: d, fanOut: d))
        bp = add("bp", d, .zeros)
        wa = add("wa", af * d, .glorot(fanIn: af, fanOut: d))
        ua = add("ua", af, .zeros)
        valueWeights = add("wv", d, .glorot(fanIn: d, fanOut: 1))
        valueBias = add("bv", 1, .zeros)
    }

    private mutating func add(_ name: String, _ size: Int, _ initial: Initial) -> Int {
        let offset = count
        blocks.append(Block(name: name, range: offset..<(offset + size), initial: initial))
        count += size
        return offset
    }

    /// Writes the initial values into `parameters` (`count` long), drawing from `generator` in
    /// block order. - Complexity: O(`count`).
    func initialise(_ parameters: Floats, seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        for block in blocks {
            switch block.initial {
            case .zeros: for i in block.range { parameters[i] = 0 }
            case .ones: for i in block.range { parameters[i] = 1 }
            case let .glorot(fanIn, fanOut):
                let bound = (6 / Float(fanIn + fanOut)).squareRoot()
                for i in block.range { parameters[i] = generator.uniform(bound) }
            }
        }
    }
}

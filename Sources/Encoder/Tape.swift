/// Activations of one forward pass, kept for the backward pass, and the backward scratch.
///
/// Shapes (`N` = Σ_b T_b stacked tokens, `B` examples, `K` actions, `S` = Σ_b T_b², `d`, `H`,
/// `dh`, `f` as in ``ParameterLayout``). Per-head buffers are head-major: head `h`'s
/// `N x dh` matrix starts at `h·N·dh`, and example `b`'s rows inside it are contiguous, so
/// every per-example attention product is a plain `gemm` on packed matrices.
struct Tape {
    struct Layer {
        var x: Floats          // N x d    block input (residual stream)
        var ln1: Floats        // N x d    LayerNorm 1 output
        var mean1: Floats      // N
        var rstd1: Floats      // N
        var q: Floats          // H x N x dh
        var k: Floats          // H x N x dh
        var v: Floats          // H x N x dh
        var p: Floats          // H x S    attention probabilities, example b's T_b x T_b at attentionStart[b]
        var o: Floats          // H x N x dh   attention · V
        var mid: Floats        // N x d    x + attention(ln1(x))
        var ln2: Floats        // N x d
        var mean2: Floats      // N
        var rstd2: Floats      // N
        var pre: Floats        // N x f    MLP pre-activation
        var act: Floats        // N x f    MLP activation
    }

    var tokenFeatures: Floats  // N x F
    var actionFeatures: Floats // B·K x Fa
    var layers: [Layer]
    var top: Floats            // N x d    output of the last block
    var lnf: Floats            // N x d    final LayerNorm output
    var meanf: Floats          // N
    var rstdf: Floats          // N
    var context: Floats        // B x d    mean over each example's tokens
    var query: Floats          // B x d    c·wp + bp
    var actionEmbedding: Floats // B·K x d
    var logits: Floats         // B·K
    var probabilities: Floats  // B·K      softmax per example
    var value: Floats          // B        sigmoid(c·wv + bv)

    // Backward scratch.
    var dx: Floats             // N x d    ∂L/∂(residual stream)
    var dh: Floats             // N x d    ∂L/∂(LayerNorm output)
    var dq: Floats             // H x N x dh
    var dk: Floats             // H x N x dh
    var dv: Floats             // H x N x dh
    var dO: Floats             // N x dh   one head at a time
    var dScores: Floats        // maxT x maxT
    var dHidden: Floats        // N x f
    var dContext: Floats       // B x d
    var dQuery: Floats         // B x d
    var dActionEmbedding: Floats // B·K x d
    var dLogits: Floats        // B·K
    var dValuePre: Floats      // B

    init(carving carver: inout Carver, layout: BatchLayout, parameters: ParameterLayout, stateCount: Int) {
        let n = layout.tokens, b = layout.examples, bk = b * stateCount
        let d = parameters.model, hn = parameters.heads * n * parameters.headWidth, f = parameters.ffHidden
        let s = layout.attentionSize, maxT = layout.maxTokens
        tokenFeatures = carver.take(n * TokenFeature.width)
        actionFeatures = carver.take(bk * ActionFeature.width)
        layers = []
        layers.reserveCapacity(parameters.layers.count)
        for _ in parameters.layers {
            layers.append(Layer(
                x: carver.take(n * d), ln1: carver.take(n * d), mean1: carver.take(n), rstd1: carver.take(n),
                q: carver.take(hn), k: carver.take(hn), v: carver.take(hn),
                p: carver.take(parameters.heads * s), o: carver.take(hn), mid: carver.take(n * d),
                ln2: carver.take(n * d), mean2: carver.take(n), rstd2: carver.take(n),
                pre: carver.take(n * f), act: carver.take(n * f)))
        }
        top = carver.take(n * d)
        lnf = carver.take(n * d)
        meanf = carver.take(n)
        rstdf = carver.take(n)
        context = carver.take(b * d)
        query = carver.take(b * d)
        actionEmbedding = carver.take(bk * d)
        logits = carver.take(bk)
        probabilities = carver.take(bk)
        value = carver.take(b)
        dx = carver.take(n * d)
        dh = carver.take(n * d)
        dq = carver.take(hn)
        dk = carver.take(hn)
        dv = carver.take(hn)
        dO = carver.take(n * parameters.headWidth)
        dScores = carver.take(maxT * maxT)
        dHidden = carver.take(n * f)
        dContext = carver.take(b * d)
        dQuery = carver.take(b * d)
        dActionEmbedding = carver.take(bk * d)
        dLogits = carver.take(bk)
        dValuePre = carver.take(b)
    }
}

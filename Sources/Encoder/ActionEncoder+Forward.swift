#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ActionEncoder {
    /// Runs the network on `inputs`, filling a tape with every activation the backward pass
    /// needs, the logits, the per-example softmax and the values.
    /// - Complexity: ``flops(batch:roundAware:)``.forward in `gemm`, plus O(N·(d + f) + H·Σ T_b²)
    ///   elementwise work.
    func forward(_ inputs: [EncoderInput], tokenOrder: ((Int) -> [Int])?) -> (tape: Tape, layout: BatchLayout) {
        for input in inputs { featurizer.validate(input) }
        let batch = BatchLayout(inputs, messageCount: featurizer.messageCount)
        let tape = makeTape(batch)
        tape.tokenFeatures.update(repeating: 0)
        tape.actionFeatures.update(repeating: 0)
        featurizer.writeTokens(inputs, layout: batch, into: tape.tokenFeatures, order: tokenOrder)
        featurizer.writeActions(inputs, into: tape.actionFeatures)

        let w = parameterStorage, pl = parameterLayout
        let n = batch.tokens, d = pl.model, f = pl.ffHidden

        // Embedding: X0 = X_f · W_e.
        let x0 = tape.layers.first?.x ?? tape.top
        gemm(n, d, TokenFeature.width, tape.tokenFeatures, w.view(pl.embedding, TokenFeature.width * d), into: x0)

        for (l, p) in pl.layers.enumerated() {
            let t = tape.layers[l]
            let out = l + 1 < tape.layers.count ? tape.layers[l + 1].x : tape.top
            // Attention sub-block: mid = x + Σ_h O_h·Wo_h + bo.
            layerNormForward(t.x, rows: n, cols: d, gain: w.view(p.ln1Gain, d), bias: w.view(p.ln1Bias, d),
                             into: t.ln1, mean: t.mean1, rstd: t.rstd1)
            attentionForward(t, layer: p, batch: batch)
            copyFloats(t.x, into: t.mid, count: n * d)
            addToRows(t.mid, rows: n, cols: d, row: w.view(p.bo, d))
            let dh = pl.headWidth
            for h in 0..<pl.heads {
                gemm(n, d, dh, slice(t.o, h * n * dh, n * dh), w.view(p.wo + h * dh * d, dh * d), into: t.mid, beta: 1)
            }
            // MLP sub-block: out = mid + act(LN2(mid)·W1 + b1)·W2 + b2.
            layerNormForward(t.mid, rows: n, cols: d, gain: w.view(p.ln2Gain, d), bias: w.view(p.ln2Bias, d),
                             into: t.ln2, mean: t.mean2, rstd: t.rstd2)
            fillRows(t.pre, rows: n, cols: f, with: w.view(p.b1, f))
            gemm(n, f, d, t.ln2, w.view(p.w1, d * f), into: t.pre, beta: 1)
            activationForward(config.activation, t.pre, into: t.act, count: n * f)
            copyFloats(t.mid, into: out, count: n * d)
            addToRows(out, rows: n, cols: d, row: w.view(p.b2, d))
            gemm(n, d, f, t.act, w.view(p.w2, f * d), into: out, beta: 1)
        }

        layerNormForward(tape.top, rows: n, cols: d, gain: w.view(pl.lnfGain, d), bias: w.view(pl.lnfBias, d),
                         into: tape.lnf, mean: tape.meanf, rstd: tape.rstdf)
        meanPool(tape.lnf, batch: batch, cols: d, into: tape.context)
        headsForward(tape, examples: batch.examples)
        return (tape, batch)
    }

    /// Per head: projections of the LayerNorm output, then per example the `T_b x T_b`
    /// attention and its product with V.
    private func attentionForward(_ t: Tape.Layer, layer p: ParameterLayout.Layer, batch: BatchLayout) {
        let w = parameterStorage, pl = parameterLayout
        let n = batch.tokens, d = pl.model, dh = pl.headWidth, s = batch.attentionSize
        let scale = 1 / sqrtf(Float(dh))
        for h in 0..<pl.heads {
            let head = h * n * dh
            let q = slice(t.q, head, n * dh), k = slice(t.k, head, n * dh), v = slice(t.v, head, n * dh)
            gemm(n, dh, d, t.ln1, w.view(p.wq + h * d * dh, d * dh), into: q)
            gemm(n, dh, d, t.ln1, w.view(p.wk + h * d * dh, d * dh), into: k)
            gemm(n, dh, d, t.ln1, w.view(p.wv + h * d * dh, d * dh), into: v)
            for b in 0..<batch.examples {
                let tb = batch.tokenCount(b), row = batch.tokenStart[b] * dh
                let probabilities = slice(t.p, h * s + batch.attentionStart[b], tb * tb)
                gemm(tb, tb, dh, slice(q, row, tb * dh), slice(k, row, tb * dh), transposeB: true,
                     into: probabilities, alpha: scale)
                softmaxRows(probabilities, rows: tb, cols: tb)
                gemm(tb, dh, tb, probabilities, slice(v, row, tb * dh), into: slice(t.o, head + row, tb * dh))
            }
        }
    }

    /// `context[b] = mean of rows tokenStart[b]..<tokenStart[b+1] of x` (`x`: N x cols).
    private func meanPool(_ x: Floats, batch: BatchLayout, cols: Int, into context: Floats) {
        for b in 0..<batch.examples {
            let inverse = 1 / Float(batch.tokenCount(b))
            for c in 0..<cols { context[b * cols + c] = 0 }
            for r in batch.tokenStart[b]..<batch.tokenStart[b + 1] {
                for c in 0..<cols { context[b * cols + c] += x[r * cols + c] }
            }
            for c in 0..<cols { context[b * cols + c] *= inverse }
        }
    }

    /// Policy and value heads from the context vectors.
    private func headsForward(_ tape: Tape, examples b: Int) {
        let w = parameterStorage, pl = parameterLayout
        let d = pl.model, k = stateCount, fa = ActionFeature.width
        fillRows(tape.query, rows: b, cols: d, with: w.view(pl.bp, d))
        gemm(b, d, d, tape.context, w.view(pl.wp, d * d), into: tape.query, beta: 1)
        gemm(b * k, d, fa, tape.actionFeatures, w.view(pl.wa, fa * d), into: tape.actionEmbedding)
        gemm(b * k, 1, fa, tape.actionFeatures, w.view(pl.ua, fa), into: tape.logits)
        let scale = 1 / sqrtf(Float(d))
        for e in 0..<b {
            gemm(k, 1, d, slice(tape.actionEmbedding, e * k * d, k * d), slice(tape.query, e * d, d),
                 into: slice(tape.logits, e * k, k), alpha: scale, beta: 1)
        }
        copyFloats(tape.logits, into: tape.probabilities, count: b * k)
        softmaxRows(tape.probabilities, rows: b, cols: k)
        let bias = w.buffer[pl.valueBias]
        for e in 0..<b { tape.value[e] = bias }
        gemm(b, 1, d, tape.context, w.view(pl.valueWeights, d), into: tape.value, beta: 1)
        for e in 0..<b { tape.value[e] = sigmoid(tape.value[e]) }
    }

    /// Mean loss of the batch (accumulated in `Double`), and the loss's gradient with respect to
    /// the logits and the value pre-activations, written to `tape.dLogits` and `tape.dValuePre`.
    func lossAndOutputGradient(_ examples: [TrainingExample], tape: Tape) -> Double {
        let k = stateCount, inverseBatch = 1 / Float(examples.count)
        let valueWeight = config.valueWeight
        var total: Double = 0
        for (b, example) in examples.enumerated() {
            precondition(example.policy.count == k, "TrainingExample: policy has \(example.policy.count) entries, expected K = \(k)")
            var peak = -Double.infinity
            for a in 0..<k { peak = max(peak, Double(tape.logits[b * k + a])) }
            var sum: Double = 0
            for a in 0..<k { sum += exp(Double(tape.logits[b * k + a]) - peak) }
            let logSumExp = peak + log(sum)
            var mass: Float = 0
            for a in 0..<k {
                let target = example.policy[a]
                mass += target
                if target != 0 { total -= Double(target) * (Double(tape.logits[b * k + a]) - logSumExp) }
            }
            for a in 0..<k {
                tape.dLogits[b * k + a] = (tape.probabilities[b * k + a] * mass - example.policy[a]) * inverseBatch
            }
            let value = tape.value[b], error = value - example.value
            let exactError = Double(value) - Double(example.value)
            total += Double(valueWeight) * exactError * exactError
            tape.dValuePre[b] = 2 * valueWeight * error * inverseBatch * value * (1 - value)
        }
        return total / Double(examples.count)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ActionEncoder {
    /// Hand-written backpropagation through the pass recorded in `tape`. Needs `tape.dLogits`
    /// and `tape.dValuePre` (from ``lossAndOutputGradient(_:tape:)``); adds every parameter's
    /// gradient into `gradientStorage` (zeroed by the caller), in ``ParameterLayout`` order.
    /// - Complexity: ``flops(batch:roundAware:)``.backward in `gemm`, plus elementwise work
    ///   linear in the activations.
    func backward(_ tape: Tape, batch: BatchLayout) {
        let w = parameterStorage, g = gradientStorage, pl = parameterLayout
        let n = batch.tokens, d = pl.model, f = pl.ffHidden

        headsBackward(tape, examples: batch.examples)

        // Mean pool: every token of example b receives dContext[b] / T_b.
        for b in 0..<batch.examples {
            let inverse = 1 / Float(batch.tokenCount(b))
            for r in batch.tokenStart[b]..<batch.tokenStart[b + 1] {
                for c in 0..<d { tape.dh[r * d + c] = tape.dContext[b * d + c] * inverse }
            }
        }
        tape.dx.update(repeating: 0)
        layerNormBackward(tape.dh, x: tape.top, mean: tape.meanf, rstd: tape.rstdf, rows: n, cols: d,
                          gain: w.view(pl.lnfGain, d), dx: tape.dx,
                          dGain: g.view(pl.lnfGain, d), dBias: g.view(pl.lnfBias, d))

        for (l, p) in pl.layers.enumerated().reversed() {
            let t = tape.layers[l]
            // MLP sub-block; tape.dx holds ∂L/∂out.
            addColumnSums(tape.dx, rows: n, cols: d, into: g.view(p.b2, d))
            gemm(f, d, n, t.act, transposeA: true, tape.dx, into: g.view(p.w2, f * d), beta: 1)
            gemm(n, f, d, tape.dx, w.view(p.w2, f * d), transposeB: true, into: tape.dHidden)
            activationBackward(config.activation, t.pre, tape.dHidden, count: n * f)
            addColumnSums(tape.dHidden, rows: n, cols: f, into: g.view(p.b1, f))
            gemm(d, f, n, t.ln2, transposeA: true, tape.dHidden, into: g.view(p.w1, d * f), beta: 1)
            gemm(n, d, f, tape.dHidden, w.view(p.w1, d * f), transposeB: true, into: tape.dh)
            layerNormBackward(tape.dh, x: t.mid, mean: t.mean2, rstd: t.rstd2, rows: n, cols: d,
                              gain: w.view(p.ln2Gain, d), dx: tape.dx,
                              dGain: g.view(p.ln2Gain, d), dBias: g.view(p.ln2Bias, d))
            // Attention sub-block; tape.dx now holds ∂L/∂mid.
            addColumnSums(tape.dx, rows: n, cols: d, into: g.view(p.bo, d))
            attentionBackward(tape, layer: t, parameters: p, batch: batch)
            layerNormBackward(tape.dh, x: t.x, mean: t.mean1, rstd: t.rstd1, rows: n, cols: d,
                              gain: w.view(p.ln1Gain, d), dx: tape.dx,
                              dGain: g.view(p.ln1Gain, d), dBias: g.view(p.ln1Bias, d))
        }

        gemm(TokenFeature.width, d, n, tape.tokenFeatures, transposeA: true, tape.dx,
             into: g.view(pl.embedding, TokenFeature.width * d), beta: 1)
    }

    /// From `tape.dx` = ∂L/∂mid: gradients of Wo, Wq, Wk, Wv, and `tape.dh` = ∂L/∂LN1(x).
    private func attentionBackward(_ tape: Tape, layer t: Tape.Layer, parameters p: ParameterLayout.Layer,
                                   batch: BatchLayout) {
        let w = parameterStorage, g = gradientStorage, pl = parameterLayout
        let n = batch.tokens, d = pl.model, dh = pl.headWidth, s = batch.attentionSize
        let scale = 1 / sqrtf(Float(dh))
        for h in 0..<pl.heads {
            let head = h * n * dh
            let wo = h * dh * d
            gemm(dh, d, n, slice(t.o, head, n * dh), transposeA: true, tape.dx, into: g.view(p.wo + wo, dh * d), beta: 1)
            gemm(n, dh, d, tape.dx, w.view(p.wo + wo, dh * d), transposeB: true, into: tape.dO)
            for b in 0..<batch.examples {
                let tb = batch.tokenCount(b), row = batch.tokenStart[b] * dh
                let probabilities = slice(t.p, h * s + batch.attentionStart[b], tb * tb)
                let dScores = slice(tape.dScores, 0, tb * tb)
                let dO = slice(tape.dO, row, tb * dh)
                gemm(tb, tb, dh, dO, slice(t.v, head + row, tb * dh), transposeB: true, into: dScores)
                gemm(tb, dh, tb, probabilities, transposeA: true, dO, into: slice(tape.dv, head + row, tb * dh))
                softmaxBackwardRows(probabilities, dScores, rows: tb, cols: tb)
                gemm(tb, dh, tb, dScores, slice(t.k, head + row, tb * dh),
                     into: slice(tape.dq, head + row, tb * dh), alpha: scale)
                gemm(tb, dh, tb, dScores, transposeA: true, slice(t.q, head + row, tb * dh),
                     into: slice(tape.dk, head + row, tb * dh), alpha: scale)
            }
        }
        for h in 0..<pl.heads {
            let head = h * n * dh, wh = h * d * dh
            let projections = [(p.wq, tape.dq), (p.wk, tape.dk), (p.wv, tape.dv)]
            for (i, (offset, grad)) in projections.enumerated() {
                let dProjection = slice(grad, head, n * dh)
                gemm(d, dh, n, t.ln1, transposeA: true, dProjection, into: g.view(offset + wh, d * dh), beta: 1)
                gemm(n, d, dh, dProjection, w.view(offset + wh, d * dh), transposeB: true, into: tape.dh,
                     beta: h == 0 && i == 0 ? 0 : 1)
            }
        }
    }

    /// Value and policy heads: from `tape.dLogits`, `tape.dValuePre` to the head parameters'
    /// gradients and `tape.dContext` = ∂L/∂c.
    private func headsBackward(_ tape: Tape, examples b: Int) {
        let w = parameterStorage, g = gradientStorage, pl = parameterLayout
        let d = pl.model, k = stateCount, fa = ActionFeature.width
        // Value head.
        gemm(d, 1, b, tape.context, transposeA: true, tape.dValuePre, into: g.view(pl.valueWeights, d), beta: 1)
        for e in 0..<b { g.buffer[pl.valueBias] += tape.dValuePre[e] }
        // Policy head: logit_ba = q_b·e_ba / √d + f_ba·ua.
        let scale = 1 / sqrtf(Float(d))
        gemm(fa, 1, b * k, tape.actionFeatures, transposeA: true, tape.dLogits, into: g.view(pl.ua, fa), beta: 1)
        for e in 0..<b {
            let dLogits = slice(tape.dLogits, e * k, k)
            gemm(k, d, 1, dLogits, slice(tape.query, e * d, d), into: slice(tape.dActionEmbedding, e * k * d, k * d),
                 alpha: scale)
            gemm(d, 1, k, slice(tape.actionEmbedding, e * k * d, k * d), transposeA: true, dLogits,
                 into: slice(tape.dQuery, e * d, d), alpha: scale)
        }
        gemm(fa, d, b * k, tape.actionFeatures, transposeA: true, tape.dActionEmbedding, into: g.view(pl.wa, fa * d), beta: 1)
        gemm(d, d, b, tape.context, transposeA: true, tape.dQuery, into: g.view(pl.wp, d * d), beta: 1)
        addColumnSums(tape.dQuery, rows: b, cols: d, into: g.view(pl.bp, d))
        gemm(b, d, d, tape.dQuery, w.view(pl.wp, d * d), transposeB: true, into: tape.dContext)
        gemm(b, d, 1, tape.dValuePre, w.view(pl.valueWeights, d), into: tape.dContext, beta: 1)
    }
}

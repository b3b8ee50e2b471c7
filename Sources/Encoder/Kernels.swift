#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Elementwise kernels of the encoder: everything that is not a matrix product. Matrices are
// row-major `Floats` views; `rows x cols` means element (r, c) sits at `r * cols + c`.
// Each kernel is one pass over raw buffers, O(rows·cols), and allocates nothing.

/// Variance floor of every LayerNorm.
let layerNormEpsilon: Float = 1e-5

/// `y = gain ⊙ (x − mean) / sqrt(var + ε) + bias`, row by row.
/// - Parameters: `x`, `y`: `rows x cols`; `gain`, `bias`: `cols`; `mean`, `rstd`: `rows`
///   (written: each row's mean and `1 / sqrt(var + ε)`, kept for the backward pass).
func layerNormForward(_ x: Floats, rows: Int, cols: Int, gain: Floats, bias: Floats,
                      into y: Floats, mean: Floats, rstd: Floats) {
    let inverseCols = 1 / Float(cols)
    for r in 0..<rows {
        let row = r * cols
        var sum: Float = 0
        for c in 0..<cols { sum += x[row + c] }
        let mu = sum * inverseCols
        var squares: Float = 0
        for c in 0..<cols { let centred = x[row + c] - mu; squares += centred * centred }
        let inv = 1 / sqrtf(squares * inverseCols + layerNormEpsilon)
        mean[r] = mu
        rstd[r] = inv
        for c in 0..<cols { y[row + c] = gain[c] * (x[row + c] - mu) * inv + bias[c] }
    }
}

/// Backward of ``layerNormForward``: adds `∂L/∂x` into `dx` and `∂L/∂gain`, `∂L/∂bias` into
/// `dGain`, `dBias`, given `dy = ∂L/∂y`. Shapes as in the forward pass.
func layerNormBackward(_ dy: Floats, x: Floats, mean: Floats, rstd: Floats, rows: Int, cols: Int,
                       gain: Floats, dx: Floats, dGain: Floats, dBias: Floats) {
    let inverseCols = 1 / Float(cols)
    for r in 0..<rows {
        let row = r * cols
        let mu = mean[r], inv = rstd[r]
        var sumG: Float = 0, sumGX: Float = 0
        for c in 0..<cols {
            let xhat = (x[row + c] - mu) * inv
            let g = dy[row + c] * gain[c]
            sumG += g
            sumGX += g * xhat
            dGain[c] += dy[row + c] * xhat
            dBias[c] += dy[row + c]
        }
        let meanG = sumG * inverseCols, meanGX = sumGX * inverseCols
        for c in 0..<cols {
            let xhat = (x[row + c] - mu) * inv
            dx[row + c] += inv * (dy[row + c] * gain[c] - meanG - xhat * meanGX)
        }
    }
}

/// Numerically stable softmax of each row, in place. `s`: `rows x cols`.
func softmaxRows(_ s: Floats, rows: Int, cols: Int) {
    for r in 0..<rows {
        let row = r * cols
        var peak = -Float.infinity
        for c in 0..<cols { peak = max(peak, s[row + c]) }
        var total: Float = 0
        for c in 0..<cols { let e = expf(s[row + c] - peak); s[row + c] = e; total += e }
        let inverse = 1 / total
        for c in 0..<cols { s[row + c] *= inverse }
    }
}

/// Backward of a row softmax, in place: `d ← p ⊙ (d − rowsum(d ⊙ p))`, turning `∂L/∂p` into
/// `∂L/∂logits`. `p`, `d`: `rows x cols`.
func softmaxBackwardRows(_ p: Floats, _ d: Floats, rows: Int, cols: Int) {
    for r in 0..<rows {
        let row = r * cols
        var dot: Float = 0
        for c in 0..<cols { dot += d[row + c] * p[row + c] }
        for c in 0..<cols { d[row + c] = p[row + c] * (d[row + c] - dot) }
    }
}

/// `tanh(x)` as `1 − 2 / (e^{2x} + 1)` through `expf`: glibc's `tanhf` (via `expm1f`) took
/// half the encoder's time. Absolute error below 1e-7; exact ±1 in the saturated tails.
@inline(__always) func fastTanh(_ x: Float) -> Float { 1 - 2 / (expf(2 * x) + 1) }

private let geluScale: Float = 0.797_884_560_802_865_4   // √(2/π)
private let geluCubic: Float = 0.044_715

/// `out = act(pre)` elementwise; both `count` long.
func activationForward(_ kind: EncoderActivation, _ pre: Floats, into out: Floats, count: Int) {
    switch kind {
    case .relu:
        for i in 0..<count { out[i] = max(0, pre[i]) }
    case .gelu:
        for i in 0..<count {
            let x = pre[i]
            out[i] = 0.5 * x * (1 + fastTanh(geluScale * (x + geluCubic * x * x * x)))
        }
    }
}

/// `grad ← grad ⊙ act′(pre)` in place, turning `∂L/∂act` into `∂L/∂pre`.
func activationBackward(_ kind: EncoderActivation, _ pre: Floats, _ grad: Floats, count: Int) {
    switch kind {
    case .relu:
        for i in 0..<count where pre[i] <= 0 { grad[i] = 0 }
    case .gelu:
        for i in 0..<count {
            let x = pre[i]
            let t = fastTanh(geluScale * (x + geluCubic * x * x * x))
            let slope = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * geluScale * (1 + 3 * geluCubic * x * x)
            grad[i] *= slope
        }
    }
}

/// Sets every row of `m` (`rows x cols`) to `row` (`cols`): a bias, before a `beta = 1` product.
func fillRows(_ m: Floats, rows: Int, cols: Int, with row: Floats) {
    for r in 0..<rows {
        let base = r * cols
        for c in 0..<cols { m[base + c] = row[c] }
    }
}

/// `sums[c] += Σ_r m[r, c]`: the gradient of a bias broadcast over rows. `m`: `rows x cols`.
func addColumnSums(_ m: Floats, rows: Int, cols: Int, into sums: Floats) {
    for r in 0..<rows {
        let base = r * cols
        for c in 0..<cols { sums[c] += m[base + c] }
    }
}

/// `dst = src` for the first `count` elements.
func copyFloats(_ src: Floats, into dst: Floats, count: Int) {
    for i in 0..<count { dst[i] = src[i] }
}

/// Logistic sigmoid.
@inline(__always) func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }

/// One Adam update of `count` parameters, `step` being 1 for the first update.
/// `m`, `v`: first and second moment estimates (updated in place).
func adamStep(parameters p: Floats, gradient g: Floats, m: Floats, v: Floats, count: Int,
              step: Int, learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999,
              epsilon: Float = 1e-8) {
    let correction1 = 1 - powf(beta1, Float(step))
    let correction2 = 1 - powf(beta2, Float(step))
    for i in 0..<count {
        let gi = g[i]
        m[i] = beta1 * m[i] + (1 - beta1) * gi
        v[i] = beta2 * v[i] + (1 - beta2) * gi * gi
        let mHat = m[i] / correction1
        let vHat = v[i] / correction2
        p[i] -= learningRate * mHat / (sqrtf(vHat) + epsilon)
    }
}

/// Global L2 norm of `count` values, accumulated in `Double`.
func l2Norm(_ x: Floats, count: Int) -> Double {
    var total: Double = 0
    for i in 0..<count { total += Double(x[i]) * Double(x[i]) }
    return total.squareRoot()
}

/// `x *= factor` for `count` values.
func scale(_ x: Floats, count: Int, by factor: Float) {
    for i in 0..<count { x[i] *= factor }
}

/// `m[r, c] += row[c]` for every row: adds a bias. `m`: `rows x cols`, `row`: `cols`.
func addToRows(_ m: Floats, rows: Int, cols: Int, row: Floats) {
    for r in 0..<rows {
        let base = r * cols
        for c in 0..<cols { m[base + c] += row[c] }
    }
}

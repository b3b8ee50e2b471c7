import SpecLanguage

/// How many raw executions a setting has: the adversary's choices of inputs, crashers per
/// round, and per crasher the subset of survivors still hearing it. Independent of the protocol.
public enum ExecutionCount {
    /// `I^n · E(1, n, f)` where `E(r, a, b) = Σ_x C(a,x) · (2^(a-x))^x · E(r+1, a-x, b-x)`.
    /// Returned as a Double: exact below 2^53, approximate above, `inf` past ~1e308.
    /// - Complexity: O(R · n · f²).
    public static func raw(_ setting: Setting) -> Double {
        raw(setting, continuations: continuations(setting))
    }

    /// `raw(setting)` from `continuations(setting)` computed before.
    /// - Complexity: O(n).
    public static func raw(_ setting: Setting, continuations: [[[Double]]]) -> Double {
        var inputs = 1.0
        for _ in 0..<setting.processes { inputs *= Double(setting.inputs) }
        return inputs * continuations[1][setting.processes][setting.crashes]
    }

    /// `C(n, k)` as a Double (exact for the sizes the engine holds).
    public static func binomial(_ n: Int, _ k: Int) -> Double {
        guard k >= 0 && k <= n else { return 0 }
        var r = 1.0
        let k = min(k, n - k)
        if k == 0 { return 1 }
        for i in 1...k { r = r * Double(n - k + i) / Double(i) }
        return r.rounded()
    }

    public static func pow2(_ e: Double) -> Double { e >= 1100 ? .infinity : Double(sign: .plus, exponent: Int(e), significand: 1) }
}

extension ExecutionCount {
    /// `c[r][a][b]`: raw continuations from the start of round `r` (1-based; `c[R+1]` is all
    /// ones) with `a` live processes and crash budget `b`, for `r` in `1...R+1`
    /// (index 0 unused). - Complexity: O(R · n · f²).
    public static func continuations(_ setting: Setting) -> [[[Double]]] {
        let n = setting.processes, f = setting.crashes, rounds = setting.rounds
        var c = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 1, count: f + 1), count: n + 1), count: rounds + 2)
        if rounds >= 1 {
            for r in stride(from: rounds, through: 1, by: -1) {
                for a in 0...n {
                    for b in 0...f {
                        var sum = 0.0
                        for x in 0...min(a, b) {
                            sum += binomial(a, x) * pow2(Double((a - x) * x)) * c[r + 1][a - x][b - x]
                        }
                        c[r][a][b] = sum
                    }
                }
            }
        }
        return c
    }
}

import SpecLanguage

/// How many raw executions a setting has: the adversary's choices of inputs, the faulty set,
/// and every round's choices under the fault model, lossy links included. Independent of the
/// protocol (but under Byzantine faults it depends on the size of the message alphabet).
public enum ExecutionCount {
    /// Raw executions of `setting` under crash faults with the spec's `K` messages (the
    /// protocol's states when a table is checked: see `Adversary.rawExecutions`).
    /// Returned as a Double: exact below 2^53, approximate above, `inf` past ~1e308.
    public static func raw(_ setting: Setting) -> Double {
        Adversary(setting, messageCount: setting.states).rawExecutions
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

    /// `base^e` by repeated squaring (exact while the result stays below 2^53).
    public static func power(_ base: Double, _ e: Int) -> Double {
        var result = 1.0, b = base, e = e
        while e > 0 {
            if e & 1 == 1 { result *= b }
            b *= b
            e >>= 1
        }
        return result
    }

    /// Ways lossy links can take their share of `links` delivered messages in one round:
    /// `Σ_{j ≤ L} C(links, j)`.
    public static func lossChoices(links: Int, losses: Int) -> Double {
        guard losses > 0 else { return 1 }
        var sum = 0.0
        for j in 0...min(losses, links) { sum += binomial(links, j) }
        return sum
    }

    /// Raw choices of the receivers of `crashers` crashers among `survivors` survivors in one
    /// round, lossy links included: `Σ_t C(x·s, t) · lossChoices(s(s-1) + t)`, or `2^(x·s)`
    /// without losses.
    public static func crashReceiverChoices(survivors s: Int, crashers x: Int, losses: Int) -> Double {
        guard losses > 0 else { return pow2(Double(s * x)) }
        var sum = 0.0
        for t in 0...(x * s) { sum += binomial(x * s, t) * lossChoices(links: s * (s - 1) + t, losses: losses) }
        return sum
    }
}

extension ExecutionCount {
    /// Crash faults: `c[r][a][f']`: raw continuations from the start of round `r` (1-based;
    /// `c[R+1]` is all ones) with `a` live processes and `f'` crashed so far,
    /// `E(r, a, f') = Σ_x C(a,x) · receivers(a-x, x) · E(r+1, a-x, f'+x)` over `x <= F - f'`.
    /// - Complexity: O(R · n · F²) (times O(n²) receiver counts with losses).
    static func crashContinuations(_ setting: Setting) -> [[[Double]]] {
        let n = setting.processes, f = setting.crashes, rounds = setting.rounds
        var c = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 1, count: f + 1), count: n + 1), count: rounds + 2)
        var receivers: [[Double]] = (0...n).map { s in (0...f).map { x in crashReceiverChoices(survivors: s, crashers: x, losses: setting.losses) } }
        if setting.losses == 0 { receivers = (0...n).map { s in (0...f).map { x in pow2(Double(s * x)) } } }
        if rounds >= 1 {
            for r in stride(from: rounds, through: 1, by: -1) {
                for a in 0...n {
                    for used in 0...f {
                        var sum = 0.0
                        for x in 0...min(a, f - used) {
                            sum += binomial(a, x) * receivers[a - x][x] * c[r + 1][a - x][used + x]
                        }
                        c[r][a][used] = sum
                    }
                }
            }
        }
        return c
    }

    /// Models that fix the faulty set before round 1: `perRound(s)` gives, for `s` faulty
    /// processes, how many processes run and the raw choices of one round; the continuation
    /// from round `r` is that count to the power of the rounds left (other entries are 0).
    static func fixedFaultyContinuations(_ setting: Setting, perRound: (Int) -> (running: Int, choices: Double)) -> Continuations {
        let n = setting.processes, f = setting.crashes, rounds = setting.rounds
        var c = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: f + 1), count: n + 1), count: rounds + 2)
        for s in 0...f {
            let (running, choices) = perRound(s)
            var value = 1.0
            for r in stride(from: rounds + 1, through: 1, by: -1) {
                c[r][running][s] = value
                value *= choices
            }
        }
        return Continuations(values: c)
    }
}

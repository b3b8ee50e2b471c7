import SpecLanguage

/// How many raw executions a setting has: the adversary's choices of inputs, the faulty set,
/// and every round's choices under the fault model, lossy links included. Independent of the
/// protocol (but under Byzantine faults it depends on the size of the message alphabet).
public enum ExecutionCount {
    /// Raw executions of `setting` under its fault model, with the spec's message alphabet (`M`
    /// under `:messages`, else its `K` states; a checked table uses its own alphabet:
    /// `Adversary.rawExecutions`).
    /// Returned as a Double: exact below 2^53, approximate above, `inf` past ~1e308.
    public static func raw(_ setting: Setting) -> Double {
        Adversary(setting, messageCount: setting.messages ?? setting.states).rawExecutions
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

    /// `C(m, t)` for `t` in `0...m`, one row (exact below 2^53).
    /// - Complexity: O(m).
    public static func binomialRow(_ m: Int) -> [Double] {
        var row = [Double](repeating: 1, count: m + 1)
        var value = 1.0
        for t in stride(from: 1, through: m, by: 1) {
            value = value * Double(m - t + 1) / Double(t)
            if value < 0x1p53 { value = value.rounded() }
            row[t] = value
        }
        return row
    }

    /// Ways lossy links can take their share of `links` delivered messages in one round:
    /// `Σ_{j ≤ L} C(links, j)` (1 without losses).
    /// - Complexity: O(L).
    public static func lossChoices(links: Int, losses: Int) -> Double {
        guard losses > 0 else { return 1 }
        var sum = 1.0, value = 1.0
        for j in stride(from: 1, through: min(losses, links), by: 1) {
            value = value * Double(links - j + 1) / Double(j)
            if value < 0x1p53 { value = value.rounded() }
            sum += value
        }
        return sum
    }

    /// `lossChoices(links: d, losses: L)` for every `d` in `0...maxLinks`, computed once.
    public struct LossTable: Sendable {
        public let values: [Double]
        /// - Complexity: O(maxLinks · L).
        public init(maxLinks: Int, losses: Int) {
            values = (0...max(0, maxLinks)).map { ExecutionCount.lossChoices(links: $0, losses: losses) }
        }
        @inline(__always) public subscript(links: Int) -> Double { values[links] }
    }

    /// Raw choices of the receivers of `crashers` crashers among `survivors` survivors in one
    /// round, lossy links included: `Σ_t C(x·s, t) · lossChoices(s(s-1) + t)`, or `2^(x·s)`
    /// without losses (`table` nil).
    /// - Precondition: `s + x <= n`, the `n` of `table` (`maxLinks = n(n-1)`).
    /// - Complexity: O(x · s).
    public static func crashReceiverChoices(survivors s: Int, crashers x: Int, table: LossTable?) -> Double {
        guard let table else { return pow2(Double(s * x)) }
        let row = binomialRow(x * s)
        var sum = 0.0
        for t in 0...(x * s) { sum += row[t] * table[s * (s - 1) + t] }
        return sum
    }
}

extension ExecutionCount {
    /// Crash faults: `c[r][a][f']`: raw continuations from the start of round `r` (1-based;
    /// `c[R+1]` is all ones) with `a` live processes and `f'` crashed so far,
    /// `E(r, a, f') = Σ_x C(a,x) · receivers(a-x, x) · E(r+1, a-x, f'+x)` over `x <= F - f'`.
    /// - Complexity: O(R · n · F²), plus O(n² · L) for the loss table and O(n² · F²) receiver
    ///   counts with losses.
    static func crashContinuations(_ setting: Setting) -> [[[Double]]] {
        let n = setting.processes, f = setting.crashes, rounds = setting.rounds
        var c = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 1, count: f + 1), count: n + 1), count: rounds + 2)
        let table = setting.losses > 0 ? LossTable(maxLinks: n * (n - 1), losses: setting.losses) : nil
        let receivers: [[Double]] = (0...n).map { s in
            (0...f).map { x in s + x <= n ? crashReceiverChoices(survivors: s, crashers: x, table: table) : 0 }
        }
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

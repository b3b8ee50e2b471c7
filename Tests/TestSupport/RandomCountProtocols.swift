import ProtocolLanguage
import Utilities

/// Random protocols over counts (rules reading `heard`, `missing`, `self`, `round`, `n`, `f`;
/// no identities) and random small symmetric specs, as text, for the every-n differential
/// tests. Seeded: a failure replays from its seed.
public enum RandomCountProtocols {
    /// A protocol with 2 or 3 states, messages = states, 1–3 rules with random linear guards;
    /// usually (5 times in 6) ending in `otherwise -> self`, so most have no gap.
    public static func protocolText(using rng: inout SplitMix64) -> String {
        let k = Int.random(in: 2...3, using: &rng)
        let states = (0..<k).map { "s\($0)" }
        var lines = ["protocol random", "states " + states.joined(separator: " ")]
        lines.append("init 0 -> \(states.randomElement(using: &rng)!), 1 -> \(states.randomElement(using: &rng)!)")
        lines.append("decide " + states.map { "\($0) -> \(Int.random(in: 0...1, using: &rng))" }.joined(separator: ", "))
        lines.append("next")
        let ruleCount = Int.random(in: 1...3, using: &rng)
        for _ in 0..<ruleCount {
            lines.append("  \(guardText(states, depth: 0, using: &rng)) -> \(Bool.random(using: &rng) ? "self" : states.randomElement(using: &rng)!)")
        }
        if Int.random(in: 0..<6, using: &rng) != 0 { lines.append("  otherwise -> self") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func termText(_ states: [String], using rng: inout SplitMix64) -> String {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0...3: return "heard(\(states.randomElement(using: &rng)!))"
        case 4: return "missing"
        case 5: return "n"
        case 6: return "f"
        case 7: return "round"
        case 8: return "heard(\(states.randomElement(using: &rng)!)) + missing"
        default: return "n - heard(\(states.randomElement(using: &rng)!))"
        }
    }

    static func guardText(_ states: [String], depth: Int, using rng: inout SplitMix64) -> String {
        let choice = depth >= 2 ? Int.random(in: 0..<5, using: &rng) : Int.random(in: 0..<8, using: &rng)
        switch choice {
        case 0...2:
            let op = ["==", "!=", "<", "<=", ">", ">="].randomElement(using: &rng)!
            let rhs = Bool.random(using: &rng) ? String(Int.random(in: 0...4, using: &rng)) : termText(states, using: &rng)
            return "\(termText(states, using: &rng)) \(op) \(rhs)"
        case 3: return "heard(\(states.randomElement(using: &rng)!)) >= \(Int.random(in: 1...2, using: &rng))"
        case 4: return "self == \(states.randomElement(using: &rng)!)"
        case 5: return "(\(guardText(states, depth: depth + 1, using: &rng)) and \(guardText(states, depth: depth + 1, using: &rng)))"
        case 6: return "(\(guardText(states, depth: depth + 1, using: &rng)) or \(guardText(states, depth: depth + 1, using: &rng)))"
        default: return "not (\(guardText(states, depth: depth + 1, using: &rng)))"
        }
    }

    /// A symmetric spec: binary inputs and decisions, the given n, f and R, and 1–2 assertions
    /// drawn from agreement, validity, k-agreement and random formulas nesting up to `maxDepth`
    /// quantifiers over `Proc` (equality between processes, `faults`, `decided`,
    /// `decision-round` included).
    public static func specText(processes: Int, crashes: Int, rounds: Int, maxDepth: Int = 2,
                                using rng: inout SplitMix64) -> String {
        var lines = ["(set-info :processes \(processes))", "(set-info :crashes \(crashes))", "(set-info :rounds \(rounds))",
                     "(set-info :inputs 2)", "(set-info :decisions 2)"]
        let count = Int.random(in: 1...2, using: &rng)
        for _ in 0..<count {
            let formula: String
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: formula = "(forall ((i Proc) (j Proc)) (=> (and (correct i) (correct j)) (= (decision i) (decision j))))"
            case 1: formula = "(forall ((v Int)) (=> (forall ((i Proc)) (= (input i) v)) (forall ((i Proc)) (=> (correct i) (= (decision i) v)))))"
            default: formula = self.formula(bound: [], depth: Int.random(in: 1...maxDepth, using: &rng), rounds: rounds, using: &rng)
            }
            lines.append("(assert \(formula))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func formula(bound: [String], depth: Int, rounds: Int, using rng: inout SplitMix64) -> String {
        if depth > 0 && (bound.isEmpty || Int.random(in: 0..<3, using: &rng) != 0) {
            let name = "x\(bound.count)"
            let body = formula(bound: bound + [name], depth: depth - 1, rounds: rounds, using: &rng)
            let inner = Bool.random(using: &rng) ? body : "(=> \(atom(bound + [name], rounds: rounds, using: &rng)) \(body))"
            return "(\(Bool.random(using: &rng) ? "forall" : "exists") ((\(name) Proc)) \(inner))"
        }
        switch Int.random(in: 0..<5, using: &rng) {
        case 0: return "(and \(formula(bound: bound, depth: 0, rounds: rounds, using: &rng)) \(atom(bound, rounds: rounds, using: &rng)))"
        case 1: return "(or \(atom(bound, rounds: rounds, using: &rng)) \(atom(bound, rounds: rounds, using: &rng)))"
        case 2: return "(not \(atom(bound, rounds: rounds, using: &rng)))"
        default: return atom(bound, rounds: rounds, using: &rng)
        }
    }

    static func atom(_ bound: [String], rounds: Int, using rng: inout SplitMix64) -> String {
        guard let x = bound.randomElement(using: &rng) else { return "(<= faults \(Int.random(in: 0...2, using: &rng)))" }
        let y = bound.randomElement(using: &rng)!
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return "(correct \(x))"
        case 1: return "(= (decision \(x)) \(Int.random(in: -1...1, using: &rng)))"
        case 2: return "(= (input \(x)) \(Int.random(in: 0...1, using: &rng)))"
        case 3: return "(= (decision \(x)) (input \(y)))"
        case 4: return "(= (decision \(x)) (decision \(y)))"
        case 5: return "(= \(x) \(y))"
        case 6: return "(decided \(x))"
        case 7: return "(<= faults \(Int.random(in: 0...2, using: &rng)))"
        case 8: return "(= (decision-round \(x)) \(rounds))"
        default: return "(=> (correct \(x)) (= (decision \(x)) (input \(x))))"
        }
    }
}

import Diagnostics
import SpecLanguage
import Z3Kit

/// One asserted property of a spec as a Promela expression over the model's outcome
/// variables, or the reason it cannot be one.
public struct PromelaProperty: Hashable, Sendable {
    /// The property's name (`Spec.Property.name`).
    public var name: String
    /// A Promela expression that holds exactly when the property holds on the outcome; nil
    /// when the property cannot be stated (then `reason` says why).
    public var expression: String?
    /// Why the property cannot be stated; nil when it can.
    public var reason: String?

    public init(name: String, expression: String?, reason: String?) {
        self.name = name
        self.expression = expression
        self.reason = reason
    }
}

/// Turns a spec's assertions, at its own `n`, into Promela expressions over the model's
/// outcome: `input[j]`, `decision[j]`, `faulty[j]` (correct is its negation), `dround[j]` and
/// `lost` (the names `PromelaModel` declares).
///
/// How: Z3 reads the spec and expands every quantifier over `Proc` into a finite conjunction
/// or disjunction over `p0 … p(n-1)` (`Spec.assertions(on:in:)`), with the outcome as free
/// constants; a quantifier over `Int` or `Bool` that remains is eliminated by Z3's `qe`
/// tactic, and the result is checked *equivalent* to the property by a Z3 validity query
/// before it is used. The quantifier-free term is then written in Promela (Booleans,
/// comparisons, `+`, `-`, `*`, `ite`).
///
/// Soundness: a stated property holds in Promela on an outcome exactly when the spec's does
/// (Z3 checked the equivalence; the translation is one operator for one). A property whose
/// quantifiers Z3 cannot eliminate, whose equivalence Z3 cannot confirm within the timeout, or
/// that uses an operation outside that list (integer `div`, `mod`) is not stated; `reason`
/// says why.
enum PromelaProperties {
    /// The spec's properties in Promela, in `spec.properties` order.
    /// - Parameter timeoutMilliseconds: Z3's bound on each equivalence check.
    /// - Throws: `Diagnostic(.internalError)` when Z3 fails.
    /// - Complexity: the quantifier expansion (`n^k` instances for `k` nested `Proc`
    ///   quantifiers) plus one Z3 query per property that had other quantifiers.
    static func translate(_ spec: Spec, timeoutMilliseconds: UInt32 = 10_000) throws(Diagnostic) -> [PromelaProperty] {
        let n = spec.setting.processes
        func failed(_ error: Z3Error) -> Diagnostic {
            Diagnostic(.internalError, file: spec.file,
                       message: "\(error); Z3 failed while translating the spec into Promela — please report it")
        }
        let context: Z3Context
        var names: [String: String] = [:]
        let outcome: SymbolicOutcome
        do throws(Z3Error) {
            context = try Z3Context()
            func constant(_ name: String, _ promela: String, bool: Bool = false) throws(Z3Error) -> Z3AST {
                names[name] = promela
                return try context.mkConst(name, sort: bool ? context.boolSort() : context.intSort())
            }
            var inputs: [Z3AST] = [], decisions: [Z3AST] = [], correct: [Z3AST] = [], rounds: [Z3AST] = []
            for j in 0..<n {
                inputs.append(try constant("ggms.input.\(j)", "input[\(j)]"))
                decisions.append(try constant("ggms.decision.\(j)", "decision[\(j)]"))
                correct.append(try constant("ggms.correct.\(j)", "(!faulty[\(j)])", bool: true))
                rounds.append(try constant("ggms.dround.\(j)", "dround[\(j)]"))
            }
            let lost = try constant("ggms.lost", "lost")
            outcome = SymbolicOutcome(inputs: inputs, decisions: decisions, correct: correct,
                                      decisionRounds: spec.setting.earlyDecision ? rounds : nil, lost: lost)
        } catch { throw failed(error) }
        let encoded = try spec.assertions(on: outcome, in: context)
        do throws(Z3Error) {
            var result: [PromelaProperty] = []
            for (property, term) in zip(spec.properties, encoded.properties) {
                var formula = term
                if formula.containsQuantifier {
                    let eliminated = try context.eliminateQuantifiers(formula)
                    if eliminated.containsQuantifier {
                        result.append(PromelaProperty(name: property.name, expression: nil,
                                                      reason: "Z3 could not eliminate its quantifiers over Int or Bool"))
                        continue
                    }
                    let solver = try Z3Solver(context: context)
                    try solver.setTimeout(milliseconds: timeoutMilliseconds)
                    try solver.assert(try context.mkNot(try context.mkEq(formula, eliminated)))
                    let answer = solver.check()
                    guard answer == .unsat else {
                        result.append(PromelaProperty(name: property.name, expression: nil,
                                                      reason: "Z3 could not confirm a quantifier-free form equivalent to it (\(answer))"))
                        continue
                    }
                    formula = eliminated
                }
                var writer = PromelaExpressionWriter(names: names)
                if let text = writer.write(formula) {
                    result.append(PromelaProperty(name: property.name, expression: text, reason: nil))
                } else {
                    result.append(PromelaProperty(name: property.name, expression: nil,
                                                  reason: writer.failure ?? "it uses an operation Promela lacks"))
                }
            }
            return result
        } catch { throw failed(error) }
    }
}

/// Writes a quantifier-free Z3 term over the outcome constants as a Promela expression.
struct PromelaExpressionWriter {
    /// Outcome constant name -> Promela text.
    let names: [String: String]
    /// Why the last `write` returned nil.
    private(set) var failure: String?
    /// Texts of subterms already written, by their SMT-LIB text (Z3 shares subterms).
    private var memo: [String: String] = [:]

    init(names: [String: String]) { self.names = names }

    /// The term in Promela, or nil (and `failure`) when it uses something Promela cannot say.
    /// - Complexity: O(size of the term written out as a tree).
    mutating func write(_ term: Z3AST) -> String? {
        let key = term.description
        if let known = memo[key] { return known }
        guard let text = compose(term) else { return nil }
        memo[key] = text
        return text
    }

    private mutating func compose(_ term: Z3AST) -> String? {
        switch term.shape {
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return value < 0 ? "(\(value))" : "\(value)"
        case .constant(let name):
            guard let text = names[name] else {
                failure = "it reads \(name), which the model does not hold"
                return nil
            }
            return text
        case .other(let what):
            failure = "it uses \(what), which has no Promela counterpart here"
            return nil
        case .application(let op, let arguments):
            var parts: [String] = []
            for argument in arguments {
                guard let text = write(argument) else { return nil }
                parts.append(text)
            }
            func join(_ separator: String) -> String { "(" + parts.joined(separator: " \(separator) ") + ")" }
            switch op {
            case .and: return parts.isEmpty ? "true" : join("&&")
            case .or: return parts.isEmpty ? "false" : join("||")
            case .not: return "!\(parts[0])"
            case .implies: return "(!\(parts[0]) || \(parts[1]))"
            case .iff, .eq:
                // Chained equality: every argument equals the first.
                return "(" + parts.dropFirst().map { "\(parts[0]) == \($0)" }.joined(separator: " && ") + ")"
            case .xor: return "(\(parts[0]) != \(parts[1]))"
            case .distinct:
                var pairs: [String] = []
                for a in parts.indices { for b in parts.indices where b > a { pairs.append("\(parts[a]) != \(parts[b])") } }
                return "(" + pairs.joined(separator: " && ") + ")"
            case .ite: return "(\(parts[0]) -> \(parts[1]) : \(parts[2]))"
            case .le: return join("<=")
            case .lt: return join("<")
            case .ge: return join(">=")
            case .gt: return join(">")
            case .add: return join("+")
            case .sub: return join("-")
            case .mul: return join("*")
            case .uminus: return "(-\(parts[0]))"
            case .idiv, .mod, .rem:
                failure = "it uses integer div or mod, whose SMT-LIB meaning on negative numbers differs from Promela's"
                return nil
            }
        }
    }
}

import Game
import ProtocolLanguage

extension PromelaModelWriter {
    /// `INIT`, `SEND`, `DECIDES` and `DECISION` as macros over state indices (from the compiled
    /// table, so they mean what the engine's do), and the state and message names.
    func protocolMaps() {
        out.add("/* states: " + proto.states.enumerated().map { "\($0.offset) = \($0.element)" }.joined(separator: ", ") + " */")
        if let messages = proto.messages {
            out.add("/* messages: " + messages.enumerated().map { "\($0.offset) = \($0.element)" }.joined(separator: ", ") + " */")
        }
        out.add("#define INIT(v) " + Self.chain("v", table.initial.map(Int.init)))
        out.add("#define SEND(s) " + Self.chain("s", table.send.map(Int.init)))
        let decisions = table.decision.map { Int($0) >= 0 ? Int($0) : -1 }
        out.add("#define DECIDES(s) " + Self.chain("s", decisions.map { $0 >= 0 ? 1 : 0 }))
        out.add("#define DECISION(s) " + Self.chain("s", decisions))
        out.add("/* from(j): the message received from process j this round (its own for j = q) */")
        out.add("#define FROM(j) ((j) == q -> SEND(st[q]) : rcv[(j)*N+q])")
        out.add("")
    }

    /// `((x) == 0 -> values[0] : ((x) == 1 -> values[1] : … values.last))`.
    static func chain(_ x: String, _ values: [Int]) -> String {
        func literal(_ v: Int) -> String { v < 0 ? "(\(v))" : "\(v)" }
        var text = literal(values.last ?? 0)
        for (index, value) in values.enumerated().dropLast().reversed() {
            text = "((\(x)) == \(index) -> \(literal(value)) : \(text))"
        }
        return "(\(text))"
    }

    /// The `next` rules as an inline: the first rule whose guard holds sets `nxt[q]`; none
    /// sets `gap`.
    func nextStateInline() {
        out.add("/* next: the first rule whose guard holds gives q's next state (\(PromelaText.commentSafe(protocolFile))) */")
        out.open("inline next_state() {")
        var closers = 0
        for (index, rule) in proto.rules.enumerated() {
            let target: String, name: String
            switch rule.target {
            case .state(let s): (target, name) = ("\(s)", proto.states[s])
            case .stay: (target, name) = ("st[q]", "self")
            }
            let written = " /* -> \(name)" + (rule.location.map { ", \(PromelaText.commentSafe(protocolFile)):\($0.line)" } ?? "") + " */"
            guard let condition = rule.guard else {
                out.add("nxt[q] = \(target)\(written)")
                break
            }
            out.add("if")
            out.add(":: \(Self.guardText(condition)) -> nxt[q] = \(target)\(written)")
            out.open(":: else ->")
            closers += 1
            if index == proto.rules.count - 1 {
                out.add("gap = 1; nxt[q] = st[q]")
            }
        }
        for _ in 0..<closers {
            out.close("fi")
        }
        out.close("}")
        out.add("")
    }

    /// A guard in Promela over the step's scratch: `heard[m]`, `miss`, `st[q]`, `round`, `N`,
    /// `F`, `q` (`id`) and `FROM(j)`.
    static func guardText(_ condition: Guard) -> String {
        switch condition {
        case .comparison(let lhs, let op, let rhs):
            return "(\(termText(lhs)) \(op.rawValue) \(termText(rhs)))"
        case .and(let lhs, let rhs): return "(\(guardText(lhs)) && \(guardText(rhs)))"
        case .or(let lhs, let rhs): return "(\(guardText(lhs)) || \(guardText(rhs)))"
        case .not(let inner): return "!\(guardText(inner))"
        case .selfIs(let s): return "(st[q] == \(s))"
        case .selfIsNot(let s): return "(st[q] != \(s))"
        case .from(let sender, let op, let message):
            let j = "((((\(termText(sender))) % N) + N) % N)"
            return "(FROM(\(j)) \(op == .eq ? "==" : "!=") \(message.map(String.init) ?? "NONE"))"
        }
    }

    static func termText(_ term: Term) -> String {
        switch term {
        case .literal(let v): return v < 0 ? "(\(v))" : "\(v)"
        case .heard(let m): return "heard[\(m)]"
        case .missing: return "miss"
        case .round: return "round"
        case .processes: return "N"
        case .crashes: return "F"
        case .id: return "q"
        case .add(let a, let b): return "(\(termText(a)) + \(termText(b)))"
        case .sub(let a, let b): return "(\(termText(a)) - \(termText(b)))"
        }
    }
}

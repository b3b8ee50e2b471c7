extension ProtocolDefinition {
    /// The state machine as a Graphviz digraph.
    ///
    /// One node per state (`s0`, `s1`, ...), labelled with its name, then its message when the
    /// protocol has an alphabet (`"a\nsend m0"`), then its decision when it has one
    /// (`"0\ndecide 0"`); deciding states are drawn as double circles, the others (early
    /// decision) as single circles. A protocol without an alphabet is drawn as before. Each `init`
    /// entry is a point node with an edge labelled `input K` into its initial state. Each
    /// rule that can fire in a state gives an edge from that state to the rule's target (a
    /// self-loop for `self`), labelled `#I GUARD` with the rule's 1-based position (rules to the
    /// same target share one edge, one line each; past `maxInlineRules` rules an edge lists
    /// only the rule numbers and a note node lists every rule); a rule
    /// is left out of a state where a `self ==` / `self !=` test makes it false, and a state's
    /// later rules are left out once a rule always fires there. In a label, `self` tests
    /// already decided by the state are simplified away.
    ///
    /// - Precondition: the definition is valid (see the type's contract).
    /// - Complexity: O(states · size of the rules).
    public func dot() -> String {
        var out = "digraph \(Self.quoted(name ?? "protocol")) {\n"
        out += "  rankdir=LR;\n"
        out += "  node [shape=circle];\n"
        let decisionByState = Dictionary(decisions.map { ($0.state, $0.decision) }, uniquingKeysWith: { first, _ in first })
        let messageByState = Dictionary(sends.map { ($0.state, $0.message) }, uniquingKeysWith: { first, _ in first })
        for (index, stateName) in states.enumerated() {
            var label = stateName
            if let messages, let message = messageByState[index] { label += "\nsend \(messages[message])" }
            if let decision = decisionByState[index] {
                out += "  s\(index) [label=\(Self.quoted(label + "\ndecide \(decision)")), shape=doublecircle];\n"
            } else {
                out += "  s\(index) [label=\(Self.quoted(label))];\n"
            }
        }
        for (position, entry) in initial.enumerated() {
            out += "  input\(position) [shape=point];\n"
            out += "  input\(position) -> s\(entry.state) [label=\(Self.quoted("input \(entry.input)"))];\n"
        }
        let terse = rules.count > Self.maxInlineRules
        for state in states.indices {
            // Parallel edges (rules from this state to the same target) merge into one edge.
            var labels: [(target: Int, lines: [String])] = []
            for (position, rule) in rules.enumerated() {
                let label: String
                var alwaysFires = false
                if let condition = rule.guard {
                    switch condition.specialized(toState: state) {
                    case .never: continue
                    case .always:
                        label = condition.text(stateNames: states, messageNames: messages)
                        alwaysFires = true
                    case .sometimes(let simplified):
                        label = simplified.text(stateNames: states, messageNames: messages)
                    }
                } else {
                    label = "otherwise"
                    alwaysFires = true
                }
                let target: Int
                switch rule.target {
                case .state(let index): target = index
                case .stay: target = state
                }
                let line = terse ? "#\(position + 1)" : "#\(position + 1) \(label)"
                if let i = labels.firstIndex(where: { $0.target == target }) { labels[i].lines.append(line) }
                else { labels.append((target, [line])) }
                if alwaysFires { break }
            }
            for (target, lines) in labels {
                let text = lines.joined(separator: terse ? " " : "\n")
                out += "  s\(state) -> s\(target) [label=\(Self.quoted(text))];\n"
            }
        }
        if terse {
            let legend = rules.enumerated().map { position, rule in
                "#\(position + 1) " + (rule.guard.map { $0.text(stateNames: states, messageNames: messages) } ?? "otherwise")
                    + " -> " + { switch rule.target { case .state(let i): return states[i]; case .stay: return "self" } }()
            }
            out += "  rules [shape=note, label=\(Self.quoted(legend.joined(separator: "\n") + "\n", lineBreak: "\\l"))];\n"
        }
        out += "}\n"
        return out
    }

    /// Beyond this many rules edges carry rule numbers only, and a note lists the rules.
    static let maxInlineRules = 6

    /// A Graphviz quoted string; `"` and `\` are escaped, a line break becomes `\n`.
    /// `lineBreak` is what a line break becomes (Graphviz: backslash-n centred, backslash-l left-justified).
    static func quoted(_ text: String, lineBreak: String = "\\n") -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += lineBreak
            default: out.append(character)
            }
        }
        return out + "\""
    }
}

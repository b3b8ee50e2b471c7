extension ProtocolDefinition {
    /// The definition as normalized protocol text: header comments as `# ...` lines, then
    /// `protocol NAME` (when named), `states`, `messages` (with an alphabet), `init`, `send`
    /// (with an alphabet), `decide` (a bare `decide` when it lists no state) and `next` with one
    /// rule per line, indented two spaces, guards padded so the arrows line up. Entries keep
    /// their stored order, so that parsing the text gives back an equal definition:
    /// `try ProtocolDefinition.parse(p.printed(), file: f) == p` for every valid `p`.
    /// Source comments other than the header are not kept.
    ///
    /// The text ends with a line break. A protocol without an alphabet prints as it always did.
    ///
    /// - Precondition: the definition is valid (see the type's contract); `name`, when set, is
    ///   non-empty, has no `#` or line break and no leading or trailing blanks.
    /// - Complexity: O(size of the definition).
    public func printed() -> String {
        var lines: [String] = comments.map { $0.isEmpty ? "#" : "# " + $0 }
        if let name { lines.append("protocol \(name)") }
        lines.append("states " + states.joined(separator: " "))
        if let messages { lines.append("messages " + messages.joined(separator: " ")) }
        lines.append("init   " + initial.map { "\($0.input) -> \(states[$0.state])" }.joined(separator: ", "))
        if let messages {
            lines.append("send   " + sends.map { "\(states[$0.state]) -> \(messages[$0.message])" }.joined(separator: ", "))
        }
        let decide = decisions.map { "\(states[$0.state]) -> \($0.decision)" }.joined(separator: ", ")
        lines.append(decide.isEmpty ? "decide" : "decide " + decide)
        lines.append("next")
        let guards = rules.map { $0.guard?.text(stateNames: states, messageNames: messages) ?? "otherwise" }
        let width = guards.map(\.count).max() ?? 0
        for (rule, text) in zip(rules, guards) {
            let padding = String(repeating: " ", count: width - text.count)
            lines.append("  " + text + padding + " -> " + targetName(rule.target))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A target as written in a rule: a state's name, or `self`.
    func targetName(_ target: Target) -> String {
        switch target {
        case .state(let index): return states[index]
        case .stay: return "self"
        }
    }
}

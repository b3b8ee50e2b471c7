extension Guard {
    /// The guard in protocol-language syntax, with states and messages written by name,
    /// parenthesized only where precedence (`not` > `and` > `or`, all binary operators
    /// left-associative) needs it, so that parsing the text gives back this guard.
    ///
    /// - Parameters:
    ///   - stateNames: `ProtocolDefinition.states`, for `self ==` / `self !=`.
    ///   - messageNames: `ProtocolDefinition.messages`, for `heard(...)`; nil when the protocol
    ///     has no alphabet (then `heard` names states).
    /// - Precondition: every state index in the guard is in `stateNames.indices`, every message
    ///   index in `(messageNames ?? stateNames).indices`.
    /// - Complexity: O(size of the guard).
    public func text(stateNames: [String], messageNames: [String]? = nil) -> String {
        var out = ""
        write(to: &out, level: .or, names: Names(states: stateNames, messages: messageNames ?? stateNames))
        return out
    }

    /// The names a guard is printed with.
    struct Names {
        var states: [String]
        var messages: [String]
    }

    /// How tightly a guard binds; a guard printed where a tighter level is required gets
    /// parentheses.
    enum Level: Int, Comparable {
        case or = 0, and, not, atom
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    var level: Level {
        switch self {
        case .or: return .or
        case .and: return .and
        case .not: return .not
        case .comparison, .selfIs, .selfIsNot, .from: return .atom
        }
    }

    func write(to out: inout String, level required: Level, names: Names) {
        let parenthesize = level < required
        if parenthesize { out += "(" }
        switch self {
        case .or(let lhs, let rhs):
            lhs.write(to: &out, level: .or, names: names)
            out += " or "
            rhs.write(to: &out, level: .and, names: names)
        case .and(let lhs, let rhs):
            lhs.write(to: &out, level: .and, names: names)
            out += " and "
            rhs.write(to: &out, level: .not, names: names)
        case .not(let inner):
            out += "not "
            inner.write(to: &out, level: .not, names: names)
        case .comparison(let lhs, let op, let rhs):
            lhs.write(to: &out, parenthesizeSum: false, names: names.messages)
            out += " \(op.rawValue) "
            rhs.write(to: &out, parenthesizeSum: false, names: names.messages)
        case .selfIs(let state):
            out += "self == \(names.states[state])"
        case .selfIsNot(let state):
            out += "self != \(names.states[state])"
        case .from(let sender, let op, let message):
            out += "from("
            sender.write(to: &out, parenthesizeSum: false, names: names.messages)
            out += ") \(op.rawValue) \(message.map { names.messages[$0] } ?? "none")"
        }
        if parenthesize { out += ")" }
    }
}

extension Term {
    /// The term in protocol-language syntax, with messages written by name; `+` and `-` are
    /// left-associative, so a sum on the right of `+`/`-` is parenthesized.
    ///
    /// - Parameters:
    ///   - stateNames: `ProtocolDefinition.states`.
    ///   - messageNames: `ProtocolDefinition.messages`; nil when `heard` names states.
    /// - Precondition: every `heard` index is in `(messageNames ?? stateNames).indices`.
    /// - Complexity: O(size of the term).
    public func text(stateNames: [String], messageNames: [String]? = nil) -> String {
        var out = ""
        write(to: &out, parenthesizeSum: false, names: messageNames ?? stateNames)
        return out
    }

    /// Writes the term; `names` are the message names `heard` reads.
    func write(to out: inout String, parenthesizeSum: Bool, names: [String]) {
        switch self {
        case .literal(let value): out += String(value)
        case .heard(let message): out += "heard(\(names[message]))"
        case .missing: out += "missing"
        case .round: out += "round"
        case .processes: out += "n"
        case .crashes: out += "f"
        case .id: out += "id"
        case .add(let lhs, let rhs), .sub(let lhs, let rhs):
            if parenthesizeSum { out += "(" }
            lhs.write(to: &out, parenthesizeSum: false, names: names)
            if case .add = self { out += " + " } else { out += " - " }
            rhs.write(to: &out, parenthesizeSum: true, names: names)
            if parenthesizeSum { out += ")" }
        }
    }
}

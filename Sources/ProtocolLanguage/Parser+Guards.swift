import Diagnostics

/// A parsed piece of a guard before it is known to be a condition or a number.
///
/// Parentheses group both conditions `(a or b)` and terms `(heard(x) + 1)`, so the parser
/// reads one expression grammar and checks each operand's kind where an operator uses it.
struct Expression {
    enum Kind {
        case condition(Guard)
        case number(Term)
        /// `self`: valid only as one side of `==` / `!=` with a state name.
        case selfReference
        /// A word that is not a keyword: valid only as a state name compared with `self`.
        case name
    }

    var kind: Kind
    /// The first and last token of the expression, for locations and quoting.
    var first: Token
    var last: Token
    /// The single name or number token this expression is, when unparenthesized; such a
    /// token can be read as a state name in `self == NAME`.
    var bare: Token?
}

extension Parser {
    /// Guard grammar, loosest first:
    ///
    ///     guard      := and ('or' and)*
    ///     and        := not ('and' not)*
    ///     not        := 'not' not | comparison
    ///     comparison := sum (COMPARATOR sum)?
    ///     sum        := atom (('+' | '-') atom)*
    ///     atom       := '(' guard ')' | '-'? NUMBER | 'heard' '(' STATE ')'
    ///                 | 'missing' | 'round' | 'n' | 'f' | 'self' | NAME
    ///
    /// Reads a guard from `index` up to the first token that cannot continue it.
    /// - Complexity: O(tokens · states).
    mutating func parseGuard() throws(Diagnostic) -> Guard {
        try condition(try parseOr())
    }

    private mutating func parseOr() throws(Diagnostic) -> Expression {
        var left = try parseAnd()
        while let token = peek, token.isWord("or") {
            index += 1
            let right = try parseAnd()
            left = Expression(kind: .condition(.or(try condition(left), try condition(right))), first: left.first, last: right.last)
        }
        return left
    }

    private mutating func parseAnd() throws(Diagnostic) -> Expression {
        var left = try parseNot()
        while let token = peek, token.isWord("and") {
            index += 1
            let right = try parseNot()
            left = Expression(kind: .condition(.and(try condition(left), try condition(right))), first: left.first, last: right.last)
        }
        return left
    }

    private mutating func parseNot() throws(Diagnostic) -> Expression {
        guard let token = peek, token.isWord("not") else { return try parseComparison() }
        index += 1
        let inner = try parseNot()
        return Expression(kind: .condition(.not(try condition(inner))), first: token, last: inner.last)
    }

    private mutating func parseComparison() throws(Diagnostic) -> Expression {
        let left = try parseSum()
        guard let opToken = peek, opToken.kind == .symbol, let op = Comparator(rawValue: opToken.text) else { return left }
        index += 1
        let right = try parseSum(after: opToken)
        if let next = peek, next.kind == .symbol, Comparator(rawValue: next.text) != nil {
            throw error(at: next, "comparisons do not chain; expected 'and' between two comparisons, as in 'a < b and b < c'")
        }
        let result: Guard
        switch (left.kind, right.kind) {
        case (.selfReference, _):
            result = try selfComparison(op, opToken, right)
        case (_, .selfReference):
            result = try selfComparison(op, opToken, left)
        default:
            result = .comparison(try number(left), op, try number(right))
        }
        return Expression(kind: .condition(result), first: left.first, last: right.last)
    }

    /// `self == NAME`, `self != NAME` (either side).
    private func selfComparison(_ op: Comparator, _ opToken: Token, _ other: Expression) throws(Diagnostic) -> Guard {
        guard op == .eq || op == .ne else {
            throw error(at: opToken, "found \(opToken.quoted) with 'self'; expected '==' or '!=' (self is compared to a state name)")
        }
        if case .selfReference = other.kind {
            throw error(at: other.first, "'self' compared with 'self'; expected a state name on one side")
        }
        guard let token = other.bare else {
            throw error(at: other.first, "'\(text(of: other))' compared with 'self'; expected a state name, one of: \(states.joined(separator: ", "))")
        }
        let state = try stateName(token)
        return op == .eq ? .selfIs(state) : .selfIsNot(state)
    }

    private mutating func parseSum(after previous: Token? = nil) throws(Diagnostic) -> Expression {
        var left = try parseAtom(after: previous)
        while let opToken = peek, opToken.isSymbol("+") || opToken.isSymbol("-") {
            index += 1
            let right = try parseAtom(after: opToken)
            let (l, r) = (try number(left), try number(right))
            left = Expression(kind: .number(opToken.text == "+" ? .add(l, r) : .sub(l, r)), first: left.first, last: right.last)
        }
        return left
    }

    private mutating func parseAtom(after previous: Token?) throws(Diagnostic) -> Expression {
        let what = previous.map { "a term after \($0.quoted) (a number, heard(STATE), missing, round, n, f or '(')" }
            ?? "a condition (a comparison such as 'heard(STATE) >= 1', 'self == STATE', 'not', '(')"
        guard let token = peek else { throw error(at: nil, "found end of line; expected \(what)") }
        index += 1
        switch token.kind {
        case .number:
            return Expression(kind: .number(.literal(try literal(token, negative: false))), first: token, last: token, bare: token)
        case .symbol where token.text == "(":
            var inner = try parseOr()
            guard let close = peek, close.isSymbol(")") else {
                throw error(at: peek, "found \(peek?.quoted ?? "end of line"); expected ')' to close the '(' at column \(token.column)")
            }
            index += 1
            inner.first = token
            inner.last = close
            inner.bare = nil
            return inner
        case .symbol where token.text == "-":
            guard let digits = peek, digits.kind == .number else {
                throw error(at: peek, "found \(peek?.quoted ?? "end of line") after '-'; expected a number (negative literals are written '-K')")
            }
            index += 1
            return Expression(kind: .number(.literal(try literal(digits, negative: true))), first: token, last: digits)
        case .symbol:
            throw error(at: token, "found \(token.quoted); expected \(what)")
        case .word:
            break
        }
        let simple: [String: Term] = ["missing": .missing, "round": .round, "n": .processes, "f": .crashes]
        if let term = simple[token.text] {
            return Expression(kind: .number(term), first: token, last: token)
        }
        switch token.text {
        case "self":
            return Expression(kind: .selfReference, first: token, last: token)
        case "heard":
            try expect("(", "after 'heard'")
            let state = try stateName(try take("a state name in heard(STATE)"))
            guard let close = peek, close.isSymbol(")") else {
                throw error(at: peek, "found \(peek?.quoted ?? "end of line"); expected ')' to close heard(")
            }
            index += 1
            return Expression(kind: .number(.heard(state)), first: token, last: close)
        case _ where ProtocolDefinition.keywords.contains(token.text):
            throw error(at: token, "found \(token.quoted); expected \(what)")
        default:
            if let next = peek, next.isSymbol("(") {
                var message = "unknown function \(token.quoted); expected heard(STATE)"
                if let guess = Spelling.suggestion(for: token.text, among: ["heard"]) { message += " (did you mean '\(guess)'?)" }
                throw error(at: token, message)
            }
            return Expression(kind: .name, first: token, last: token, bare: token)
        }
    }

    /// The value of a literal's digits, negated when `negative`.
    private func literal(_ token: Token, negative: Bool) throws(Diagnostic) -> Int {
        guard let value = Int((negative ? "-" : "") + token.text) else {
            throw error(at: token, "number \(token.quoted) is too large; expected at most \(Int.max) in absolute value")
        }
        return value
    }

    // MARK: Kind checks

    /// The expression as a condition, or an error saying what it is instead.
    private func condition(_ e: Expression) throws(Diagnostic) -> Guard {
        switch e.kind {
        case .condition(let g): return g
        case .number:
            throw error(at: e.first, "'\(text(of: e))' is a number, not a condition; expected a comparison such as '\(text(of: e)) >= 1'")
        case .selfReference:
            throw error(at: e.first, "'self' alone is not a condition; expected 'self == STATE' or 'self != STATE'")
        case .name:
            throw notATerm(e.first)
        }
    }

    /// The expression as an integer term, or an error saying what it is instead.
    private func number(_ e: Expression) throws(Diagnostic) -> Term {
        switch e.kind {
        case .number(let t): return t
        case .condition:
            throw error(at: e.first, "'\(text(of: e))' is a condition, not a number; expected a term (a number, heard(STATE), missing, round, n, f)")
        case .selfReference:
            throw error(at: e.first, "'self' used as a number; expected 'self == STATE' or 'self != STATE'")
        case .name:
            throw notATerm(e.first)
        }
    }

    private func notATerm(_ token: Token) -> Diagnostic {
        var message = "\(token.quoted) is not a term; expected a number, heard(STATE), missing, round, n or f"
        if let guess = Spelling.suggestion(for: token.text, among: ["heard", "missing", "round", "otherwise", "and", "or", "not", "self"]) {
            message += " (did you mean '\(guess)'?)"
        } else if states.contains(token.text) {
            message += " (a state name appears only in heard(\(token.text)) or 'self == \(token.text)')"
        }
        return error(at: token, message)
    }

    /// The source text an expression spans, for quoting in messages.
    private func text(of e: Expression) -> String {
        guard e.first.line == e.last.line else { return e.first.text + " ..." }
        return lexer.text(line: e.first.line, from: e.first.column, to: e.last.column + e.last.text.count)
    }
}

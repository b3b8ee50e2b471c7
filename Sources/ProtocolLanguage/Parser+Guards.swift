import Diagnostics
import Utilities

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
        /// A word that is not a keyword: valid only as a state name compared with `self`, or a
        /// message name compared with `from(TERM)`.
        case name
        /// `from(TERM)`: valid only as one side of `==` / `!=` with a message name or `none`.
        case sender(Term)
        /// `none`: valid only as one side of `==` / `!=` with `from(TERM)`.
        case nothing
    }

    var kind: Kind
    /// The first and last token of the expression, for locations and quoting.
    var first: Token
    var last: Token
    /// The single name or number token this expression is, when unparenthesized; such a
    /// token can be read as a state name in `self == NAME`.
    var bare: Token?

    /// The expression as written inside `( )`.
    mutating func parenthesize(open: Token, close: Token) {
        first = open
        last = close
        bare = nil
    }
}

/// An operator of a guard waiting on the parser's stack for its right operand.
private enum Pending {
    /// `(`, closed by a `)` once the group is read.
    case open(Token)
    /// `not`, applied once its operand is read.
    case not(Token)
    /// A binary operator; the `Int` is its token's index in the line.
    case binary(BinaryOperator, Int)

    var isOpen: Bool {
        if case .open = self { return true }
        return false
    }
}

/// The binary operators of guards, loosest first.
private enum BinaryOperator {
    case or, and, compare(Comparator), add, sub

    /// The operator a token spells, if any.
    init?(_ token: Token) {
        switch token.kind {
        case .word where token.text == "or": self = .or
        case .word where token.text == "and": self = .and
        case .symbol where token.text == "+": self = .add
        case .symbol where token.text == "-": self = .sub
        case .symbol:
            guard let op = Comparator(rawValue: token.text) else { return nil }
            self = .compare(op)
        default: return nil
        }
    }

    /// How tightly it binds; `not` binds at `notPrecedence`.
    var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        case .compare: return 4
        case .add, .sub: return 5
        }
    }

    static let notPrecedence = 3

    /// Whether the operand on its right is a term (else a condition).
    var takesTerms: Bool { precedence >= 4 }
}

extension Parser {
    /// Guard grammar, loosest first:
    ///
    ///     guard      := and ('or' and)*
    ///     and        := not ('and' not)*
    ///     not        := 'not' not | comparison
    ///     comparison := sum (COMPARATOR sum)?
    ///     sum        := atom (('+' | '-') atom)*
    ///     atom       := '(' guard ')' | '-'? NUMBER | 'heard' '(' MESSAGE ')'
    ///                 | 'missing' | 'round' | 'n' | 'f' | 'id' | 'self' | NAME
    ///                 | 'from' '(' index ')' | 'none'
    ///     index      := value (('+' | '-') value)*
    ///     value      := '(' index ')' | '-'? NUMBER | 'heard' '(' MESSAGE ')' | 'missing' | 'round'
    ///                 | 'n' | 'f' | 'id'
    ///
    /// `MESSAGE` is a message name when the protocol has an alphabet, a state name otherwise;
    /// the `NAME` compared with `self` is always a state name, the one compared with
    /// `from(index)` (or `none`) a message name.
    ///
    /// Reads a guard from `index` up to the first token that cannot continue it.
    ///
    /// The reading is iterative (operator precedence with an explicit stack, reducing in the
    /// order recursive descent would, so errors come in reading order), so no input can
    /// overflow the call stack. The guard must stay within `ProtocolDefinition.maxGuardDepth`
    /// levels of parentheses and `not`, `ProtocolDefinition.maxGuardTerms` terms, and literals
    /// of at most `ProtocolDefinition.maxLiteral` in absolute value; the first token past a
    /// limit is a located error. That bounds the depth of the resulting tree, which
    /// evaluation, printing and comparison recurse over, and keeps its arithmetic far inside
    /// `Int`.
    /// - Complexity: O(tokens · states).
    mutating func parseGuard() throws(Diagnostic) -> Guard {
        guardDepth = 0
        guardTerms = 0
        var operands: [Expression] = []
        var pending: [Pending] = []
        // The operator before the operand being read when it takes a term, for messages.
        var previous: Int?
        while true {
            // An operand, after any '(' and 'not' that open it.
            while let token = peek, token.isSymbol("(") || (previous == nil && token.isWord("not")) {
                try enterLevel(at: token)
                pending.append(token.isSymbol("(") ? .open(token) : .not(token))
                index += 1
                previous = nil
            }
            operands.append(try parseSimpleAtom(after: previous))
            // Closing parentheses, then an operator or the end of the guard.
            while let token = peek, token.isSymbol(")"), pending.contains(where: \.isOpen) {
                try reduce(&operands, &pending, above: 0)
                guard case .open(let open)? = pending.popLast() else { preconditionFailure("reduce stops only at '('") }
                guardDepth -= 1
                operands[operands.count - 1].parenthesize(open: open, close: token)
                index += 1
            }
            guard let token = peek, let op = BinaryOperator(token) else { break }
            if case .compare = op {
                try reduce(&operands, &pending, above: op.precedence)
                if case .binary(.compare, _)? = pending.last {
                    throw error(at: token, "comparisons do not chain; expected 'and' between two comparisons, as in 'a < b and b < c'")
                }
            }
            try reduce(&operands, &pending, above: op.precedence - 1)
            pending.append(.binary(op, index))
            previous = op.takesTerms ? index : nil
            index += 1
        }
        try reduce(&operands, &pending, above: 0)
        if case .open(let open)? = pending.last {
            throw error(at: peek, "found \(peek?.quoted ?? "end of line"); expected ')' to close the '(' at column \(open.column)")
        }
        precondition(operands.count == 1 && pending.isEmpty, "a guard reduces to one expression")
        return try condition(operands[0])
    }

    /// Applies the pending operators that bind tighter than `precedence` (all of them down to
    /// the innermost open '(' for 0), innermost first, as recursive descent would on leaving
    /// their operands.
    private mutating func reduce(_ operands: inout [Expression], _ pending: inout [Pending], above precedence: Int) throws(Diagnostic) {
        while let top = pending.last {
            switch top {
            case .open:
                return
            case .not(let token):
                guard BinaryOperator.notPrecedence > precedence else { return }
                pending.removeLast()
                guardDepth -= 1
                let inner = operands.removeLast()
                operands.append(Expression(kind: .condition(.not(try condition(inner))), first: token, last: inner.last))
            case .binary(let op, let opIndex):
                guard op.precedence > precedence else { return }
                pending.removeLast()
                let right = operands.removeLast(), left = operands.removeLast()
                operands.append(try combine(left, op, right, opIndex: opIndex))
            }
        }
    }

    /// Opens one level of nesting (`(` or `not`) at `token`, or throws past the limit.
    private mutating func enterLevel(at token: Token) throws(Diagnostic) {
        let limit = ProtocolDefinition.maxGuardDepth
        guard guardDepth < limit else {
            throw error(at: token, "guard nested too deeply (more than \(limit) levels of parentheses and 'not'); expected at most \(limit) levels")
        }
        guardDepth += 1
    }

    /// Counts one term at `token`, or throws past the limit.
    private mutating func countTerm(at token: Token) throws(Diagnostic) {
        let limit = ProtocolDefinition.maxGuardTerms
        guard guardTerms < limit else {
            throw error(at: token, "guard too long (more than \(limit) terms: numbers, heard(STATE), missing, round, n, f, id, from(…), self, none, names); expected at most \(limit) terms")
        }
        guardTerms += 1
    }

    /// `left OP right`, the operator's token at `opIndex`.
    private func combine(_ left: Expression, _ op: BinaryOperator, _ right: Expression, opIndex: Int) throws(Diagnostic) -> Expression {
        let result: Expression.Kind
        switch op {
        case .or: result = .condition(.or(try condition(left), try condition(right)))
        case .and: result = .condition(.and(try condition(left), try condition(right)))
        case .add: result = .number(.add(try number(left), try number(right)))
        case .sub: result = .number(.sub(try number(left), try number(right)))
        case .compare(let comparator):
            switch (left.kind, right.kind) {
            case (.sender(let sender), _):
                result = .condition(try fromComparison(comparator, tokens[opIndex], sender, right))
            case (_, .sender(let sender)):
                result = .condition(try fromComparison(comparator, tokens[opIndex], sender, left))
            case (.selfReference, _):
                result = .condition(try selfComparison(comparator, tokens[opIndex], right))
            case (_, .selfReference):
                result = .condition(try selfComparison(comparator, tokens[opIndex], left))
            default:
                result = .condition(.comparison(try number(left), comparator, try number(right)))
            }
        }
        return Expression(kind: result, first: left.first, last: right.last)
    }

    /// `self == NAME`, `self != NAME` (either side).
    private func selfComparison(_ op: Comparator, _ opToken: Token, _ other: Expression) throws(Diagnostic) -> Guard {
        if case .nothing = other.kind {
            throw error(at: other.first, "'none' compared with 'self'; expected a state name (none is compared with from(TERM))")
        }
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

    /// `from(TERM) == MESSAGE | none`, `!=` (either side).
    private func fromComparison(_ op: Comparator, _ opToken: Token, _ sender: Term, _ other: Expression) throws(Diagnostic) -> Guard {
        let messageList = (messages ?? states).joined(separator: ", ")
        guard op == .eq || op == .ne else {
            throw error(at: opToken, "found \(opToken.quoted) with 'from(…)'; expected '==' or '!=' (from(TERM) is compared to a message name or none)")
        }
        switch other.kind {
        case .nothing: return .from(sender, op, nil)
        case .sender: throw error(at: other.first, "'from(…)' compared with 'from(…)'; expected a message name or 'none' on one side")
        default:
            guard let token = other.bare else {
                throw error(at: other.first, "'\(text(of: other))' compared with 'from(…)'; expected a message name or 'none', one of: \(messageList), none")
            }
            return .from(sender, op, try messageName(token))
        }
    }

    /// `from(` … `)` after the `from` token: a sum of simple terms, parentheses allowed.
    private mutating func parseSender(_ keyword: Token) throws(Diagnostic) -> Expression {
        try expect("(", "after 'from'")
        let term = try parseIndexSum()
        guard let close = peek, close.isSymbol(")") else {
            throw error(at: peek, "found \(peek?.quoted ?? "end of line"); expected '+', '-' or ')' to close from( (the sender is a term such as 'round - 1' or 'id + 1')")
        }
        index += 1
        return Expression(kind: .sender(term), first: keyword, last: close)
    }

    /// `index := value (('+' | '-') value)*` inside `from(…)`, left-associative.
    private mutating func parseIndexSum() throws(Diagnostic) -> Term {
        var term = try parseIndexValue()
        while let token = peek, token.isSymbol("+") || token.isSymbol("-") {
            index += 1
            let value = try parseIndexValue()
            term = token.isSymbol("+") ? .add(term, value) : .sub(term, value)
        }
        return term
    }

    /// One value of a `from(…)` index: a number, heard(MESSAGE), missing, round, n, f, id, or
    /// a parenthesized index (nesting counts towards `maxGuardDepth`).
    private mutating func parseIndexValue() throws(Diagnostic) -> Term {
        let what = "a process index term inside from( (a number, id, round, n, f, missing, heard(MESSAGE) or '(')"
        guard let token = peek else { throw error(at: nil, "found end of line; expected \(what)") }
        if token.isSymbol("(") {
            try enterLevel(at: token)
            index += 1
            let inner = try parseIndexSum()
            try expect(")", "to close the '(' at column \(token.column)")
            guardDepth -= 1
            return inner
        }
        try countTerm(at: token)
        index += 1
        switch token.kind {
        case .number: return .literal(try literal(token, negative: false))
        case .symbol where token.text == "-":
            guard let digits = peek, digits.kind == .number else {
                throw error(at: peek, "found \(peek?.quoted ?? "end of line") after '-'; expected a number (negative literals are written '-K')")
            }
            index += 1
            return .literal(try literal(digits, negative: true, sign: token))
        case .symbol: throw error(at: token, "found \(token.quoted); expected \(what)")
        case .word: break
        }
        if let term = Self.simpleTerms[token.text] { return term }
        if token.text == "heard" {
            try expect("(", "after 'heard'")
            let message = try messageName(try take(messages == nil ? "a state name in heard(STATE)" : "a message name in heard(MESSAGE)"))
            try expect(")", "to close heard(")
            return .heard(message)
        }
        throw error(at: token, "found \(token.quoted); expected \(what)")
    }

    /// The terms written as one word.
    static let simpleTerms: [String: Term] = ["missing": .missing, "round": .round, "n": .processes, "f": .crashes, "id": .id]

    /// Every atom but `( guard )`; `previousIndex` is the index of the operator before it
    /// when that operator takes terms (for messages).
    private mutating func parseSimpleAtom(after previousIndex: Int?) throws(Diagnostic) -> Expression {
        let previous = previousIndex.map { tokens[$0] }
        let what = previous.map { "a term after \($0.quoted) (a number, heard(STATE), missing, round, n, f or '(')" }
            ?? "a condition (a comparison such as 'heard(STATE) >= 1', 'self == STATE', 'not', '(')"
        guard let token = peek else { throw error(at: nil, "found end of line; expected \(what)") }
        if token.kind != .symbol || token.text == "-" { try countTerm(at: token) }
        index += 1
        switch token.kind {
        case .number:
            return Expression(kind: .number(.literal(try literal(token, negative: false))), first: token, last: token, bare: token)
        case .symbol where token.text == "-":
            guard let digits = peek, digits.kind == .number else {
                throw error(at: peek, "found \(peek?.quoted ?? "end of line") after '-'; expected a number (negative literals are written '-K')")
            }
            index += 1
            return Expression(kind: .number(.literal(try literal(digits, negative: true, sign: token))), first: token, last: digits)
        case .symbol:
            throw error(at: token, "found \(token.quoted); expected \(what)")
        case .word:
            break
        }
        if let term = Self.simpleTerms[token.text] {
            return Expression(kind: .number(term), first: token, last: token)
        }
        switch token.text {
        case "self":
            return Expression(kind: .selfReference, first: token, last: token)
        case "from":
            return try parseSender(token)
        case "none":
            return Expression(kind: .nothing, first: token, last: token)
        case "heard":
            try expect("(", "after 'heard'")
            let what = messages == nil ? "a state name in heard(STATE)" : "a message name in heard(MESSAGE)"
            let message = try messageName(try take(what))
            guard let close = peek, close.isSymbol(")") else {
                throw error(at: peek, "found \(peek?.quoted ?? "end of line"); expected ')' to close heard(")
            }
            index += 1
            return Expression(kind: .number(.heard(message)), first: token, last: close)
        case _ where ProtocolDefinition.keywords.contains(token.text):
            throw error(at: token, "found \(token.quoted); expected \(what)")
        default:
            if let next = peek, next.isSymbol("(") {
                var message = "unknown function \(token.quoted); expected heard(STATE) or from(TERM)"
                if let guess = Spelling.suggestion(for: token.text, among: ["heard", "from"]) { message += " (did you mean '\(guess)'?)" }
                throw error(at: token, message)
            }
            return Expression(kind: .name, first: token, last: token, bare: token)
        }
    }

    /// The value of a literal's digits, negated when `negative` (`sign` is the `-` token).
    /// - Throws: at the literal's first token when its absolute value exceeds
    ///   `ProtocolDefinition.maxLiteral`.
    private func literal(_ token: Token, negative: Bool, sign: Token? = nil) throws(Diagnostic) -> Int {
        let limit = ProtocolDefinition.maxLiteral
        guard let magnitude = Int(token.text), magnitude <= limit else {
            let written = (negative ? "-" : "") + token.text
            throw error(at: sign ?? token, "integer literal \(written) is too large; expected at most \(limit) in absolute value (guards compare counts below 64 and rounds up to 64)")
        }
        return negative ? -magnitude : magnitude
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
        case .sender:
            throw error(at: e.first, "'\(text(of: e))' alone is not a condition; expected 'from(TERM) == MESSAGE', 'from(TERM) == none' or '!='")
        case .nothing:
            throw error(at: e.first, "'none' alone is not a condition; expected 'from(TERM) == none' or 'from(TERM) != none'")
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
        case .sender:
            throw error(at: e.first, "'\(text(of: e))' is a message, not a number; expected 'from(TERM) == MESSAGE' or 'from(TERM) == none' (heard(MESSAGE) counts messages)")
        case .nothing:
            throw error(at: e.first, "'none' used as a number; expected 'from(TERM) == none' (missing counts the messages that did not arrive)")
        case .name:
            throw notATerm(e.first)
        }
    }

    private func notATerm(_ token: Token) -> Diagnostic {
        var message = "\(token.quoted) is not a term; expected a number, heard(STATE), missing, round, n, f or id"
        if let guess = Spelling.suggestion(for: token.text, among: ["heard", "missing", "round", "otherwise", "and", "or", "not", "self", "from", "none"]) {
            message += " (did you mean '\(guess)'?)"
        } else if messages == nil, states.contains(token.text) {
            message += " (a state name appears only in heard(\(token.text)) or 'self == \(token.text)')"
        } else if states.contains(token.text) {
            message += " (a state name appears only in 'self == \(token.text)')"
        } else if messages?.contains(token.text) == true {
            message += " (a message name appears only in heard(\(token.text)) or 'from(TERM) == \(token.text)')"
        }
        return error(at: token, message)
    }

    /// The source text an expression spans, for quoting in messages.
    private func text(of e: Expression) -> String {
        guard e.first.line == e.last.line else { return e.first.text + " ..." }
        return lexer.text(line: e.first.line, from: e.first.column, to: e.last.endColumn)
    }
}

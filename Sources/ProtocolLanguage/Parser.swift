import Diagnostics
import Utilities

/// Reads the sections of a protocol file (docs/protocol-format.md) into a `ProtocolDefinition`.
///
/// One parser reads one file. Guards are read by `Parser+Guards.swift`; this file reads the
/// sections and the per-line token cursor both share.
struct Parser {
    let lexer: Lexer
    var file: String { lexer.file }
    /// State names once `states` has been read.
    var states: [String] = []

    /// The tokens of the logical line being read, and the position in them.
    var tokens: [Token] = []
    var index = 0
    /// Where "end of line" is, for messages about a missing token.
    var lineEnd = SourceLocation(file: "", line: 1, column: 1)

    /// Open parentheses and `not`s around the guard token being read (at most
    /// `ProtocolDefinition.maxGuardDepth`).
    var guardDepth = 0
    /// Terms read so far in the current guard (at most `ProtocolDefinition.maxGuardTerms`).
    var guardTerms = 0

    init(text: String, file: String) {
        lexer = Lexer(text: text, file: file)
    }

    // MARK: Sections

    /// Parses the whole file.
    /// - Complexity: O(text length · states).
    mutating func parse() throws(Diagnostic) -> ProtocolDefinition {
        let (lines, comments) = try lexer.tokenize()
        var name: String?
        var statesKeyword: Token?
        var initial: [InitEntry]?
        var decisions: [DecideEntry]?
        var rules: [Rule]?
        var nextKeyword: Token?

        for (number, line) in lines.enumerated() {
            start(line)
            let first = tokens[0]
            if rules != nil {
                if first.kind == .word, Self.sectionKeywords.contains(first.text) {
                    throw error(at: first, "section \(first.quoted) after 'next'; expected only rules after 'next', which must be the last section")
                }
                try requireLive(rules!, at: first)
                rules!.append(try parseRule())
                continue
            }
            guard first.kind == .word, Self.sectionKeywords.contains(first.text) else {
                if tokens.contains(where: { $0.isSymbol("->") }),
                   Spelling.suggestion(for: first.text, among: Self.sectionKeywords) == nil {
                    throw error(at: first, "rule before 'next'; expected a line 'next' before the rules")
                }
                var message = "unknown section \(first.quoted); expected one of \(Self.sectionKeywords.joined(separator: ", "))"
                if let guess = Spelling.suggestion(for: first.text, among: Self.sectionKeywords) {
                    message += " (did you mean '\(guess)'?)"
                }
                throw error(at: first, message)
            }
            index = 1
            switch first.text {
            case "protocol":
                guard number == 0 else {
                    throw error(at: first, "'protocol' line after other sections; expected 'protocol NAME' as the first line")
                }
                // The lexer gives the rest of the line as one token.
                name = try take("a protocol name after 'protocol'").text
            case "states":
                if statesKeyword != nil { throw duplicateSection(first) }
                statesKeyword = first
                try parseStates(keyword: first)
            case "init":
                if initial != nil { throw duplicateSection(first) }
                try requireStates(before: first)
                initial = try parseInit()
            case "decide":
                if decisions != nil { throw duplicateSection(first) }
                try requireStates(before: first)
                decisions = try parseDecide()
            default: // "next"
                try requireStates(before: first)
                nextKeyword = first
                rules = []
                if index < tokens.count { rules!.append(try parseRule()) }
            }
        }

        let end = lexer.endOfFile
        guard statesKeyword != nil else {
            throw Diagnostic(.badInput, at: end, message: "missing 'states' section; expected a line 'states NAME NAME ...'")
        }
        guard let initial else {
            throw Diagnostic(.badInput, at: end, message: "missing 'init' section; expected a line 'init INPUT -> STATE, ...'")
        }
        guard let decisions else {
            throw Diagnostic(.badInput, at: end, message: "missing 'decide' section; expected a line 'decide STATE -> DECISION, ...'")
        }
        guard let rules, let nextKeyword else {
            throw Diagnostic(.badInput, at: end, message: "missing 'next' section; expected a line 'next' followed by rules 'GUARD -> TARGET'")
        }
        guard !rules.isEmpty else {
            throw error(at: nextKeyword, "'next' has no rules; expected at least one rule 'GUARD -> TARGET' or 'otherwise -> TARGET' after it")
        }
        return ProtocolDefinition(name: name, states: states, initial: initial, decisions: decisions,
                                  rules: rules, comments: comments)
    }

    static let sectionKeywords = ["protocol", "states", "init", "decide", "next"]

    /// Throws at `token`, the start of a rule, when an earlier rule is `otherwise`: the rule
    /// could never apply.
    private func requireLive(_ rules: [Rule], at token: Token) throws(Diagnostic) {
        guard let otherwise = rules.last(where: { $0.guard == nil }) else { return }
        let line = otherwise.location.map { " (line \($0.line))" } ?? ""
        throw error(at: token, "this rule can never apply: an earlier 'otherwise'\(line) matches everything; expected 'otherwise' last")
    }

    private func duplicateSection(_ token: Token) -> Diagnostic {
        error(at: token, "second \(token.quoted) section; expected each section once")
    }

    private func requireStates(before token: Token) throws(Diagnostic) {
        guard !states.isEmpty else {
            throw error(at: token, "\(token.quoted) before 'states'; expected 'states NAME ...' first, since \(token.quoted) uses state names")
        }
    }

    /// `states NAME NAME ...` (commas between names are allowed).
    private mutating func parseStates(keyword: Token) throws(Diagnostic) {
        var seen: [String: Token] = [:]
        let listed = tokens[index...].filter { !$0.isSymbol(",") }.count
        while let token = peek {
            index += 1
            if token.isSymbol(","), !states.isEmpty { continue }
            switch token.kind {
            case .symbol:
                throw error(at: token, "found \(token.quoted); expected a state name (an identifier or a non-negative integer)")
            case .word where ProtocolDefinition.keywords.contains(token.text):
                throw error(at: token, "\(token.quoted) is a keyword and cannot name a state; expected an identifier or a non-negative integer")
            default:
                if let first = seen[token.text] {
                    throw error(at: token, "duplicate state \(token.quoted) (first at line \(first.line)); expected distinct state names")
                }
                guard states.count < ProtocolDefinition.maxStates else {
                    throw error(at: token, "too many states (\(listed)); expected at most \(ProtocolDefinition.maxStates)")
                }
                seen[token.text] = token
                states.append(token.text)
            }
        }
        guard !states.isEmpty else {
            throw error(at: keyword, "'states' lists no states; expected at least one state name after 'states'")
        }
    }

    /// `init INPUT -> STATE, ...`
    private mutating func parseInit() throws(Diagnostic) -> [InitEntry] {
        var entries: [InitEntry] = []
        var seen: [Int: Token] = [:]
        repeat {
            let inputToken = try take("an input value (a non-negative integer)")
            let input = try nonNegative(inputToken, "an input value (a non-negative integer)")
            if let first = seen[input] {
                throw error(at: inputToken, "duplicate init entry for input \(input) (first at line \(first.line)); expected each input once")
            }
            seen[input] = inputToken
            try expect("->", "after input \(input)")
            let state = try stateName(try take("a state name"))
            entries.append(InitEntry(input: input, state: state, location: location(of: inputToken)))
        } while try entrySeparator()
        return entries
    }

    /// `decide STATE -> DECISION, ...`
    private mutating func parseDecide() throws(Diagnostic) -> [DecideEntry] {
        var entries: [DecideEntry] = []
        var seen: [Int: Token] = [:]
        repeat {
            let stateToken = try take("a state name")
            let state = try stateName(stateToken)
            if let first = seen[state] {
                throw error(at: stateToken, "duplicate decide entry for state \(stateToken.quoted) (first at line \(first.line)); expected each state once")
            }
            seen[state] = stateToken
            try expect("->", "after state \(stateToken.quoted)")
            let decision = try nonNegative(try take("a decision value (a non-negative integer)"),
                                           "a decision value (a non-negative integer)")
            entries.append(DecideEntry(state: state, decision: decision, location: location(of: stateToken)))
        } while try entrySeparator()
        return entries
    }

    /// After an entry: true at `,` (consumed), false at end of line.
    private mutating func entrySeparator() throws(Diagnostic) -> Bool {
        guard let token = peek else { return false }
        guard token.isSymbol(",") else {
            throw error(at: token, "found \(token.quoted) after an entry; expected ',' before the next entry, or end of line")
        }
        index += 1
        return true
    }

    /// One rule: `GUARD -> TARGET` or `otherwise -> TARGET`, from `index` to end of line.
    private mutating func parseRule() throws(Diagnostic) -> Rule {
        let first = tokens[index]
        var condition: Guard?
        if first.isWord("otherwise") {
            index += 1
        } else {
            condition = try parseGuard()
        }
        guard let arrow = peek, arrow.isSymbol("->") else {
            let found = peek.map(\.quoted) ?? "end of line"
            let expected = condition == nil ? "'->' after 'otherwise'" : "'->' after the guard (or 'and', 'or' to extend it)"
            throw error(at: peek, "found \(found); expected \(expected)")
        }
        index += 1
        let targetToken = try take("a target after '->' (a state name or 'self')")
        let target: Target = targetToken.isWord("self") ? .stay : .state(try stateName(targetToken))
        try expectEndOfLine()
        return Rule(guard: condition, target: target, location: location(of: first))
    }

    // MARK: Tokens

    mutating func start(_ line: LogicalLine) {
        tokens = line.tokens
        index = 0
        lineEnd = SourceLocation(file: file, line: line.endLine, column: line.endColumn)
    }

    var peek: Token? { index < tokens.count ? tokens[index] : nil }

    func location(of token: Token) -> SourceLocation {
        SourceLocation(file: file, line: token.line, column: token.column)
    }

    /// A located error at `token`, or at end of line when `token` is nil.
    func error(at token: Token?, _ message: String) -> Diagnostic {
        Diagnostic(.badInput, at: token.map(location(of:)) ?? lineEnd, message: message)
    }

    /// Consumes and returns the next token; throws "found end of line; expected WHAT" at the end.
    mutating func take(_ what: String) throws(Diagnostic) -> Token {
        guard let token = peek else { throw error(at: nil, "found end of line; expected \(what)") }
        index += 1
        return token
    }

    /// Consumes the symbol `symbol` or throws.
    mutating func expect(_ symbol: String, _ context: String) throws(Diagnostic) {
        guard let token = peek, token.isSymbol(symbol) else {
            throw error(at: peek, "found \(peek?.quoted ?? "end of line"); expected '\(symbol)' \(context)")
        }
        index += 1
    }

    func expectEndOfLine() throws(Diagnostic) {
        if let token = peek {
            throw error(at: token, "found \(token.quoted); expected end of line")
        }
    }

    /// The value of a number token, or an error naming `what` was expected.
    func nonNegative(_ token: Token, _ what: String) throws(Diagnostic) -> Int {
        guard token.kind == .number else { throw error(at: token, "found \(token.quoted); expected \(what)") }
        guard let value = Int(token.text) else {
            throw error(at: token, "number \(token.quoted) is too large; expected at most \(Int.max)")
        }
        return value
    }

    /// The index of the state a name token names, or an "unknown state" error.
    func stateName(_ token: Token) throws(Diagnostic) -> Int {
        if token.kind != .symbol, let index = states.firstIndex(of: token.text) { return index }
        if token.kind == .symbol {
            throw error(at: token, "found \(token.quoted); expected a state name, one of: \(states.joined(separator: ", "))")
        }
        var message = "unknown state \(token.quoted); expected one of: \(states.joined(separator: ", "))"
        if let guess = Spelling.suggestion(for: token.text, among: states) { message += " (did you mean '\(guess)'?)" }
        throw error(at: token, message)
    }
}

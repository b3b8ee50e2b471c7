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
    /// Message names once `messages` has been read; nil while the protocol has no alphabet.
    var messages: [String]?

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
        var messagesKeyword: Token?
        var initial: [InitEntry]?
        var sends: [SendEntry]?
        var decisions: [DecideEntry]?
        var decideKeyword: Token?
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
            case "messages":
                if messagesKeyword != nil { throw duplicateSection(first) }
                messagesKeyword = first
                try parseMessages(keyword: first)
            case "init":
                if initial != nil { throw duplicateSection(first) }
                try requireStates(before: first)
                initial = try parseInit()
            case "send":
                if sends != nil { throw duplicateSection(first) }
                try requireStates(before: first)
                guard messages != nil else {
                    throw error(at: first, "'send' before 'messages'; expected a line 'messages NAME ...' first, since 'send' maps states to messages")
                }
                sends = try parseSend(keyword: first)
            case "decide":
                if decisions != nil { throw duplicateSection(first) }
                try requireStates(before: first)
                decideKeyword = first
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
        if let messagesKeyword, sends == nil {
            throw error(at: messagesKeyword, "'messages' without 'send'; expected a line 'send STATE -> MESSAGE, ...' giving the message of every state")
        }
        return ProtocolDefinition(name: name, states: states, messages: messages, initial: initial, sends: sends ?? [],
                                  decisions: decisions, rules: rules, comments: comments,
                                  decideLocation: decideKeyword.map(location(of:)))
    }

    static let sectionKeywords = ["protocol", "states", "messages", "init", "send", "decide", "next"]

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

    /// `messages NAME NAME ...` (commas between names are allowed): the alphabet.
    private mutating func parseMessages(keyword: Token) throws(Diagnostic) {
        var names: [String] = []
        var seen: [String: Token] = [:]
        let listed = tokens[index...].filter { !$0.isSymbol(",") }.count
        while let token = peek {
            index += 1
            if token.isSymbol(","), !names.isEmpty { continue }
            switch token.kind {
            case .symbol:
                throw error(at: token, "found \(token.quoted); expected a message name (an identifier or a non-negative integer)")
            case .word where ProtocolDefinition.keywords.contains(token.text):
                throw error(at: token, "\(token.quoted) is a keyword and cannot name a message; expected an identifier or a non-negative integer")
            default:
                if let first = seen[token.text] {
                    throw error(at: token, "duplicate message \(token.quoted) (first at line \(first.line)); expected distinct message names")
                }
                guard names.count < ProtocolDefinition.maxMessages else {
                    throw error(at: token, "too many messages (\(listed)); expected at most \(ProtocolDefinition.maxMessages)")
                }
                seen[token.text] = token
                names.append(token.text)
            }
        }
        guard !names.isEmpty else {
            throw error(at: keyword, "'messages' lists no messages; expected at least one message name after 'messages'")
        }
        messages = names
    }

    /// `send STATE -> MESSAGE, ...`, one entry for every state.
    private mutating func parseSend(keyword: Token) throws(Diagnostic) -> [SendEntry] {
        var entries: [SendEntry] = []
        var seen: [Int: Token] = [:]
        repeat {
            let stateToken = try take("a state name")
            let state = try stateName(stateToken)
            if let first = seen[state] {
                throw error(at: stateToken, "duplicate send entry for state \(stateToken.quoted) (first at line \(first.line)); expected each state once")
            }
            seen[state] = stateToken
            try expect("->", "after state \(stateToken.quoted)")
            let message = try messageName(try take("a message name"))
            entries.append(SendEntry(state: state, message: message, location: location(of: stateToken)))
        } while try entrySeparator()
        if let missing = states.indices.first(where: { seen[$0] == nil }) {
            throw error(at: keyword, "state '\(states[missing])' has no send entry; expected `\(states[missing]) -> MESSAGE` in send (every state sends one of: \(messages!.joined(separator: ", ")))")
        }
        return entries
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

    /// `decide STATE -> DECISION, ...`, or a bare `decide` (no state decides). States left out
    /// do not decide, which only early decision allows (the game layer checks that).
    private mutating func parseDecide() throws(Diagnostic) -> [DecideEntry] {
        var entries: [DecideEntry] = []
        var seen: [Int: Token] = [:]
        if peek == nil { return entries }
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

    /// The index of the state a name token names, or an "unknown state" error (saying so when
    /// the name is a message's).
    func stateName(_ token: Token) throws(Diagnostic) -> Int {
        if token.kind != .symbol, let index = states.firstIndex(of: token.text) { return index }
        if token.kind == .symbol {
            throw error(at: token, "found \(token.quoted); expected a state name, one of: \(states.joined(separator: ", "))")
        }
        if let messages, messages.contains(token.text) {
            throw error(at: token, "\(token.quoted) is a message, not a state; expected a state name, one of: \(states.joined(separator: ", ")) (message names appear only in 'send' and heard(MESSAGE))")
        }
        var message = "unknown state \(token.quoted); expected one of: \(states.joined(separator: ", "))"
        if let guess = Spelling.suggestion(for: token.text, among: states) { message += " (did you mean '\(guess)'?)" }
        throw error(at: token, message)
    }

    /// The index of the message a name token names: a message of the alphabet, or a state
    /// without one; else an "unknown message" error (saying so when the name is a state's).
    func messageName(_ token: Token) throws(Diagnostic) -> Int {
        guard let messages else { return try stateName(token) }
        if token.kind != .symbol, let index = messages.firstIndex(of: token.text) { return index }
        if token.kind == .symbol {
            throw error(at: token, "found \(token.quoted); expected a message name, one of: \(messages.joined(separator: ", "))")
        }
        if states.contains(token.text) {
            throw error(at: token, "\(token.quoted) is a state, not a message; expected a message name, one of: \(messages.joined(separator: ", ")) (the protocol names its messages, and heard(MESSAGE) counts them)")
        }
        var message = "unknown message \(token.quoted); expected one of: \(messages.joined(separator: ", "))"
        if let guess = Spelling.suggestion(for: token.text, among: messages) { message += " (did you mean '\(guess)'?)" }
        throw error(at: token, message)
    }
}

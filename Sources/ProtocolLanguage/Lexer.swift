import Diagnostics

/// Splits protocol text into logical lines of tokens, dropping comments and blank lines, and
/// collects the header comment lines that come before the first line of content.
struct Lexer {
    /// The file name used in locations.
    let file: String
    /// Physical lines, without line terminators (`\n` or `\r\n`).
    let lines: [[Character]]

    init(text: String, file: String) {
        self.file = file
        // "\r\n" is one Character, so it is a separator of its own.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { Array($0) }
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        self.lines = lines
    }

    /// The position just past the end of the file (the end of its last line).
    var endOfFile: SourceLocation {
        SourceLocation(file: file, line: max(lines.count, 1), column: (lines.last?.count ?? 0) + 1)
    }

    /// The source text of physical line `line` (1-based) from `column` up to, not including,
    /// `endColumn`. Used to quote a guard's text in messages.
    func text(line: Int, from column: Int, to endColumn: Int) -> String {
        let characters = lines[line - 1]
        let lower = min(max(column - 1, 0), characters.count)
        let upper = min(max(endColumn - 1, lower), characters.count)
        return String(characters[lower..<upper])
    }

    /// Tokenizes the whole file.
    ///
    /// - Returns: the logical lines (a physical line whose last token is `,` continues on the
    ///   next line that has tokens), and the header comments: comment-only lines before the
    ///   first line with tokens, without `#` and the one space after it.
    /// - Throws: `Diagnostic(.badInput)` at the first character that starts no token.
    /// - Complexity: O(text length).
    func tokenize() throws(Diagnostic) -> (lines: [LogicalLine], comments: [String]) {
        var logical: [LogicalLine] = []
        var comments: [String] = []
        var pending: LogicalLine?
        for (offset, characters) in lines.enumerated() {
            let (tokens, comment) = try tokenize(characters, line: offset + 1)
            if tokens.isEmpty {
                if let comment, logical.isEmpty, pending == nil { comments.append(comment) }
                continue
            }
            let end = tokens[tokens.count - 1]
            var current = LogicalLine(tokens: tokens, endLine: end.line, endColumn: end.column + end.text.count)
            if let previous = pending {
                current.tokens = previous.tokens + current.tokens
            }
            if end.isSymbol(",") {
                pending = current
            } else {
                pending = nil
                logical.append(current)
            }
        }
        if let pending { logical.append(pending) }
        return (logical, comments)
    }

    /// Tokenizes one physical line; returns its tokens and the text of its comment, if any.
    private func tokenize(_ characters: [Character], line: Int) throws(Diagnostic) -> ([Token], String?) {
        var tokens: [Token] = []
        var i = 0
        func location(_ index: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: index + 1) }
        while i < characters.count {
            let c = characters[i]
            if c == " " || c == "\t" { i += 1; continue }
            if c == "#" {
                var comment = String(characters[(i + 1)...])
                if comment.first == " " { comment.removeFirst() }
                return (tokens, comment)
            }
            let start = i
            if let scalar = c.asciiScalar, Self.isIdentifierStart(scalar) {
                while i < characters.count, let s = characters[i].asciiScalar, Self.isIdentifierContinue(s) { i += 1 }
                tokens.append(Token(kind: .word, text: String(characters[start..<i]), line: line, column: start + 1))
                if tokens.count == 1, tokens[0].isWord("protocol") {
                    // `protocol NAME`: the name is the rest of the line up to a comment.
                    var j = i
                    while j < characters.count, characters[j] == " " || characters[j] == "\t" { j += 1 }
                    var k = j
                    while k < characters.count, characters[k] != "#" { k += 1 }
                    let name = String(characters[j..<k]).trimmingTrailingBlanks()
                    if !name.isEmpty { tokens.append(Token(kind: .word, text: name, line: line, column: j + 1)) }
                    i = k
                }
                continue
            }
            if let scalar = c.asciiScalar, Self.isDigit(scalar) {
                while i < characters.count, let s = characters[i].asciiScalar, Self.isDigit(s) { i += 1 }
                if i < characters.count, let s = characters[i].asciiScalar, Self.isIdentifierContinue(s) {
                    var j = i
                    while j < characters.count, let s = characters[j].asciiScalar, Self.isIdentifierContinue(s) { j += 1 }
                    let word = String(characters[start..<j])
                    throw Diagnostic(.badInput, at: location(start),
                                     message: "malformed number '\(word)'; expected digits only, or a name that starts with a letter or '_'")
                }
                tokens.append(Token(kind: .number, text: String(characters[start..<i]), line: line, column: start + 1))
                continue
            }
            let next: Character? = i + 1 < characters.count ? characters[i + 1] : nil
            let symbol: String
            switch (c, next) {
            case ("-", ">"), ("=", "="), ("!", "="), ("<", "="), (">", "="):
                symbol = String([c, next!])
            case ("(", _), (")", _), (",", _), ("+", _), ("-", _), ("<", _), (">", _):
                symbol = String(c)
            case ("=", ">"):
                throw Diagnostic(.badInput, at: location(start), message: "found '=>'; expected '->' between a guard or input and its target")
            case ("=", _):
                throw Diagnostic(.badInput, at: location(start), message: "found '='; expected '==' to compare, or '->' before a target")
            case ("&", "&"):
                throw Diagnostic(.badInput, at: location(start), message: "found '&&'; expected 'and'")
            case ("|", "|"):
                throw Diagnostic(.badInput, at: location(start), message: "found '||'; expected 'or'")
            case ("!", _):
                throw Diagnostic(.badInput, at: location(start), message: "found '!'; expected 'not' to negate, or '!=' to compare")
            default:
                throw Diagnostic(.badInput, at: location(start),
                                 message: "unexpected character '\(c.unicodeScalars.map { $0.escaped(asASCII: true) }.joined())'; expected a name, a number, an operator (== != < <= > >= + - ->), '(', ')', ',' or '#'")
            }
            tokens.append(Token(kind: .symbol, text: symbol, line: line, column: start + 1))
            i += symbol.count
        }
        return (tokens, nil)
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
    static func isIdentifierStart(_ s: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(s) || ("A"..."Z").contains(s) || s == "_"
    }
    static func isIdentifierContinue(_ s: Unicode.Scalar) -> Bool { isIdentifierStart(s) || isDigit(s) }
}

extension String {
    /// The string without trailing spaces and tabs.
    fileprivate func trimmingTrailingBlanks() -> String {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}

extension Character {
    /// The scalar of an ASCII character, else nil.
    fileprivate var asciiScalar: Unicode.Scalar? {
        guard isASCII, let scalar = unicodeScalars.first, unicodeScalars.count == 1 else { return nil }
        return scalar
    }
}

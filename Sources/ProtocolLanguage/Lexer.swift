import Diagnostics

/// Splits protocol text into logical lines of tokens, dropping comments and blank lines, and
/// collects the header comment lines that come before the first line of content.
///
/// Works on Unicode scalars, so columns count scalars (as in specs). A line ends at `\n`,
/// `\r\n` or a lone `\r` (what editors show as a line break).
struct Lexer {
    /// The file name used in locations.
    let file: String
    /// Physical lines, without line terminators.
    let lines: [[Unicode.Scalar]]

    init(text: String, file: String) {
        self.file = file
        var lines: [[Unicode.Scalar]] = [[]]
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            if scalar == "\n" {
                if !afterCR { lines.append([]) }  // after "\r" the line was already ended
            } else if scalar == "\r" {
                lines.append([])
            } else {
                lines[lines.count - 1].append(scalar)
            }
        }
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
        let scalars = lines[line - 1]
        let lower = min(max(column - 1, 0), scalars.count)
        let upper = min(max(endColumn - 1, lower), scalars.count)
        return String(scalars[lower..<upper])
    }

    /// Tokenizes the whole file.
    ///
    /// - Returns: the logical lines (a physical line whose last token is `,` continues on the
    ///   next line that has tokens), and the header comments: comment-only lines before the
    ///   first line with tokens, without `#` and the one space after it.
    /// - Throws: `Diagnostic(.badInput)` at the first character that starts no token, or at a
    ///   NUL character anywhere (comments included).
    /// - Complexity: O(text length).
    func tokenize() throws(Diagnostic) -> (lines: [LogicalLine], comments: [String]) {
        var logical: [LogicalLine] = []
        var comments: [String] = []
        var pending: LogicalLine?
        for (offset, scalars) in lines.enumerated() {
            let (tokens, comment) = try tokenize(scalars, line: offset + 1)
            if tokens.isEmpty {
                if let comment, logical.isEmpty, pending == nil { comments.append(comment) }
                continue
            }
            let end = tokens[tokens.count - 1]
            var current = LogicalLine(tokens: tokens, endLine: end.line, endColumn: end.endColumn)
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
    private func tokenize(_ scalars: [Unicode.Scalar], line: Int) throws(Diagnostic) -> ([Token], String?) {
        var tokens: [Token] = []
        var i = 0
        func location(_ index: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: index + 1) }
        if let nul = scalars.firstIndex(of: "\0") {
            throw Diagnostic(.badInput, at: location(nul), message: SourceText.nulCharacterMessage)
        }
        while i < scalars.count {
            let c = scalars[i]
            if c == " " || c == "\t" { i += 1; continue }
            if c == "#" {
                var comment = String(scalars[(i + 1)...])
                if comment.first == " " { comment.removeFirst() }
                return (tokens, comment)
            }
            let start = i
            if let scalar = c.asciiScalar, Self.isIdentifierStart(scalar) {
                while i < scalars.count, let s = scalars[i].asciiScalar, Self.isIdentifierContinue(s) { i += 1 }
                tokens.append(Token(kind: .word, text: String(scalars[start..<i]), line: line, column: start + 1))
                if tokens.count == 1, tokens[0].isWord("protocol") {
                    // `protocol NAME`: the name is the rest of the line up to a comment.
                    var j = i
                    while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" { j += 1 }
                    var k = j
                    while k < scalars.count, scalars[k] != "#" { k += 1 }
                    let name = String(scalars[j..<k]).trimmingTrailingBlanks()
                    if !name.isEmpty { tokens.append(Token(kind: .word, text: name, line: line, column: j + 1)) }
                    i = k
                }
                continue
            }
            if let scalar = c.asciiScalar, Self.isDigit(scalar) {
                while i < scalars.count, let s = scalars[i].asciiScalar, Self.isDigit(s) { i += 1 }
                if i < scalars.count, let s = scalars[i].asciiScalar, Self.isIdentifierContinue(s) {
                    var j = i
                    while j < scalars.count, let s = scalars[j].asciiScalar, Self.isIdentifierContinue(s) { j += 1 }
                    let word = String(scalars[start..<j])
                    throw Diagnostic(.badInput, at: location(start),
                                     message: "malformed number '\(word)'; expected digits only, or a name that starts with a letter or '_'")
                }
                tokens.append(Token(kind: .number, text: String(scalars[start..<i]), line: line, column: start + 1))
                continue
            }
            let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
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
                                 message: "unexpected character '\(c.escaped(asASCII: true))'; expected a name, a number, an operator (== != < <= > >= + - ->), '(', ')', ',' or '#'")
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

extension Unicode.Scalar {
    /// The scalar itself if it is ASCII, else nil.
    fileprivate var asciiScalar: Unicode.Scalar? { isASCII ? self : nil }
}

extension String {
    /// The string of `scalars`.
    fileprivate init(_ scalars: some Sequence<Unicode.Scalar>) {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        self = text
    }
}

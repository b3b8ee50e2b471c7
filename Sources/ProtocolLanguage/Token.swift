/// One lexical token of a protocol file, with its 1-based position.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        /// An identifier or keyword: `[A-Za-z_][A-Za-z0-9_]*`.
        case word
        /// A non-negative decimal integer; `text` holds its digits.
        case number
        /// Punctuation or an operator: `( ) , + - -> == != < <= > >=`.
        case symbol
    }

    var kind: Kind
    var text: String
    /// 1-based physical line.
    var line: Int
    /// 1-based column (Unicode scalars) of the token's first character.
    var column: Int

    /// The column just past the token's last character.
    var endColumn: Int { column + text.unicodeScalars.count }

    /// Whether this is the keyword or identifier `word`.
    func isWord(_ word: String) -> Bool { kind == .word && text == word }
    /// Whether this is the symbol `symbol`.
    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }

    /// How the token is quoted in messages.
    var quoted: String { "'\(text)'" }
}

/// One logical line: the tokens of a physical line, joined with following lines when it ends
/// with a comma.
struct LogicalLine: Sendable {
    var tokens: [Token]
    /// Position just past the last token (for "found end of line" messages).
    var endLine: Int
    var endColumn: Int
}

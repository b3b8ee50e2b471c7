/// A syntax or sort error Z3's SMT-LIB2 parser found, located in the parsed text itself.
///
/// Z3 4.8.12 reports errors as `(error "line 4 column 3: unknown constant q")`, with a column
/// that counts UTF-8 bytes and is 1-based on the first line but 0-based on every later one.
/// `Z3ParseError.init(z3Message:text:)` undoes both quirks, so `line` and `column` are 1-based
/// and count characters (Unicode scalars) of the text that was parsed.
public struct Z3ParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line in the parsed text, or nil if Z3's message named no position.
    public var line: Int?
    /// 1-based column (Unicode scalars) in the parsed text, or nil if Z3 named no position.
    public var column: Int?
    /// What Z3 says is wrong, without the `(error "line L column C: …")` wrapper and with
    /// whitespace runs collapsed to one space, e.g. `unknown constant q`.
    public var message: String
    /// Z3's complete error text, verbatim.
    public var raw: String

    public init(line: Int?, column: Int?, message: String, raw: String) {
        self.line = line
        self.column = column
        self.message = message
        self.raw = raw
    }

    public var description: String {
        guard let line, let column else { return message }
        return "line \(line) column \(column): \(message)"
    }
}

extension Z3ParseError {
    /// Reads Z3's parser error text and maps its position onto `text`.
    ///
    /// Only the first `(error …)` in `z3Message` is used.
    /// - Complexity: O(`z3Message.count` + length of the named line of `text`).
    init(z3Message: String, text: String) {
        let raw = z3Message
        var body = Substring(z3Message.trimmingWhitespace())
        if let second = body.dropFirst().firstRange(of: "\n(error ") { body = body[..<second.lowerBound] }
        if body.hasPrefix("(error \"") {
            body = body.dropFirst(8)
            if let closingQuote = body.lastIndex(of: "\"") { body = body[..<closingQuote] }
        }
        var line: Int?
        var column: Int?
        if body.hasPrefix("line "), let colon = body.firstIndex(of: ":") {
            let words = body[..<colon].split(separator: " ")
            if words.count == 4, words[2] == "column", let l = Int(words[1]), let c = Int(words[3]) {
                line = l
                column = Self.characterColumn(line: l, z3Column: c, in: text)
                body = body[body.index(after: colon)...]
            }
        }
        let collapsed = body.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
            .joined(separator: " ")
        self.init(line: line, column: column, message: collapsed, raw: raw)
    }

    /// Converts Z3's byte column (1-based on line 1, 0-based after) to a 1-based scalar column.
    static func characterColumn(line: Int, z3Column: Int, in text: String) -> Int {
        let byteOffset = max(0, line == 1 ? z3Column - 1 : z3Column)
        var currentLine = 1
        var lineBytes: [UInt8] = []
        for byte in text.utf8 {
            if currentLine == line {
                if byte == UInt8(ascii: "\n") { break }
                lineBytes.append(byte)
            } else if byte == UInt8(ascii: "\n") {
                currentLine += 1
            }
        }
        guard byteOffset <= lineBytes.count else { return byteOffset + 1 }
        let prefix = String(decoding: lineBytes[..<byteOffset], as: UTF8.self)
        return prefix.unicodeScalars.count + 1
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
        let last = lastIndex(where: { !isSpace($0) })!
        return self[first...last]
    }
}

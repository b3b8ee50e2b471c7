import Diagnostics

/// Reads the S-expressions of an SMT-LIB2 script, keeping every atom's and list's position.
///
/// Accepts symbols, `|quoted symbols|`, keywords (`:name`), numerals, decimals, `#x`/`#b`
/// literals, string literals (`""` escapes a quote) and `;` comments. Lines end at a line feed
/// (`\r\n` is fine: `\r` is whitespace), as for Z3. Malformed input (a NUL character anywhere,
/// an unbalanced parenthesis, an unterminated string or quoted symbol, a stray character,
/// nesting deeper than `maxDepth`) is a located `Diagnostic(.badInput)`.
struct SExpressionReader {
    private let scalars: [Unicode.Scalar]
    private let file: String
    private var offset = 0
    private var line = 1
    private var column = 1

    /// Reads every top-level expression of `text`.
    /// - Throws: `Diagnostic(.badInput)` at the first malformed spot, naming what was expected.
    /// - Complexity: O(`text.unicodeScalars.count`).
    static func read(_ text: String, file: String) throws(Diagnostic) -> [SExpression] {
        var reader = SExpressionReader(scalars: Array(text.unicodeScalars), file: file)
        if let nul = reader.scalars.firstIndex(of: "\0") {
            // Z3 reads the text as a C string: it would stop at the NUL, even in a comment.
            let (line, column) = LineTable(reader.scalars).position(of: nul)
            throw reader.error(SourceText.nulCharacterMessage, line: line, column: column)
        }
        var expressions: [SExpression] = []
        while true {
            reader.skipSpaceAndComments()
            guard let next = reader.peek else { return expressions }
            if next == ")" {
                throw reader.error("unexpected ')'; expected '(' to start a command, or nothing")
            }
            expressions.append(try reader.readExpression())
        }
    }

    private init(scalars: [Unicode.Scalar], file: String) {
        self.scalars = scalars
        self.file = file
    }

    private var peek: Unicode.Scalar? { offset < scalars.count ? scalars[offset] : nil }

    private mutating func advance() {
        if scalars[offset] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        offset += 1
    }

    private func error(_ message: String, line: Int? = nil, column: Int? = nil) -> Diagnostic {
        Diagnostic(.badInput, file: file, line: line ?? self.line, column: column ?? self.column, message: message)
    }

    private mutating func skipSpaceAndComments() {
        while let scalar = peek {
            if scalar == ";" {
                while let c = peek, c != "\n" { advance() }
            } else if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                advance()
            } else {
                return
            }
        }
    }

    /// Deepest nesting of parentheses a spec may use. Far beyond any meaningful spec; it
    /// bounds the depth of every `SExpression` tree (whose deinit, comparison and symbol
    /// walk recurse) and of the terms Z3 builds from the text.
    static let maxDepth = 1000

    /// A list being read: where it starts and the elements read so far.
    private struct OpenList {
        var line: Int
        var column: Int
        var start: Int
        var elements: [SExpression] = []
    }

    /// Reads one expression. Iterative: open lists wait on an explicit stack, so no nesting
    /// can overflow the call stack; past `maxDepth` levels it is an error at the `(` too many.
    private mutating func readExpression() throws(Diagnostic) -> SExpression {
        var open: [OpenList] = []
        while true {
            var finished: SExpression
            if peek == "(" {
                guard open.count < Self.maxDepth else {
                    throw error("expression nested too deeply (more than \(Self.maxDepth) levels of parentheses); expected at most \(Self.maxDepth) levels")
                }
                open.append(OpenList(line: line, column: column, start: offset))
                advance()
                skipSpaceAndComments()
                guard peek == ")" else {
                    if peek == nil { throw unclosed(open[open.count - 1]) }
                    continue
                }
                advance()
                let list = open.removeLast()
                finished = SExpression(kind: .list([]), line: list.line, column: list.column, start: list.start, end: offset)
            } else {
                finished = try readAtom()
            }
            // Append to the enclosing lists, closing each one whose ')' comes next.
            while var list = open.popLast() {
                list.elements.append(finished)
                skipSpaceAndComments()
                guard let next = peek else { throw unclosed(list) }
                guard next == ")" else {
                    open.append(list)
                    break
                }
                advance()
                finished = SExpression(kind: .list(list.elements), line: list.line, column: list.column,
                                       start: list.start, end: offset)
            }
            if open.isEmpty { return finished }
        }
    }

    private func unclosed(_ list: OpenList) -> Diagnostic {
        error("unclosed '('; expected ')' before the end of the file", line: list.line, column: list.column)
    }

    /// Reads one atom (a string, quoted symbol or token) at the current position.
    private mutating func readAtom() throws(Diagnostic) -> SExpression {
        let (startLine, startColumn, start) = (line, column, offset)
        func made(_ kind: SExpression.Kind) -> SExpression {
            SExpression(kind: kind, line: startLine, column: startColumn, start: start, end: offset)
        }
        switch peek! {
        case "\"":
            advance()
            var contents = ""
            while true {
                guard let next = peek else {
                    throw error("unterminated string literal; expected a closing '\"'",
                                line: startLine, column: startColumn)
                }
                advance()
                if next == "\"" {
                    if peek == "\"" { advance() } else { return made(.string(contents)) }
                }
                contents.unicodeScalars.append(next)
            }
        case "|":
            advance()
            var contents = ""
            while true {
                guard let next = peek else {
                    throw error("unterminated quoted symbol; expected a closing '|'",
                                line: startLine, column: startColumn)
                }
                advance()
                if next == "|" { return made(.quotedSymbol(contents)) }
                contents.unicodeScalars.append(next)
            }
        default:
            var token = ""
            while let next = peek, !Self.isDelimiter(next) {
                token.unicodeScalars.append(next)
                advance()
            }
            guard let kind = Self.classify(token) else {
                let shown = token.isEmpty ? String(peek!) : token
                throw error("malformed token '\(shown)'; expected a symbol, keyword, numeral, string, '(' or ')'",
                            line: startLine, column: startColumn)
            }
            return made(kind)
        }
    }

    private static func isDelimiter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r", "(", ")", "\"", "|", ";": return true
        default: return false
        }
    }

    /// The kind of an unquoted token, or nil if SMT-LIB2 has no such token.
    private static func classify(_ token: String) -> SExpression.Kind? {
        let scalars = Array(token.unicodeScalars)
        guard let first = scalars.first else { return nil }
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        if isDigit(first) {
            if scalars.allSatisfy(isDigit) { return .numeral(token) }
            let parts = token.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(isDigit) }) {
                return .otherLiteral(token)
            }
            return nil
        }
        if first == "#", scalars.count > 2 {
            let digits = scalars.dropFirst(2)
            if scalars[1] == "x", digits.allSatisfy({ isDigit($0) || ("a"..."f").contains($0) || ("A"..."F").contains($0) }) {
                return .otherLiteral(token)
            }
            if scalars[1] == "b", digits.allSatisfy({ $0 == "0" || $0 == "1" }) { return .otherLiteral(token) }
            return nil
        }
        if first == ":" {
            let name = scalars.dropFirst()
            guard !name.isEmpty, name.allSatisfy(isSymbolScalar) else { return nil }
            return .keyword(String(token.dropFirst()))
        }
        return scalars.allSatisfy(isSymbolScalar) ? .symbol(token) : nil
    }

    /// Letters, digits and `~ ! @ $ % ^ & * _ - + = < > . ? /`, the characters of a simple symbol.
    private static func isSymbolScalar(_ scalar: Unicode.Scalar) -> Bool {
        if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) {
            return true
        }
        return "~!@$%^&*_-+=<>.?/".unicodeScalars.contains(scalar)
    }
}

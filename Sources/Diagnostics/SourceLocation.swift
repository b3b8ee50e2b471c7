/// A place in a user's input file, 1-based.
///
/// Lines end at a line feed (`\n`; `\r\n` is one line end). Columns count Unicode scalars
/// (code points) from the start of the line, in specs and protocols alike.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it (used verbatim in messages).
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column (Unicode scalars).
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// `text` as one line of printable text: control characters (line breaks, tabs, escape
/// sequences, DEL, C1), line and paragraph separators and bidirectional controls are escaped
/// (`\n`, `\u{1B}`), so user text quoted in a message cannot break the line or the terminal.
func printable(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
        if needsEscape(scalar) { result += scalar.escaped(asASCII: true) } else { result.unicodeScalars.append(scalar) }
    }
    return result
}

private func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .lineSeparator, .paragraphSeparator: return true
    default: return scalar.properties.isBidiControl
    }
}

/// `FILE:LINE:COL: ` with the parts that are known (`FILE: `, `FILE:LINE: `), or nothing
/// without a file: the prefix of every diagnostic and note line.
func locationPrefix(file: String?, line: Int?, column: Int?) -> String {
    guard let file else { return "" }
    var prefix = file
    if let line {
        prefix += ":\(line)"
        if let column { prefix += ":\(column)" }
    }
    return printable(prefix) + ": "
}

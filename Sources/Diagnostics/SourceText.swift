/// Turning an input file's bytes into the text the spec and protocol readers see, with located
/// errors for bytes that are not text.
public enum SourceText {
    /// Where a language's lines end, for locations.
    public enum LineBreaks: Sendable {
        /// A line feed ends a line (a `\r\n` ending is a `\r` before it, a lone `\r` is
        /// whitespace): SMT-LIB2 specs, counted as Z3 counts them.
        case lineFeed
        /// `\n`, `\r\n` or a lone `\r` ends a line: protocol files.
        case anyNewline
    }

    /// Decodes `bytes` as UTF-8. A UTF-8 byte order mark at the very start is skipped (it is
    /// not part of the text, and columns on line 1 do not count it).
    ///
    /// - Parameters:
    ///   - file: the path to name in the diagnostic.
    ///   - expected: what the file should be, for the message (`"an SMT-LIB2 script"`).
    ///   - lines: how the file's language ends lines (for the diagnostic's line and column).
    /// - Throws: `Diagnostic(.badInput)` at the first byte that does not belong to a valid UTF-8
    ///   sequence: its line and column (1 + the Unicode scalars before it on its line),
    ///   naming the byte.
    /// - Complexity: O(`bytes.count`), two passes.
    public static func decodeUTF8<Bytes: Collection<UInt8>>(_ bytes: Bytes, file: String, expected: String,
                                                            lines: LineBreaks = .lineFeed)
        throws(Diagnostic) -> String
    {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        var iterator = body.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var line = 1, column = 1, offset = 0
        var afterCR = false
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded):
                offset += encoded.count
                let byte = encoded.count == 1 ? encoded.first : nil
                if byte == UInt8(ascii: "\n") {
                    if !(lines == .anyNewline && afterCR) { line += 1 }  // "\r\n" already ended the line
                    column = 1
                } else if byte == UInt8(ascii: "\r"), lines == .anyNewline {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                afterCR = byte == UInt8(ascii: "\r")
            case .error:
                let byte = body[body.index(body.startIndex, offsetBy: offset)]
                let hex = String(byte, radix: 16, uppercase: true)
                throw Diagnostic(.badInput, file: file, line: line, column: column,
                                 message: "not UTF-8 text: byte 0x\(hex.count < 2 ? "0" + hex : hex) starts an "
                                 + "invalid or incomplete UTF-8 sequence; expected \(expected), in UTF-8")
            case .emptyInput:
                return String(decoding: body, as: UTF8.self)
            }
        }
    }

    /// Why a NUL character (U+0000) is rejected wherever it occurs, comments included: Z3
    /// reads a spec as a C string and would silently stop there, and neither language has
    /// any use for it. Both readers use this message at the NUL's own location.
    public static let nulCharacterMessage = "NUL character (U+0000) in the text; expected text without NUL bytes"
}

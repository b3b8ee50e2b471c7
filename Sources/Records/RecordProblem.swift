import Diagnostics
import Foundation

/// Why a file is not the JSON record a command expected, in words for a message: where its
/// JSON syntax breaks (line and column), or which field is missing or of the wrong type.
/// `Foundation`'s `DecodingError` names neither a line nor a field in words a user reads.
public struct RecordProblem: Sendable, Equatable {
    /// 1-based, where the JSON syntax breaks; nil for a problem with a field.
    public var line: Int?
    public var column: Int?
    /// What is wrong, without the expectation (the caller knows what it expected).
    public var text: String

    /// The problem behind `error`, which decoding `data` threw.
    /// - Complexity: O(|data|) (the syntax is scanned again to locate a break).
    public init(_ error: any Error, data: Data) {
        // Only a failure of the parser itself is a syntax error: Foundation's parser accepts a
        // little more than RFC 8259 (a comma before `}`), and a field problem then stays one.
        let parserFailed: Bool
        if case DecodingError.dataCorrupted(let context) = error, context.codingPath.isEmpty { parserFailed = true } else { parserFailed = false }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let bytes = data.starts(with: bom) ? [UInt8](data.dropFirst(3)) : [UInt8](data)
        if parserFailed, let syntax = Self.syntaxError(in: bytes) {
            let prefix = String(decoding: bytes.prefix(syntax.offset), as: UTF8.self)
            let lines = prefix.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            line = lines.count
            column = (lines.last?.count ?? 0) + 1
            text = bytes.isEmpty ? "an empty file, not JSON" : "not valid JSON: \(syntax.what)"
            return
        }
        let path = { (context: DecodingError.Context, key: CodingKey?) -> String in
            var parts = ""
            for k in context.codingPath + (key.map { [$0] } ?? []) {
                if let i = k.intValue { parts += "[\(i)]" } else { parts += (parts.isEmpty ? "" : ".") + k.stringValue }
            }
            return parts.isEmpty ? "the file's top level" : "the field '\(parts)'"
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            text = "\(path(context, key)) is missing"
        case DecodingError.valueNotFound(let type, let context):
            text = "\(path(context, nil)) is null, not \(Self.describe(type))"
        case DecodingError.typeMismatch(let type, let context):
            text = "\(path(context, nil)) is not \(Self.describe(type))"
        case DecodingError.dataCorrupted(let context) where parserFailed:
            text = "not valid JSON (\(context.debugDescription))"
        case DecodingError.dataCorrupted(let context):
            text = "\(path(context, nil)) has a value this version does not know (\(context.debugDescription))"
        default:
            text = "unreadable (\(error))"
        }
    }

    /// The message for `file`: located where the syntax breaks, `expected` said last.
    public func diagnostic(file: String, expected: String) -> Diagnostic {
        Diagnostic(.badInput, file: file, line: line, column: column, message: "\(text); expected \(expected)")
    }

    /// `a number`, `text`, `a list`, … for a Swift type a record holds.
    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int32.Type, is Int64.Type, is UInt64.Type, is Double.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            return name.hasPrefix("Array") ? "a list" : name.hasPrefix("Dictionary") ? "an object" : "a value of type \(name)"
        }
    }

    /// The byte offset of the first JSON syntax error in `bytes` and what was expected there,
    /// nil when `bytes` is one well-formed JSON value (RFC 8259, blanks around it allowed).
    /// - Complexity: O(|bytes|); nesting deeper than 512 counts as an error.
    static func syntaxError(in bytes: [UInt8]) -> (offset: Int, what: String)? {
        var scanner = Scanner(bytes: bytes)
        do throws(Scanner.Failure) {
            scanner.skipBlanks()
            try scanner.value(depth: 0)
            scanner.skipBlanks()
            if scanner.i < bytes.count { throw Scanner.Failure(offset: scanner.i, what: "text follows the JSON value") }
            return nil
        } catch {
            return (error.offset, error.what)
        }
    }

    private struct Scanner {
        struct Failure: Error { var offset: Int; var what: String }
        let bytes: [UInt8]
        var i = 0

        mutating func skipBlanks() {
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        }

        func fail(_ expected: String) -> Failure {
            Failure(offset: i, what: i < bytes.count ? "\(expected) should come here" : "the file ends where \(expected) should follow")
        }

        mutating func value(depth: Int) throws(Failure) {
            guard depth < 512 else { throw Failure(offset: i, what: "lists and objects nest more than 512 deep here") }
            guard i < bytes.count else { throw fail("a value") }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1; skipBlanks()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return }
                while true {
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("a quoted field name") }
                    try string()
                    skipBlanks()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("':' after the field name") }
                    i += 1; skipBlanks()
                    try value(depth: depth + 1)
                    skipBlanks()
                    guard i < bytes.count else { throw fail("',' or '}'") }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return }
                    guard bytes[i] == UInt8(ascii: ",") else { throw fail("',' or '}'") }
                    i += 1; skipBlanks()
                }
            case UInt8(ascii: "["):
                i += 1; skipBlanks()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return }
                while true {
                    try value(depth: depth + 1)
                    skipBlanks()
                    guard i < bytes.count else { throw fail("',' or ']'") }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return }
                    guard bytes[i] == UInt8(ascii: ",") else { throw fail("',' or ']'") }
                    i += 1; skipBlanks()
                }
            case UInt8(ascii: "\""):
                try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try number()
            default:
                throw fail("a value (an object, a list, a string, a number, true, false or null)")
            }
        }

        mutating func literal(_ word: String) throws(Failure) {
            for c in word.utf8 {
                guard i < bytes.count, bytes[i] == c else { throw fail("'\(word)'") }
                i += 1
            }
        }

        mutating func string() throws(Failure) {
            i += 1
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""): i += 1; return
                case UInt8(ascii: "\\"):
                    i += 1
                    guard i < bytes.count else { throw fail("an escape") }
                    if bytes[i] == UInt8(ascii: "u") {
                        for _ in 0..<4 {
                            i += 1
                            guard i < bytes.count, (bytes[i] as UInt8).isHexDigit else { throw fail("four hex digits after \\u") }
                        }
                    } else {
                        guard Array("\"\\/bfnrt".utf8).contains(bytes[i]) else { throw fail("an escape (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX)") }
                    }
                    i += 1
                case 0..<0x20: throw fail("a closing '\"' (a control character or line break inside a string)")
                default: i += 1
                }
            }
            throw fail("a closing '\"'")
        }

        mutating func number() throws(Failure) {
            let start = i
            try numberSyntax()
            // Foundation's parser refuses a number no Double holds (`1e999`).
            guard let value = Double(String(decoding: bytes[start..<i], as: UTF8.self)), value.isFinite else {
                throw Failure(offset: start, what: "a number too large for a record")
            }
        }

        mutating func numberSyntax() throws(Failure) {
            let digits = { (s: inout Scanner) -> Int in
                let start = s.i
                while s.i < s.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(s.bytes[s.i]) { s.i += 1 }
                return s.i - start
            }
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            let leadingZero = i < bytes.count && bytes[i] == UInt8(ascii: "0")
            let whole = digits(&self)
            guard whole > 0 else { throw fail("a digit") }
            guard !leadingZero || whole == 1 else { i -= whole - 1; throw fail("no digit after a leading 0") }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard digits(&self) > 0 else { throw fail("a digit after '.'") }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard digits(&self) > 0 else { throw fail("a digit in the exponent") }
            }
        }
    }
}

private extension UInt8 {
    var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}

import Diagnostics

/// A JSON value with the place it starts in its file, for readers that give located errors
/// (`ScheduleFile`). Numbers are kept as integers when they are integers (`Int`), else as
/// their text.
struct JSONValue {
    enum Kind {
        case object([(key: String, value: JSONValue)])
        case array([JSONValue])
        case string(String)
        case integer(Int)
        case number(String)
        case bool(Bool)
        case null
    }

    var kind: Kind
    var location: SourceLocation

    /// The member named `key` of an object (the first, if it repeats); nil otherwise.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// What the value is, for messages (`an object`, `the string "x"`).
    var summary: String {
        switch kind {
        case .object: return "an object"
        case .array: return "an array"
        case .string(let s): return "the string \"\(s)\""
        case .integer(let i): return "the number \(i)"
        case .number(let t): return "the number \(t)"
        case .bool(let b): return "\(b)"
        case .null: return "null"
        }
    }

    /// Parses a whole JSON text (RFC 8259; nesting at most `maxDepth` levels).
    /// - Throws: `Diagnostic(.badInput)` at the line and column of the first error.
    /// - Complexity: O(text length).
    static func parse(_ text: String, file: String) throws(Diagnostic) -> JSONValue {
        var parser = JSONParser(scalars: Array(text.unicodeScalars), file: file)
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.scalars.count else { throw parser.error("text after the JSON value; expected the end of the file") }
        return value
    }

    static let maxDepth = 256
}

private struct JSONParser {
    let scalars: [Unicode.Scalar]
    let file: String
    var index = 0
    var line = 1
    var column = 1

    init(scalars: [Unicode.Scalar], file: String) {
        self.scalars = scalars
        self.file = file
    }

    var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    func error(_ message: String) -> Diagnostic { Diagnostic(.badInput, at: location, message: message) }

    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    mutating func advance() {
        if scalars[index] == "\n" { line += 1; column = 1 } else { column += 1 }
        index += 1
    }

    mutating func skipSpace() {
        while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { advance() }
    }

    mutating func expect(_ c: Unicode.Scalar, _ what: String) throws(Diagnostic) {
        guard current == c else { throw error("\(found); expected \(what)") }
        advance()
    }

    var found: String {
        guard let c = current else { return "the file ends" }
        return "unexpected '\(c.escaped(asASCII: true))'"
    }

    mutating func value(depth: Int) throws(Diagnostic) -> JSONValue {
        guard depth < JSONValue.maxDepth else { throw error("JSON nested deeper than \(JSONValue.maxDepth) levels; expected a schedule") }
        let start = location
        guard let c = current else { throw error("the file ends; expected a JSON value") }
        switch c {
        case "{":
            advance()
            var members: [(key: String, value: JSONValue)] = []
            skipSpace()
            if current == "}" { advance(); return JSONValue(kind: .object([]), location: start) }
            while true {
                skipSpace()
                guard current == "\"" else { throw error("\(found); expected a member name in double quotes") }
                let key = try string()
                skipSpace()
                try expect(":", "':' after a member name")
                skipSpace()
                members.append((key, try value(depth: depth + 1)))
                skipSpace()
                if current == "," { advance(); continue }
                try expect("}", "',' or '}' in an object")
                return JSONValue(kind: .object(members), location: start)
            }
        case "[":
            advance()
            var items: [JSONValue] = []
            skipSpace()
            if current == "]" { advance(); return JSONValue(kind: .array([]), location: start) }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                if current == "," { advance(); continue }
                try expect("]", "',' or ']' in an array")
                return JSONValue(kind: .array(items), location: start)
            }
        case "\"":
            return JSONValue(kind: .string(try string()), location: start)
        case "t", "f", "n":
            for (word, kind) in [("true", JSONValue.Kind.bool(true)), ("false", .bool(false)), ("null", .null)]
            where word.unicodeScalars.elementsEqual(scalars[index..<min(scalars.count, index + word.unicodeScalars.count)]) {
                for _ in word.unicodeScalars { advance() }
                return JSONValue(kind: kind, location: start)
            }
            throw error("\(found); expected a JSON value")
        default:
            guard c == "-" || ("0"..."9").contains(c) else { throw error("\(found); expected a JSON value") }
            var text = ""
            while let d = current, d == "-" || d == "+" || d == "." || d == "e" || d == "E" || ("0"..."9").contains(d) {
                text.unicodeScalars.append(d)
                advance()
            }
            if let integer = Int(text) { return JSONValue(kind: .integer(integer), location: start) }
            guard Double(text) != nil else { throw Diagnostic(.badInput, at: start, message: "malformed number '\(text)'; expected a JSON number") }
            return JSONValue(kind: .number(text), location: start)
        }
    }

    mutating func string() throws(Diagnostic) -> String {
        advance()  // the opening quote
        var result = ""
        while true {
            guard let c = current else { throw error("the file ends inside a string; expected its closing '\"'") }
            if c == "\"" { advance(); return result }
            if c.value < 0x20 { throw error("a control character inside a string; expected it escaped") }
            if c == "\\" {
                advance()
                guard let e = current else { throw error("the file ends inside a string; expected an escape") }
                switch e {
                case "\"", "\\", "/": result.unicodeScalars.append(e)
                case "n": result += "\n"
                case "t": result += "\t"
                case "r": result += "\r"
                case "b": result += "\u{8}"
                case "f": result += "\u{C}"
                case "u":
                    var hex = ""
                    for _ in 0..<4 {
                        advance()
                        guard let h = current, h.properties.isASCIIHexDigit else { throw error("\(found); expected four hex digits after \\u") }
                        hex.unicodeScalars.append(h)
                    }
                    result.unicodeScalars.append(Unicode.Scalar(UInt32(hex, radix: 16)!) ?? "\u{FFFD}")
                default: throw error("unknown escape '\\\(e)'; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u")
                }
                advance()
                continue
            }
            result.unicodeScalars.append(c)
            advance()
        }
    }
}

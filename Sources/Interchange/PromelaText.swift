/// Lines of Promela with indentation, for the generator (`PromelaModel`).
struct PromelaText {
    private(set) var lines: [String] = []
    private var depth = 0

    /// Appends each line of `text` at the current indentation (an empty line stays empty).
    mutating func add(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(line.isEmpty ? "" : String(repeating: "  ", count: depth) + line)
        }
    }

    /// Appends `open`, the body one level deeper, then `close`.
    mutating func block(_ opening: String, _ closing: String, _ body: (inout PromelaText) -> Void) {
        open(opening)
        body(&self)
        close(closing)
    }

    /// Appends `line` and indents what follows one level more.
    mutating func open(_ line: String) {
        add(line)
        depth += 1
    }

    /// Indents what follows one level less and appends `line`.
    mutating func close(_ line: String) {
        depth -= 1
        add(line)
    }

    /// A `printf` of `text` verbatim (quotes escaped), with `%d` arguments.
    mutating func printf(_ text: String, _ arguments: String...) {
        let escaped = text.replacingOccurrences(of: "\"", with: "\\\"")
        add("printf(\"\(escaped)\"" + arguments.map { ", \($0)" }.joined() + ");")
    }

    var text: String { lines.joined(separator: "\n") + "\n" }

    /// `text` safe inside a `/* … */` comment or a `printf` string: `*/` is broken up and line
    /// breaks, quotes and backslashes become blanks (user text: file paths, property names).
    static func commentSafe(_ text: String) -> String {
        var result = ""
        for c in text {
            switch c {
            case "\n", "\r", "\"", "\\": result.append(" ")
            case "/" where result.last == "*": result.append(" /")
            default: result.append(c)
            }
        }
        return result
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

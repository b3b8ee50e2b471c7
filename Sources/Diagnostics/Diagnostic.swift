/// A place in a user's input file, 1-based.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it (used verbatim in messages).
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// A user-facing problem with the input: a malformed spec or protocol, impossible parameters,
/// or a missing file. Library code throws it; only the command line prints it.
///
/// Its `description` is the one line users see:
/// `FILE:LINE:COL: error: what is wrong; what was expected` (location parts omitted when unknown).
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem; the command line maps each to a documented exit code.
    public enum Kind: Hashable, Sendable {
        /// Malformed or inconsistent input data (exit 65).
        case badInput
        /// An input file that does not exist or cannot be read (exit 66).
        case missingFile
        /// Impossible command-line parameters (exit 64).
        case usage
    }

    public var kind: Kind
    /// The file the problem is in, as the user named it; nil when it is not about a file.
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// What is wrong; what was expected.
    public var message: String

    public init(_ kind: Kind = .badInput, file: String?, line: Int? = nil, column: Int? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public init(_ kind: Kind = .badInput, at location: SourceLocation, message: String) {
        self.init(kind, file: location.file, line: location.line, column: location.column, message: message)
    }

    public var description: String {
        var prefix = ""
        if let file {
            prefix = file
            if let line {
                prefix += ":\(line)"
                if let column { prefix += ":\(column)" }
            }
            prefix += ": "
        }
        return prefix + "error: " + message
    }
}

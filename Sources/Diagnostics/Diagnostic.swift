/// A user-facing problem: a malformed spec or protocol, impossible parameters, a missing file,
/// or an internal failure (a bug in ggms, Z3 failures included). Library code throws it; only
/// the command line prints it.
///
/// Its `description` is what users see: first the line
/// `FILE:LINE:COL: error: what is wrong; what was expected` (location parts omitted when
/// unknown; `internal error:` instead of `error:` for `.internalError`), then one line per note,
/// `FILE:LINE:COL: note: ...` (mypyvy and clang style), pointing at related places. Each line
/// is printable whatever user text the message quotes: control characters, line separators
/// and bidirectional controls are shown escaped (`\n`, `\u{1B}`).
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem; the command line maps each to a documented exit code.
    public enum Kind: Hashable, Sendable {
        /// Malformed or inconsistent input data (exit 65).
        case badInput
        /// An input file that does not exist or cannot be read (exit 66).
        case missingFile
        /// Impossible command-line parameters (exit 64).
        case usage
        /// A failure that is not the user's: Z3 failed, or ggms broke an invariant (exit 70).
        case internalError
    }

    public var kind: Kind
    /// The file the problem is in, as the user named it; nil when it is not about a file.
    public var file: String?
    public var line: Int?
    public var column: Int?
    /// What is wrong; what was expected.
    public var message: String
    /// Related places and explanations, printed after the error line in this order.
    public var notes: [Note]

    public init(_ kind: Kind = .badInput, file: String?, line: Int? = nil, column: Int? = nil, message: String,
                notes: [Note] = []) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.notes = notes
    }

    public init(_ kind: Kind = .badInput, at location: SourceLocation, message: String, notes: [Note] = []) {
        self.init(kind, file: location.file, line: location.line, column: location.column, message: message,
                  notes: notes)
    }

    /// Where the problem is, when file, line and column are all known.
    public var location: SourceLocation? {
        guard let file, let line, let column else { return nil }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// The error line alone, without the notes.
    public var headline: String {
        locationPrefix(file: file, line: line, column: column)
            + (kind == .internalError ? "internal error: " : "error: ") + printable(message)
    }

    /// The error line, then one line per note (lines joined by `\n`, no trailing newline).
    public var description: String {
        ([headline] + notes.map(\.description)).joined(separator: "\n")
    }

    /// The same diagnostic with `note` appended.
    public func adding(_ note: Note) -> Diagnostic {
        var copy = self
        copy.notes.append(note)
        return copy
    }
}

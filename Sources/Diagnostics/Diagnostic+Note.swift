extension Diagnostic {
    /// A line printed after a diagnostic's error line: `FILE:LINE:COL: note: ...`, or
    /// `note: ...` when it points nowhere. Notes say where related facts come from (the rule
    /// that produced a state, the attribute that set a limit); they never change the exit code.
    public struct Note: Hashable, Sendable, CustomStringConvertible {
        /// The file the note points into; nil for a note about no file.
        public var file: String?
        public var line: Int?
        public var column: Int?
        /// The explanation, one line.
        public var message: String

        /// A note about no particular place.
        public init(_ message: String) {
            self.message = message
        }

        /// A note pointing at `location`.
        public init(at location: SourceLocation, _ message: String) {
            file = location.file
            line = location.line
            column = location.column
            self.message = message
        }

        /// A note pointing at a file, and at a line and column when known.
        public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
            self.file = file
            self.line = line
            self.column = column
            self.message = message
        }

        public var description: String {
            locationPrefix(file: file, line: line, column: column) + "note: " + printable(message)
        }
    }
}

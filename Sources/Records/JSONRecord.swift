import Diagnostics

/// Which command printed a JSON record: the `kind` field every record begins with
/// (docs/json.md; the shapes are in docs/ggms.schema.json).
public enum RecordKind: String, Codable, Sendable, CaseIterable {
    case verify, synthesize, merge, bench, simulate
    case checkRefutation = "check-refutation"
}

/// A failed command under `--json`: printed on stdout in place of the result when the command
/// ends with exit 64, 65, 66 or 70, so a tool reading stdout always gets one JSON object. The
/// same located message also goes to stderr.
public struct ErrorRecord: Codable, Sendable {
    /// The failure itself: the located message as printed on stderr, its parts, and its notes.
    public struct Failure: Codable, Sendable {
        /// The whole first line: `FILE:LINE:COL: error: what is wrong; what was expected`.
        public var message: String
        public var file: String?
        public var line: Int?
        public var column: Int?
        /// Note lines printed under the message (each `FILE:LINE:COL: note: ...`); absent when none.
        public var notes: [String]?
    }

    /// The subcommand (`verify`, `synthesize`, …), or `ggms` when none was named.
    public var kind: String
    public var versions = ToolVersions()
    /// Always `error`.
    public var outcome = "error"
    public var exitCode: Int32
    public var error: Failure

    /// The record of a located diagnostic.
    public init(kind: String, diagnostic: Diagnostic) {
        self.kind = kind
        exitCode = ExitStatus.code(for: diagnostic)
        let notes = diagnostic.notes.map(\.description)
        error = Failure(message: diagnostic.headline, file: diagnostic.file, line: diagnostic.line, column: diagnostic.column,
                        notes: notes.isEmpty ? nil : notes)
    }

    /// The record of a failure without a location (a command-line parsing error).
    public init(kind: String, exitCode: Int32, message: String) {
        self.kind = kind
        self.exitCode = exitCode
        error = Failure(message: message)
    }
}

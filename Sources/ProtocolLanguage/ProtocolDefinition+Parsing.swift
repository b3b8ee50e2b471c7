import Diagnostics

extension ProtocolDefinition {
    /// Parses protocol text (docs/protocol-format.md).
    ///
    /// Lines are `protocol NAME` (optional, first; the name is the rest of the line),
    /// `states NAME ...` (identifiers or non-negative integers, at most `maxStates`),
    /// `init INPUT -> STATE, ...`,
    /// `decide STATE -> DECISION, ...` and `next` followed by one rule per line to the end of
    /// the file. `states` must precede the sections that name states; each section appears
    /// once. A line ending in `,` continues on the next line. `#` starts a comment; comment
    /// lines before the first section become `comments`. Only the last rule may be
    /// `otherwise`; guards stay within `maxLiteral`, `maxGuardTerms` and `maxGuardDepth`.
    ///
    /// The result is valid in the sense of the type's contract. Whether `init` covers a spec's
    /// inputs and whether decisions lie in its range is not checked here (the game layer does,
    /// using the entries' locations).
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - file: the file name as the user wrote it, used in locations.
    /// - Throws: `Diagnostic(.badInput)` located at the offending token (1-based line and
    ///   column), or at the end of the file for a missing section.
    /// - Complexity: O(text length · states).
    public static func parse(_ text: String, file: String) throws(Diagnostic) -> ProtocolDefinition {
        var parser = Parser(text: text, file: file)
        return try parser.parse()
    }
}

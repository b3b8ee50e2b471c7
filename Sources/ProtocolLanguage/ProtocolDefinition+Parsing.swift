import Diagnostics

extension ProtocolDefinition {
    /// Parses protocol text (docs/protocol-format.md).
    ///
    /// Lines are `protocol NAME` (optional, first; the name is the rest of the line),
    /// `states NAME ...` (identifiers or non-negative integers, at most `maxStates`),
    /// `messages NAME ...` (optional: a message alphabet, at most `maxMessages` names),
    /// `init INPUT -> STATE, ...`, `send STATE -> MESSAGE, ...` (with `messages` and only with
    /// it, one entry for every state), `decide STATE -> DECISION, ...` (states left out do not
    /// decide; the line may list none) and `next` followed by one rule per line to the end of
    /// the file. `states` must precede the sections that name states, `messages` precede
    /// `send`; each section appears once. With an alphabet `heard(...)` names messages, without
    /// one states; `self ==`, targets and the left sides of entries always name states. A line
    /// ending in `,` continues on the next line. `#` starts a comment; comment lines before the
    /// first section become `comments`. Only the last rule may be `otherwise`; guards stay
    /// within `maxLiteral`, `maxGuardTerms` and `maxGuardDepth`.
    ///
    /// The result is valid in the sense of the type's contract. Whether `init` covers a spec's
    /// inputs, whether decisions lie in its range and whether a partial `decide` is allowed
    /// (only under early decision) is not checked here (the game layer does, using the
    /// entries' locations).
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

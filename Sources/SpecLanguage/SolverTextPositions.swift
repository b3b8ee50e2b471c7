import Diagnostics

/// Puts Z3's error positions in a spec's solver text where the user looks for them.
///
/// Z3's parser reports a line and column (mapped to scalars by `Z3ParseError`) that can be off:
/// for an unknown constant it points after the term, not at the name; and for an error at a
/// token that spans lines (a `|quoted symbol|` or string with a line break in it) it gives the
/// token's last line with roughly the column of its first character, which may lie past the end
/// of that line. Every position returned here lies inside the text: a line that exists and a
/// column at most one past that line's last character.
///
/// Built on the error path only: it re-reads the solver text's atoms.
struct SolverTextPositions {
    private let lines: LineTable
    /// Every atom of the text, in file order.
    private let atoms: [SExpression]

    /// - Complexity: O(`solverText` scalars).
    init(solverText: String, file: String) {
        let scalars = Array(solverText.unicodeScalars)
        lines = LineTable(scalars)
        var atoms: [SExpression] = []
        // The solver text is the spec with some commands blanked, which the reader accepted.
        for expression in (try? SExpressionReader.read(solverText, file: file)) ?? [] {
            expression.forEachAtom { atoms.append($0) }
        }
        self.atoms = atoms
    }

    /// Z3's position moved into the text: a position past the end of a line on which a
    /// multi-line atom ends becomes the start of that atom (the one whose first column is
    /// closest to Z3's column); any other position is clamped into the text.
    /// - Complexity: O(atoms).
    func position(line: Int, column: Int) -> (line: Int, column: Int) {
        if (1...lines.lineCount).contains(line), column > lines.length(ofLine: line) + 1 {
            return correctedPastEnd(line: line, column: column)
        }
        return lines.clamped(line: line, column: column)
    }

    private func correctedPastEnd(line: Int, column: Int) -> (line: Int, column: Int) {
        let endingHere = atoms.filter { $0.line < line && lines.position(of: $0.end - 1).line == line }
        guard let atom = endingHere.min(by: { abs($0.column - column) < abs($1.column - column) }) else {
            return lines.clamped(line: line, column: column)
        }
        return (atom.line, atom.column)
    }

    /// Where the constant that Z3's message `unknown constant NAME…` names is used: its last
    /// occurrence starting at or before Z3's position (Z3 stops at the first use it cannot
    /// resolve, and points after it). NAME is matched against the text's symbols with
    /// whitespace runs collapsed to one space, as `Z3ParseError` collapses the message; the
    /// longest symbol that starts the rest of the message wins (Z3 may append sorts, as in
    /// `unknown constant f (Int)`).
    /// - Returns: the symbol's name (without `|` quotes) and position; nil if no symbol of the
    ///   text matches.
    /// - Complexity: O(atoms).
    func unknownConstant(in message: Substring, before position: (line: Int, column: Int))
        -> (name: String, line: Int, column: Int)?
    {
        let limit = lines.offset(line: position.line, column: position.column)
        var best: (atom: SExpression, name: String, shown: Int)?
        for atom in atoms where atom.start <= limit {
            guard let name = atom.symbolName else { continue }
            let shown = Self.collapsed(name)
            guard !shown.isEmpty, message.hasPrefix(shown) else { continue }
            if best == nil || shown.count >= best!.shown { best = (atom, name, shown.count) }
        }
        return best.map { ($0.name, $0.atom.line, $0.atom.column) }
    }

    /// `text` with every run of whitespace collapsed to one space, exactly as `Z3ParseError`
    /// collapses Z3's message (the same four characters).
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}

import Diagnostics

/// One S-expression of an SMT-LIB2 script, with where it is in the text.
///
/// Positions are 1-based lines and columns counting Unicode scalars; `start`/`end` are scalar
/// offsets into the text (`end` exclusive), so a command's source text can be recovered.
struct SExpression: Hashable, Sendable {
    /// What the expression is.
    enum Kind: Hashable, Sendable {
        /// A simple symbol such as `assert` or `p0`.
        case symbol(String)
        /// A `|quoted symbol|`, holding the text between the bars (the same symbol as the
        /// simple symbol of that spelling, per SMT-LIB2).
        case quotedSymbol(String)
        /// A keyword such as `:processes`, holding the name without the colon.
        case keyword(String)
        /// A numeral (digits only), as written.
        case numeral(String)
        /// A decimal (`1.5`), hexadecimal (`#x1F`) or binary (`#b101`) literal, as written.
        case otherLiteral(String)
        /// A string literal, holding its contents with `""` unescaped.
        case string(String)
        /// A parenthesised list.
        case list([SExpression])
    }

    var kind: Kind
    /// 1-based line of the first character.
    var line: Int
    /// 1-based column (Unicode scalars) of the first character.
    var column: Int
    /// Scalar offset of the first character.
    var start: Int
    /// Scalar offset just past the last character.
    var end: Int

    /// The symbol's name for a simple or quoted symbol, else nil.
    var symbolName: String? {
        switch kind {
        case let .symbol(name), let .quotedSymbol(name): return name
        default: return nil
        }
    }

    /// The list's elements, or nil for an atom.
    var elements: [SExpression]? {
        if case let .list(elements) = kind { return elements }
        return nil
    }

    /// Where the expression starts, in `file`.
    func location(in file: String) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    /// The expression as the user wrote it, for messages (atoms only; lists give `(…)`).
    var spelling: String {
        switch kind {
        case let .symbol(text), let .numeral(text), let .otherLiteral(text): return text
        case let .quotedSymbol(text): return "|\(text)|"
        case let .keyword(text): return ":\(text)"
        case let .string(text): return "\"\(text)\""
        case .list: return "(…)"
        }
    }

    /// Every symbol (simple or quoted) in this expression, depth first, left to right.
    /// Iterative, so any depth is safe.
    func forEachSymbol(_ body: (SExpression, String) -> Void) {
        forEachAtom { atom in
            if let name = atom.symbolName { body(atom, name) }
        }
    }

    /// Every atom (anything but a list) in this expression, depth first, left to right.
    /// Iterative, so any depth is safe.
    func forEachAtom(_ body: (SExpression) -> Void) {
        var pending: [SExpression] = [self]
        while let next = pending.popLast() {
            switch next.kind {
            case let .list(elements): pending.append(contentsOf: elements.reversed())
            default: body(next)
            }
        }
    }
}

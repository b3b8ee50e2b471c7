import Diagnostics

/// The two readers under fuzzing, with the words each language is made of.
public enum Reader: String, CaseIterable, Sendable {
    /// `Spec.parse` (SMT-LIB2, then Z3's own parse and sort check).
    case spec
    /// `ProtocolDefinition.parse`.
    case `protocol`

    /// The extension of the reader's files (`smt2`, `protocol`).
    public var fileExtension: String { self == .spec ? "smt2" : "protocol" }

    /// How the reader's language ends lines (for the oracle's bounds and for decoding).
    var lineBreaks: SourceText.LineBreaks { self == .spec ? .lineFeed : .anyNewline }

    /// The file name given to the reader for every fuzzed input.
    var fileName: String { "fuzz." + fileExtension }

    /// Tokens worth inserting: the language's keywords and operators, its limits' edges, and
    /// bytes that have broken readers before (NUL, CR, quotes, stray UTF-8).
    var dictionary: [[UInt8]] {
        let words: [String]
        switch self {
        case .spec:
            words = ["(", ")", "|", "\"", ";", ":", " ", "\n", "\r\n", "\r", "\t", "(assert ", "(define-fun ", "(define-sort ",
                     "(set-info ", ":processes ", ":crashes ", ":rounds ", ":inputs ", ":decisions ", ":states ",
                     ":round-aware ", ":expect ", ":identities ", "realizable", "true", "false", "forall", "exists", "let", "!", ":named",
                     "(forall ((i Proc)) ", "(exists ((j Proc)) ", "(= (decision i) (decision j))", "(input p0)",
                     "(correct p1)", "p0", "p2", "p62", "p63", "p64", "p007", "Proc", "Int", "Bool", "input", "decision",
                     "correct", "=>", "and", "or", "not", "ite", "distinct", "+", "-", "*", "div", "mod", "abs", "as",
                     "_", "#x1F", "#b101", "1.5", "0", "1", "2", "8", "9", "63", "64", "65", "-1",
                     "99999999999999999999999", "|a\nb|", "|a b|", "\"a\nb\"", "\"\"", "((((((((", "))))))))",
                     "(set-info :processes 63)", "(set-info :states 8)", "(check-sat)", "(declare-fun q () Int)",
                     "(push 1)", "(reset)", "(exit)", "(set-option :print-success true)", "caf\u{E9}", "e\u{301}",
                     "\u{1B}[31m", "\u{2028}", "\u{FEFF}"]
        case .protocol:
            words = ["->", "==", "!=", "<=", ">=", "<", ">", "+", "-", ",", "(", ")", "#", " ", "\n", "\r\n", "\r", "\t",
                     "heard(", "heard(0)", "heard(a)", "missing", "round", "n", "f", "self", "self == ", "otherwise",
                     "and", "or", "not", "states ", "init ", "decide ", "next", "protocol ", "0", "1", "7", "8", "9",
                     "1000000", "1000001", "-1000000", "99999999999999999999999", "=>", "&&", "||", "!", "=", "_x9",
                     "0a", "a b c d e f g h i", "otherwise -> self", "heard(1) >= 1 -> 0", "((((((((", "))))))))",
                     "not not not not ", "messages ", "send ", "messages m0 m1\n", "send 0 -> m0, 1 -> m1\n",
                     "heard(m0)", "heard(m1) >= 1 -> 1", "m0", "m1", "decide\n", "decide 1 -> 1\n",
                     "id", "from(", "from(0) == 1", "from(round - 1) != none", "from(id + 1) == m0 -> 1", "none",
                     "caf\u{E9}", "e\u{301}", "\u{1B}[31m", "\u{2028}", "\u{FEFF}"]
        }
        return words.map { Array($0.utf8) } + [[0], [0xFF], [0xC3], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                                               [0xEF, 0xBB, 0xBF]]
    }
}

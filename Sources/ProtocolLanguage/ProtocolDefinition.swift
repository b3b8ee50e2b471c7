import Diagnostics

/// A round-based protocol written in the protocol language of docs/protocol-format.md: named local
/// states, an `init` map from inputs to states, a `decide` map from final states to decisions,
/// and an ordered list of `next` rules where the first rule whose guard holds gives the next
/// state.
///
/// States are referred to by index everywhere (`InitEntry.state`, `Target.state`,
/// `Term.heard`, `Guard.selfIs`); `states[i]` is the name of state `i`.
///
/// Source locations recorded in entries and rules are for messages only: they take no part
/// in `==` or hashing, so `try ProtocolDefinition.parse(p.printed(), file: f) == p` holds for
/// every valid `p` (see `printed()`).
///
/// A valid definition has `1...maxStates` states whose names satisfy `isValidStateName` and
/// are distinct; every state index in entries, targets and guards is in `states.indices`;
/// init inputs are distinct and non-negative; decide states are distinct and decisions are
/// non-negative; there is at least one init entry, one decide entry and one rule; only the
/// last rule may be `otherwise` (a rule after it could never apply); and every guard is
/// within the language's limits (`maxLiteral`, `maxGuardTerms`, `maxGuardDepth`). `parse`
/// only returns valid definitions. Whether `init` covers the inputs of a spec and whether
/// decisions are in its range is checked by the game layer, which knows the spec.
public struct ProtocolDefinition: Hashable, Sendable {
    /// The name from the optional `protocol NAME` line: the rest of that line up to a
    /// comment, without surrounding blanks (so it may hold `-`, `.` or spaces).
    public var name: String?
    /// State names; the position of a name is the state's index.
    public var states: [String]
    /// `init` entries (input -> initial state), in file order.
    public var initial: [InitEntry]
    /// `decide` entries (final state -> decision), in file order.
    public var decisions: [DecideEntry]
    /// `next` rules, in order; the first rule whose guard holds wins.
    public var rules: [Rule]
    /// Leading header comment lines, without the `#` and the one space after it; `printed()`
    /// writes them back as `# ...` lines. Each must not contain a line break.
    public var comments: [String]

    /// Creates a definition from its parts; nothing is validated (see the type's contract).
    public init(name: String? = nil, states: [String], initial: [InitEntry], decisions: [DecideEntry],
                rules: [Rule], comments: [String] = []) {
        self.name = name
        self.states = states
        self.initial = initial
        self.decisions = decisions
        self.rules = rules
        self.comments = comments
    }

    /// Largest number of local states a protocol may declare (`Setting.maxStates`).
    public static let maxStates = 8

    /// Largest absolute value of an integer literal in a guard. Guards compare counts below
    /// `n <= 63` and rounds up to 64, so no meaningful literal comes near it; with
    /// `maxGuardTerms` it keeps every parsed guard's arithmetic far inside `Int`.
    public static let maxLiteral = 1_000_000

    /// Most terms one guard may hold: numbers, `heard(STATE)`, `missing`, `round`, `n`, `f`,
    /// `self` and state names. Bounds the length of `+`/`-`, `and` and `or` chains, and so the
    /// depth of the parsed `Guard` and `Term` trees that evaluation and printing recurse over.
    public static let maxGuardTerms = 256

    /// Deepest nesting of parentheses and `not` in one guard (each `(` and each `not` is one
    /// level). Bounds the parser's recursion, and with `maxGuardTerms` the depth of every
    /// parsed guard tree (at most `maxGuardTerms + maxGuardDepth` nodes on any path).
    public static let maxGuardDepth = 256

    /// Words of the language that can name neither a state nor a term.
    public static let keywords: Set<String> = [
        "self", "otherwise", "and", "or", "not", "heard", "missing", "round", "n", "f",
        "init", "decide", "next", "states", "protocol",
    ]

    /// Whether `name` can name a state: an identifier `[A-Za-z_][A-Za-z0-9_]*` that is not a
    /// keyword, or a non-negative integer written in decimal digits.
    /// - Complexity: O(name length).
    public static func isValidStateName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        if Lexer.isDigit(first) {
            return name.unicodeScalars.allSatisfy(Lexer.isDigit)
        }
        return Lexer.isIdentifierStart(first)
            && name.unicodeScalars.allSatisfy(Lexer.isIdentifierContinue)
            && !keywords.contains(name)
    }

    /// The index of the state called `name`, or nil when there is none.
    /// - Complexity: O(states.count).
    public func stateIndex(named name: String) -> Int? {
        states.firstIndex(of: name)
    }

    /// The next state of a process in `context`: the target of the first rule whose guard
    /// holds, with `self` resolved to `context.state`; nil when no rule applies (a gap).
    ///
    /// - Precondition: every state index in the rules is below `context.heard.count`.
    /// - Complexity: O(total size of the guards tried).
    public func nextState(in context: GuardContext) -> Int? {
        for rule in rules {
            if let condition = rule.guard, !condition.holds(in: context) { continue }
            switch rule.target {
            case .state(let index): return index
            case .stay: return context.state
            }
        }
        return nil
    }
}

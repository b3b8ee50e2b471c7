import Diagnostics

/// A round-based protocol written in the protocol language of docs/protocol-format.md: named local
/// states, an optional message alphabet with a `send` map from states to messages, an `init` map
/// from inputs to states, a `decide` map from states to decisions, and an ordered list of `next`
/// rules where the first rule whose guard holds gives the next state.
///
/// States are referred to by index everywhere (`InitEntry.state`, `SendEntry.state`,
/// `DecideEntry.state`, `Target.state`, `Guard.selfIs`); `states[i]` is the name of state `i`.
/// Messages are referred to by index too (`SendEntry.message`, `Term.heard`): into `messages`
/// when the protocol has an alphabet, into `states` when it has none (then a process
/// broadcasts its state, and `heard(S)` counts state `S`). Message and state names are separate
/// namespaces: the same name may be both.
///
/// Source locations recorded in entries, rules and `decideLocation` are for messages only: they
/// take no part in `==` or hashing, so `try ProtocolDefinition.parse(p.printed(), file: f) == p`
/// holds for every valid `p` (see `printed()`).
///
/// A valid definition has `1...maxStates` states whose names satisfy `isValidStateName` and
/// are distinct; when `messages` is set, `1...maxMessages` messages whose names satisfy
/// `isValidStateName` and are distinct, and exactly one `send` entry per state (none without
/// `messages`); every state index in entries, targets and guards is in `states.indices`, every
/// message index in `messageLabels.indices`; init inputs are distinct and non-negative; decide
/// states are distinct and decisions are non-negative; there is at least one init entry and one
/// rule; only the last rule may be `otherwise` (a rule after it could never apply); and every
/// guard is within the language's limits (`maxLiteral`, `maxGuardTerms`, `maxGuardDepth`).
/// `decide` may leave states out (even all of them): such a state does not decide, which only
/// early decision allows. `parse` only returns valid definitions. Whether `init` covers the
/// inputs of a spec, whether decisions are in its range and whether a partial `decide` is
/// allowed is checked by the game layer, which knows the spec.
public struct ProtocolDefinition: Hashable, Sendable {
    /// The name from the optional `protocol NAME` line: the rest of that line up to a
    /// comment, without surrounding blanks (so it may hold `-`, `.` or spaces).
    public var name: String?
    /// State names; the position of a name is the state's index.
    public var states: [String]
    /// Message names from the `messages` line, the position of a name is the message's index;
    /// nil when the protocol has no alphabet (the messages are the states).
    public var messages: [String]?
    /// `init` entries (input -> initial state), in file order.
    public var initial: [InitEntry]
    /// `send` entries (state -> message), in file order; empty without `messages`.
    public var sends: [SendEntry]
    /// `decide` entries (state -> decision), in file order; the states left out do not decide.
    public var decisions: [DecideEntry]
    /// `next` rules, in order; the first rule whose guard holds wins.
    public var rules: [Rule]
    /// Leading header comment lines, without the `#` and the one space after it; `printed()`
    /// writes them back as `# ...` lines. Each must not contain a line break.
    public var comments: [String]
    /// Where the `decide` keyword was written (for errors about states it leaves out); nil for
    /// a definition built in code. Takes no part in `==` or hashing.
    public var decideLocation: SourceLocation?

    /// Creates a definition from its parts; nothing is validated (see the type's contract).
    public init(name: String? = nil, states: [String], messages: [String]? = nil, initial: [InitEntry],
                sends: [SendEntry] = [], decisions: [DecideEntry], rules: [Rule], comments: [String] = [],
                decideLocation: SourceLocation? = nil) {
        self.name = name
        self.states = states
        self.messages = messages
        self.initial = initial
        self.sends = sends
        self.decisions = decisions
        self.rules = rules
        self.comments = comments
        self.decideLocation = decideLocation
    }

    /// Equal when every part but the source locations is.
    public static func == (lhs: ProtocolDefinition, rhs: ProtocolDefinition) -> Bool {
        lhs.name == rhs.name && lhs.states == rhs.states && lhs.messages == rhs.messages
            && lhs.initial == rhs.initial && lhs.sends == rhs.sends && lhs.decisions == rhs.decisions
            && lhs.rules == rhs.rules && lhs.comments == rhs.comments
    }

    /// Hashes every part but the source locations.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(states)
        hasher.combine(messages)
        hasher.combine(initial)
        hasher.combine(sends)
        hasher.combine(decisions)
        hasher.combine(rules)
        hasher.combine(comments)
    }

    /// Whether the protocol names a message alphabet of its own (`messages` and `send`).
    public var hasAlphabet: Bool { messages != nil }

    /// The names `heard(...)` reads: `messages`, or the state names without an alphabet.
    public var messageLabels: [String] { messages ?? states }

    /// The index of the message called `name` (a state's name without an alphabet), or nil.
    /// - Complexity: O(messages).
    public func messageIndex(named name: String) -> Int? {
        messageLabels.firstIndex(of: name)
    }

    /// The message a process in `state` sends: its `send` entry's, or the state itself without
    /// an alphabet; nil when the entry is missing (an invalid definition).
    /// - Complexity: O(states).
    public func message(ofState state: Int) -> Int? {
        guard hasAlphabet else { return state }
        return sends.first { $0.state == state }?.message
    }

    /// The decision of `state`: its `decide` entry's value, or nil when `decide` leaves it out.
    /// - Complexity: O(states).
    public func decision(ofState state: Int) -> Int? {
        decisions.first { $0.state == state }?.decision
    }

    /// Largest number of local states a protocol may declare (`Setting.maxStates`).
    public static let maxStates = 8

    /// Largest number of messages an alphabet may name (an observation counts at most 8 kinds
    /// of message, as it counts at most `maxStates` states).
    public static let maxMessages = 8

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

    /// Words of the language that can name neither a state, nor a message, nor a term.
    public static let keywords: Set<String> = [
        "self", "otherwise", "and", "or", "not", "heard", "missing", "round", "n", "f",
        "init", "decide", "next", "states", "protocol", "messages", "send", "id", "from", "none",
    ]

    /// Whether `name` can name a state (or a message): an identifier `[A-Za-z_][A-Za-z0-9_]*` that is not a
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
    /// - Precondition: every message index in the rules is below `context.heard.count`.
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

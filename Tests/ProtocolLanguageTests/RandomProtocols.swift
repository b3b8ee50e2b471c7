import ProtocolLanguage
import TestSupport
import Utilities

/// Random valid `ProtocolDefinition`s for round-trip tests. Everything is drawn from the
/// generator passed in, so a failing seed replays.
struct RandomProtocols {
    var generator: SplitMix64

    init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    static let identifierPool = ["a", "b", "idle", "vote0", "vote1", "done", "x_1", "_tmp", "Z", "true", "nn", "ff", "selfish"]

    /// A definition with 1–4 states, 1–4 init entries, 0–4 decide entries (a partial `decide`
    /// is valid syntax), 1–5 rules whose guards are random trees of depth at most 3 (an
    /// `otherwise` rule, if any, is the last), and in about a third of the cases a message
    /// alphabet of 1–4 names (which may also name states) with a `send` entry per state.
    mutating func definition() -> ProtocolDefinition {
        let count = int(1...4)
        var names: [String] = []
        while names.count < count {
            let name = chance(40) ? String(int(0...12)) : Self.identifierPool[int(0...Self.identifierPool.count - 1)]
            if !names.contains(name) { names.append(name) }
        }
        var inputs = Array(0...5)
        inputs.shuffle(using: &generator)
        let initial = inputs.prefix(int(1...4)).map { InitEntry(input: $0, state: int(0...count - 1)) }
        var decideStates = Array(0..<count)
        decideStates.shuffle(using: &generator)
        let decisions = decideStates.prefix(int(0...count)).map { DecideEntry(state: $0, decision: int(0...3)) }
        var messages: [String]?
        var sends: [SendEntry] = []
        if chance(35) {
            var alphabet: [String] = []
            let size = int(1...4)
            while alphabet.count < size {
                let name = chance(30) ? String(int(0...12)) : Self.messagePool[int(0...Self.messagePool.count - 1)]
                if !alphabet.contains(name) { alphabet.append(name) }
            }
            var senders = Array(0..<count)
            senders.shuffle(using: &generator)
            sends = senders.map { SendEntry(state: $0, message: int(0...size - 1)) }
            messages = alphabet
        }
        let messageCount = messages?.count ?? count
        var rules = (0..<int(1...5)).map { _ in
            Rule(guard: chance(20) ? nil : condition(depth: int(0...3), states: count, messages: messageCount),
                 target: chance(25) ? .stay : .state(int(0...count - 1)))
        }
        // Only the last rule may be `otherwise` (a rule after it could never apply).
        if let otherwise = rules.firstIndex(where: { $0.guard == nil }) { rules.removeSubrange((otherwise + 1)...) }
        let comments = chance(30) ? (0..<int(1...3)).map { _ in ["", "header", "  indented # with hash", "x"][int(0...3)] } : []
        return ProtocolDefinition(name: chance(50) ? ["flood", "p2", "_9", "0", "flood set-2.v1", "next"][int(0...5)] : nil,
                                  states: names, messages: messages, initial: Array(initial), sends: sends,
                                  decisions: Array(decisions), rules: rules, comments: comments)
    }

    /// Message names; some are also state names (the namespaces are separate).
    static let messagePool = ["m", "m0", "m1", "vote", "a", "b", "idle", "ack", "_q"]

    /// A random guard; `self` tests name one of `states` states, `heard` one of `messages`
    /// messages (`states` when nil).
    mutating func condition(depth: Int, states: Int, messages: Int? = nil) -> Guard {
        let m = messages ?? states
        if depth == 0 {
            switch int(0...6) {
            case 0: return .selfIs(int(0...states - 1))
            case 1: return .selfIsNot(int(0...states - 1))
            case 2: return .from(term(depth: int(0...2), messages: m), chance(50) ? .eq : .ne,
                                 chance(25) ? nil : int(0...m - 1))
            default:
                return .comparison(term(depth: int(0...2), messages: m),
                                   Comparator.allCases[int(0...5)],
                                   term(depth: int(0...2), messages: m))
            }
        }
        switch int(0...3) {
        case 0: return .not(condition(depth: depth - 1, states: states, messages: m))
        case 1: return .and(condition(depth: int(0...depth - 1), states: states, messages: m),
                            condition(depth: depth - 1, states: states, messages: m))
        case 2: return .or(condition(depth: depth - 1, states: states, messages: m),
                           condition(depth: int(0...depth - 1), states: states, messages: m))
        default: return condition(depth: 0, states: states, messages: m)
        }
    }

    mutating func term(depth: Int, messages: Int) -> Term {
        if depth == 0 {
            switch int(0...7) {
            case 0: return .literal(int(-3...9))
            case 1, 2: return .heard(int(0...messages - 1))
            case 3: return .missing
            case 4: return .round
            case 5: return .processes
            case 6: return .id
            default: return .crashes
            }
        }
        let lhs = term(depth: int(0...depth - 1), messages: messages)
        let rhs = term(depth: int(0...depth - 1), messages: messages)
        return chance(50) ? .add(lhs, rhs) : .sub(lhs, rhs)
    }

    /// A random context for a protocol with `states` states and `messages` messages (`states`
    /// when nil).
    mutating func context(states: Int, messages: Int? = nil) -> GuardContext {
        let n = int(2...8), m = messages ?? states
        var from: [Int?] = []
        for _ in 0..<n { from.append(chance(25) ? nil : int(0...m - 1)) }
        return GuardContext(round: int(1...5), state: int(0...states - 1), heard: (0..<m).map { _ in int(0...4) },
                            missing: int(0...2), processes: n, crashes: int(0...3), id: int(0...n - 1), from: from)
    }
}

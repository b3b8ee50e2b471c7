/// One entry of a protocol table: what the search fills with an action.
public enum TableEntry: Hashable, Sendable, Comparable {
    /// `init(input)`: the action is a state.
    case initial(input: Int)
    /// `decide(state)`: the action is a decision value (under early decision also `D`: the
    /// state does not decide).
    case decision(state: Int)
    /// `send(state)`: the action is a message (only for a table with its own alphabet).
    case send(state: Int)
    /// `next[index]` of `TransitionTable.next`: the action is a state.
    case next(Int)

    private var order: (Int, Int) {
        switch self {
        case .initial(let v): return (0, v)
        case .send(let s): return (1, s)
        case .decision(let s): return (2, s)
        case .next(let e): return (3, e)
        }
    }

    public static func < (a: TableEntry, b: TableEntry) -> Bool { a.order < b.order }
}

extension TransitionTable {
    /// The entry's current action, or nil when it is unset.
    public func action(at entry: TableEntry) -> Int? {
        switch entry {
        case .initial(let v): return initial[v] == Self.undefined ? nil : Int(initial[v])
        case .decision(let s):
            switch decision[s] {
            case Self.noDecision: return nil
            case Self.notDeciding: return setting.decisions
            default: return Int(decision[s])
            }
        case .send(let s): return message(of: s)
        case .next(let e): return next[e] == Self.undefined ? nil : Int(next[e])
        }
    }

    /// Sets (or with nil, clears) an entry.
    public mutating func set(_ entry: TableEntry, to action: Int?) {
        switch entry {
        case .initial(let v): initial[v] = action.map(UInt8.init) ?? Self.undefined
        case .decision(let s):
            decision[s] = action.map { $0 == setting.decisions ? Self.notDeciding : Int8($0) } ?? Self.noDecision
        case .send(let s): send[s] = action.map(UInt8.init) ?? Self.undefined
        case .next(let e): next[e] = action.map(UInt8.init) ?? Self.undefined
        }
    }

    /// How many actions an entry has: `K` states, `M` messages, or `D` decisions (`D + 1`
    /// under early decision: the last is "does not decide").
    public func actionCount(of entry: TableEntry) -> Int {
        switch entry {
        case .decision: return setting.decisions + (setting.earlyDecision ? 1 : 0)
        case .send: return messageCount
        case .initial, .next: return stateCount
        }
    }
}

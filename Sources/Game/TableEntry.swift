/// One entry of a protocol table: what the search fills with an action.
public enum TableEntry: Hashable, Sendable, Comparable {
    /// `init(input)`: the action is a state.
    case initial(input: Int)
    /// `decide(state)`: the action is a decision value.
    case decision(state: Int)
    /// `next[index]` of `TransitionTable.next`: the action is a state.
    case next(Int)

    private var order: (Int, Int) {
        switch self {
        case .initial(let v): return (0, v)
        case .decision(let s): return (1, s)
        case .next(let e): return (2, e)
        }
    }

    public static func < (a: TableEntry, b: TableEntry) -> Bool { a.order < b.order }
}

extension TransitionTable {
    /// The entry's current action, or nil when it is unset.
    public func action(at entry: TableEntry) -> Int? {
        switch entry {
        case .initial(let v): return initial[v] == Self.undefined ? nil : Int(initial[v])
        case .decision(let s): return decision[s] == Self.noDecision ? nil : Int(decision[s])
        case .next(let e): return next[e] == Self.undefined ? nil : Int(next[e])
        }
    }

    /// Sets (or with nil, clears) an entry.
    public mutating func set(_ entry: TableEntry, to action: Int?) {
        switch entry {
        case .initial(let v): initial[v] = action.map(UInt8.init) ?? Self.undefined
        case .decision(let s): decision[s] = action.map(Int8.init) ?? Self.noDecision
        case .next(let e): next[e] = action.map(UInt8.init) ?? Self.undefined
        }
    }

    /// How many actions an entry has: `K` states, or `D` decisions.
    public func actionCount(of entry: TableEntry) -> Int {
        if case .decision = entry { return setting.decisions }
        return stateCount
    }
}

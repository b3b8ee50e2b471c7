import Foundation
import Game

/// A cube of a synthesis question (docs/cubes.md): the tables whose first few entries — the ones
/// every table must set, in the order the search would branch on them — have the actions this
/// cube fixes. `CubeSplitter` makes the cubes of a spec as the leaves of the search tree cut at
/// a given width, so that they partition the table space up to state renaming: every table is
/// a renaming of a table of exactly one cube (outside Byzantine faults; under them the cubes
/// still cover the space, which is all the answer needs). A protocol found in any cube answers
/// "found"; "no protocol" needs every cube refuted (`CubeAnswer`).
///
/// A cube travels as a file (`Cube+Text.swift`: the spec, then the fixed entries), and inside
/// `SynthesisOptions`, so each run's record says which cube it searched.
public struct Cube: Codable, Sendable, Hashable {
    /// One fixed entry: `kind` is `init` (index = input value), `send` / `decide` (index =
    /// state) or `next` (index into `TransitionTable.next`); `action` is a state, a message or
    /// a decision as for `TableEntry`.
    public struct Fixed: Codable, Sendable, Hashable {
        public var kind: String
        public var index: Int
        public var action: Int

        public init(_ entry: TableEntry, action: Int) {
            switch entry {
            case .initial(let v): kind = "init"; index = v
            case .send(let s): kind = "send"; index = s
            case .decision(let s): kind = "decide"; index = s
            case .next(let e): kind = "next"; index = e
            }
            self.action = action
        }

        /// The entry, or nil for an unknown kind.
        public var entry: TableEntry? {
            switch kind {
            case "init": return .initial(input: index)
            case "send": return .send(state: index)
            case "decide": return .decision(state: index)
            case "next": return .next(index)
            default: return nil
            }
        }

        public static let kinds = ["init", "send", "decide", "next"]
    }

    /// 0-based position among the split's cubes.
    public var index: Int
    /// How many cubes the split made.
    public var count: Int
    /// The fixed entries, in the order the split assigned them.
    public var fixed: [Fixed]

    public init(index: Int, count: Int, fixed: [Fixed]) {
        self.index = index
        self.count = count
        self.fixed = fixed
    }

    /// The whole space as one cube (nothing fixed).
    public static let whole = Cube(index: 0, count: 1, fixed: [])

    /// The first fixed entry that does not fit `space` (unknown kind, index or action out of
    /// range, an entry fixed twice, a `send` entry without an alphabet), said for a user; nil
    /// when all fit.
    public func problem(in space: StrategySpace) -> String? { firstProblem(in: space)?.message }

    /// `problem(in:)` with the position in `fixed` of the entry it is about (nil when it is
    /// about the cube's index and count), so that a reader can point at that entry's line.
    public func firstProblem(in space: StrategySpace) -> (fixed: Int?, message: String)? {
        var seen = Set<TableEntry>()
        for (position, f) in fixed.enumerated() {
            let problem = { (message: String) in (fixed: Optional(position), message: message) }
            guard let entry = f.entry else { return problem("unknown entry kind '\(f.kind)'; expected one of \(Fixed.kinds.joined(separator: ", "))") }
            let bound: Int
            switch entry {
            case .initial: bound = space.setting.inputs
            case .send: bound = space.sendCount
            case .decision: bound = space.stateCount
            case .next: bound = space.emptyTable.next.count
            }
            guard f.index >= 0 && f.index < bound else {
                return problem("\(f.kind) \(f.index) is not an entry of this spec's table; expected an index in 0..<\(bound)")
            }
            let actions = space.emptyTable.actionCount(of: entry)
            guard f.action >= 0 && f.action < actions else {
                return problem("\(f.kind) \(f.index) = \(f.action) is out of range; expected an action in 0..<\(actions)")
            }
            guard seen.insert(entry).inserted else { return problem("\(f.kind) \(f.index) is fixed twice; expected each entry at most once") }
        }
        guard index >= 0 && index < count else { return (nil, "cube \(index) of \(count) is out of range; expected 0 <= index < count") }
        return nil
    }

    /// How many complete tables this cube stands for: the tables that agree with its fixed
    /// entries, times the renamings that map them to distinct tables (`K!/(K-u)!` for the `u`
    /// states the fixed entries pin, and `M!/(M-m)!` for the `m` messages under `:messages M`
    /// outside Byzantine faults). Over the cubes of one split (outside Byzantine faults) these
    /// add up to the whole space, the number of tables a search without symmetry breaking
    /// would range over — the partition property the tests check. A Double: exact below 2^53.
    /// - Complexity: O(entries + fixed entries · K).
    /// - Precondition: the cube fits `setting` (`problem(in:)`).
    public func tableCount(setting: Setting) -> Double {
        let space = StrategySpace(setting: setting, cube: self)
        var count = 1.0
        for i in 0..<space.count where space.fixed(i) < 0 { count *= Double(space.actionCount(i)) }
        let pins = space.pins
        count *= Self.falling(space.stateCount, pins.states.filter { $0 }.count)
        if space.renamesMessages { count *= Self.falling(space.emptyTable.messageCount, pins.messages.filter { $0 }.count) }
        return count
    }

    /// `n!/(n-k)!`.
    static func falling(_ n: Int, _ k: Int) -> Double {
        (0..<k).reduce(1.0) { $0 * Double(n - $1) }
    }
}

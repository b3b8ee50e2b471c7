import Synchronization

/// Nogoods shared by the searches of one run on threads (`CubeRunner`): partial assignments
/// (entries with their actions) that no passing table extends. Two kinds arrive: every cube a
/// cube search refutes (its fixed entries), and the conflict of every tree node a search refutes
/// whose conflict has at most `publishLimit` entries (`Synthesizer.refute`). Every tree search
/// of the run refutes at once a node whose assignment extends one (`covering`), with its entries
/// as the conflict; CEGIS excludes them in Z3 (`added(since:)`). So the whole-space search and
/// the cube searches prune each other's searches from both ends instead of refuting the same
/// subtrees twice (small conflicts come from tree searches; beside `ggms` the cube searches
/// are CEGIS's, which publish the cubes they refute).
///
/// Soundness: a cube's search refutes it only when no table agreeing with its fixed entries
/// passes (up to renamings that fix the cube, which preserve passing). A node's conflict is a
/// set of its assigned entries such that every table agreeing with the node on them fails: a
/// counterexample reading only them, a Z3 unsat core over learned schedules (every passing
/// table satisfies the spec on them), another nogood, or the union of its children's conflicts
/// minus its branch entry — the children cover every action up to renamings of states no
/// assigned entry mentions, which fix those entries (`StrategySpace`). None depends on which
/// search, cube or path found it, so any search may use it. Thread-safe (one lock); cost
/// O(nogoods · entries) per `covering` query, under the lock: a scan of every nogood (a few
/// hundred on the specs measured; node conflicts have at most `publishLimit` entries).
public final class SharedNogoods: Sendable {
    /// Per nogood: its entries as (entry index in `StrategySpace.entries`, action).
    private let nogoods = Mutex<(list: [[(entry: Int, action: Int16)]], known: Set<[Int32]>)>(([], []))

    /// Most entries of a node conflict a search publishes. Small conflicts are the ones that
    /// prune much (they refute whole subtrees near the root); on consensus (6,4) one round short
    /// sharing those up to 12 entries took the median `--jobs 2` run from 28.1 s to 18.3 s
    /// (`Results/scale.md`).
    public static let publishLimit = 12

    public init() {}

    /// Records a refuted cube. - Precondition: it fits `space` (`Cube.problem(in:)`).
    public func add(_ cube: Cube, space: StrategySpace) {
        add(cube.fixed.map { f in (entry: space.index(of: f.entry!), action: Int16(f.action)) })
    }

    /// Records a nogood (a second copy of one already known is dropped).
    public func add(_ nogood: [(entry: Int, action: Int16)]) {
        let sorted = nogood.sorted { $0.entry < $1.entry }
        let key = sorted.flatMap { [Int32($0.entry), Int32($0.action)] }
        nogoods.withLock { state in
            if state.known.insert(key).inserted { state.list.append(sorted) }
        }
    }

    /// How many nogoods are known.
    public var count: Int { nogoods.withLock { $0.list.count } }

    /// The nogoods from the `start`-th on (in the order they were added), as (entry index,
    /// action) lists, and how many there are now — for a consumer that polls.
    public func added(since start: Int) -> (nogoods: [[(entry: Int, action: Int16)]], count: Int) {
        nogoods.withLock { state in (start < state.list.count ? Array(state.list[start...]) : [], state.list.count) }
    }

    /// The entries of a nogood that `assigned` extends (agrees with on every entry), or nil
    /// when none.
    public func covering(_ assigned: [Int16]) -> [Int]? {
        nogoods.withLock { state in
            state.list.first { fixed in fixed.allSatisfy { assigned[$0.entry] == $0.action } }.map { $0.map(\.entry) }
        }
    }
}

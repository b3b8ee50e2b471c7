import Synchronization

/// Cubes refuted so far in a run on threads (`CubeRunner`), shared with the search of the whole
/// space that runs beside them: a tree node whose assignment extends a refuted cube's fixed
/// entries is refuted at once, with those entries as its conflict.
///
/// Soundness: a cube's search refutes it only when no table agreeing with its fixed entries
/// passes (up to renamings that fix the cube, which preserve passing), so every completion of
/// a node that agrees with them fails too. Thread-safe (one lock); cost O(cubes · fixed entries)
/// per query.
public final class SharedNogoods: Sendable {
    /// Per refuted cube: its fixed entries as (entry index in `StrategySpace.entries`, action).
    private let cubes = Mutex<[[(entry: Int, action: Int16)]]>([])

    public init() {}

    /// Records a refuted cube. - Precondition: it fits `space` (`Cube.problem(in:)`).
    public func add(_ cube: Cube, space: StrategySpace) {
        let fixed = cube.fixed.map { f in (entry: space.index(of: f.entry!), action: Int16(f.action)) }
        cubes.withLock { $0.append(fixed) }
    }

    /// The refuted cubes from the `start`-th on (in the order they were added), as (entry
    /// index, action) lists, and how many there are now — for a consumer that polls.
    public func added(since start: Int) -> (cubes: [[(entry: Int, action: Int16)]], count: Int) {
        cubes.withLock { list in (start < list.count ? Array(list[start...]) : [], list.count) }
    }

    /// The entries of a refuted cube that `assigned` extends (agrees with on every fixed entry),
    /// or nil when none.
    public func covering(_ assigned: [Int16]) -> [Int]? {
        cubes.withLock { list in
            list.first { fixed in fixed.allSatisfy { assigned[$0.entry] == $0.action } }.map { $0.map(\.entry) }
        }
    }
}

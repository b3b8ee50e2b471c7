import Checking
import Diagnostics
import Game
import SpecLanguage

/// Splits a synthesis question into cubes (`Cube`, docs/cubes.md): the leaves of the search
/// tree of `Synthesizer`, grown breadth first until there are at least as many as wanted.
///
/// The tree is the search's own: a node's branch entry is the unset entry the most raw
/// executions reach under the node's assignment (one partial check, ties to the lowest entry),
/// and its children give that entry every action `StrategySpace.legalActions` offers (every
/// action up to state and message renaming). So the `init` entries come first (every
/// execution reads them), then the most-reached `next` and `decide` entries.
///
/// Soundness (the partition): a node's children cover its tables up to renaming (the
/// `StrategySpace` argument), so by induction every table is a renaming of a table of some
/// leaf, and correctness is closed under renaming: "no protocol" in every cube is "no
/// protocol". Outside Byzantine faults the leaves are also disjoint up to renaming — each
/// fixed entry mentions only states earlier fixed entries introduced, each new state is the
/// lowest unused one, so a renaming that maps a table of one leaf into another fixes every
/// introduced state and the two leaves are one — which `Cube.tableCount` turns into counts that
/// add up to the whole space (the tests check it). A leaf whose partial check already fails,
/// or that has no reachable unset entry, is never split further; it is still a cube (its run
/// settles at once).
/// - Complexity: one partial check (`FastChecker`, counting mode) per split node.
public enum CubeSplitter {
    /// At least `wanted` cubes (fewer only when the tree has fewer leaves), in tree order; each
    /// `Cube.count` is the number made. Given `within` (a cube of an earlier split of `spec`, or
    /// of this one), the tree grows from that cube's leaf instead of the root: the cubes extend
    /// its fixed entries and partition its tables as the root's cubes partition the space (the
    /// same argument, from that node) — how `CubeRunner` re-splits a cube that outlasts its
    /// time. Within a cube that cannot be split further the answer is that cube alone.
    /// - Precondition: `within` fits the spec's space (`Cube.problem(in:)`).
    /// - Throws: `SynthesisError.input` when the spec's table cannot be held or Z3 rejects it,
    ///   `.engine` when a check fails.
    public static func split(spec: Spec, wanted: Int, within: Cube = .whole,
                             solverTimeoutMilliseconds: UInt32 = SynthesisOptions().solverTimeout,
                             cancellation: CancellationToken? = nil) throws(SynthesisError) -> [Cube] {
        do { try Synthesis.requireTableFits(spec) } catch { throw .input(error) }
        // Inside a cube the states and messages its entries mention are pinned
        // (`StrategySpace.pins`), so a hand-made cube is partitioned too, not only one of ours.
        let space = StrategySpace(setting: spec.setting, cube: within.fixed.isEmpty ? nil : within)
        let evaluator: SpecEvaluator
        do { evaluator = try SpecEvaluator(spec: spec, timeoutMilliseconds: solverTimeoutMilliseconds) } catch {
            throw error.kind == .internalError ? .engine(error.description) : .input(error)
        }
        // Leaves in tree order: the assignment and its entries in the order they were fixed;
        // `open` says whether a leaf may still be split.
        var root = [Int16](repeating: -1, count: space.count)
        let rootOrder = within.fixed.map { space.index(of: $0.entry!) }
        for (i, f) in zip(rootOrder, within.fixed) { root[i] = Int16(f.action) }
        var leaves: [(assigned: [Int16], order: [Int], open: Bool)] = [(root, rootOrder, true)]
        var cursor = 0
        while leaves.count < wanted, leaves.contains(where: \.open) {
            if cursor >= leaves.count { cursor = 0 }
            guard leaves[cursor].open else { cursor += 1; continue }
            if cancellation?.isCancelled == true { break }
            let leaf = leaves[cursor]
            let table = space.table(leaf.assigned)
            var options = CheckOptions(mode: .count)
            options.gaps = .skip
            options.cancellation = cancellation
            let report: CheckReport
            do { report = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: options).check() } catch {
                throw .engine("a partial check while splitting failed: \(error)")
            }
            if cancellation?.isCancelled == true { break }
            guard (report.rawExecutionsFailing ?? 0) == 0, !report.gaps.isEmpty else {
                leaves[cursor].open = false
                cursor += 1
                continue
            }
            let entry = report.gaps.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }!.key
            let i = space.index(of: entry)
            let children = space.legalActions(i, assigned: leaf.assigned).map { action in
                var assigned = leaf.assigned
                assigned[i] = Int16(action)
                return (assigned, leaf.order + [i], true)
            }
            leaves.replaceSubrange(cursor...cursor, with: children)
            cursor += children.count
        }
        return leaves.enumerated().map { index, leaf in
            Cube(index: index, count: leaves.count,
                 fixed: leaf.order.map { Cube.Fixed(space.entries[$0], action: Int(leaf.assigned[$0])) })
        }
    }
}

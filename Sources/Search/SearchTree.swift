/// The MCTS tree as an index arena (a struct of node records in one contiguous array, `Int32`
/// links), not class nodes. Node 0 is the empty assignment; a child assigns its parent's
/// branch entry one action.
///
/// Every mutation goes through `expand`, `resetStatistics` or the subscript's setter; in a
/// build with the compilation condition `GGMS_INVARIANTS` each of them ends by checking
/// `validate()` and traps when it fails (see there).
struct SearchTree {
    static let none: Int32 = -1

    /// What is known about a node's subtree.
    enum Status: UInt8 {
        /// Not yet evaluated (no partial check run).
        case fresh
        /// Evaluated and has children to explore.
        case open
        /// Every completion violates the spec (conflict, or all children refuted).
        case refuted
        /// A subtree the checker could not settle (Z3 unknown): not refuted, not solvable here.
        case undecided
        /// Evaluated, no gap and no branching possible (plain MCTS keeps such leaves).
        case terminal
    }

    struct Node {
        var parent: Int32
        /// Entry index (into `StrategySpace.entries`) that this node's children assign; -1 before expansion.
        var branch: Int32 = SearchTree.none
        /// Action this node's parent gave to the parent's branch entry.
        var action: Int16
        var firstChild: Int32 = SearchTree.none
        var childCount: Int16 = 0
        var visits: Int32 = 0
        var valueSum: Float = 0
        var prior: Float
        var status: Status = .fresh
        var depth: Int32
    }

    private(set) var nodes: ContiguousArray<Node>

    init() {
        nodes = [Node(parent: Self.none, action: -1, prior: 1, depth: 0)]
    }

    var count: Int { nodes.count }

    subscript(i: Int32) -> Node {
        get { nodes[Int(i)] }
        set {
            nodes[Int(i)] = newValue
            checkInvariants("a node write")
        }
    }

    /// Adds the children of `node` (one per action) with their priors.
    mutating func expand(_ node: Int32, branch: Int, actions: [Int], priors: [Float]) {
        precondition(nodes[Int(node)].firstChild == Self.none, "search tree: node expanded twice")
        let first = Int32(nodes.count)
        let depth = nodes[Int(node)].depth + 1
        for (a, p) in zip(actions, priors) {
            nodes.append(Node(parent: node, action: Int16(a), prior: p, depth: depth))
        }
        nodes[Int(node)].branch = Int32(branch)
        nodes[Int(node)].firstChild = first
        nodes[Int(node)].childCount = Int16(actions.count)
        checkInvariants("expand")
    }

    func children(_ node: Int32) -> Range<Int32> {
        let n = nodes[Int(node)]
        return n.firstChild == Self.none ? 0..<0 : n.firstChild..<(n.firstChild + Int32(n.childCount))
    }

    /// Mean value, or `fallback` for an unvisited node.
    func q(_ i: Int32, fallback: Float) -> Float {
        let n = nodes[Int(i)]
        return n.visits == 0 ? fallback : n.valueSum / Float(n.visits)
    }

    /// The assignment along the path from the root over `base` (the entries fixed before the
    /// root: a cube's, else all -1): `assigned[entry] = action` or -1.
    func assignment(_ node: Int32, base: [Int16]) -> [Int16] {
        var assigned = base
        var i = node
        while nodes[Int(i)].parent != Self.none {
            let p = nodes[Int(i)].parent
            assigned[Int(nodes[Int(p)].branch)] = nodes[Int(i)].action
            i = p
        }
        return assigned
    }

    /// Forgets visit counts and values everywhere (refutations and structure stay).
    mutating func resetStatistics() {
        for i in nodes.indices {
            nodes[i].visits = 0
            nodes[i].valueSum = 0
        }
        checkInvariants("resetStatistics")
    }

    /// Whether the arena's invariants hold: every node but the root comes after its parent, is
    /// among its parent's children and is one deeper; an expanded node has a branch entry and
    /// at least one child, all after it; an `open` node is expanded; no visit count is negative.
    ///
    /// The tests call it after a search. Building with `GGMS_INVARIANTS`
    /// (`swift build -Xswiftc -DGGMS_INVARIANTS`, or the same flag for `swift test`) makes every
    /// mutation of the tree call it too, and trap when it fails, so a broken link is caught at
    /// the mutation that broke it — at a cost of O(nodes) per mutation, for debugging only.
    /// Without the flag nothing but the tests calls it.
    /// - Complexity: O(nodes).
    func validate() -> Bool {
        for (index, n) in nodes.enumerated() {
            if index > 0 {
                guard n.parent >= 0 && Int(n.parent) < index else { return false }
                let siblings = children(n.parent)
                guard siblings.contains(Int32(index)) else { return false }
                guard n.depth == nodes[Int(n.parent)].depth + 1 else { return false }
            }
            if n.firstChild != Self.none {
                guard Int(n.firstChild) > index, n.branch >= 0, n.childCount > 0 else { return false }
            } else if n.status == .open {
                return false
            }
            guard n.visits >= 0 else { return false }
        }
        return true
    }

    /// After a mutation (`what`, for the message): traps unless `validate()` holds, in a build
    /// with `GGMS_INVARIANTS`; compiled to nothing otherwise.
    @inline(__always) private func checkInvariants(_ what: @autoclosure () -> String) {
        #if GGMS_INVARIANTS
        precondition(validate(), "search tree: an invariant broke after \(what()) (GGMS_INVARIANTS)")
        #endif
    }
}

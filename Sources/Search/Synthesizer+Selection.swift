import Foundation
import Game

extension Synthesizer {
    /// PUCT descent from the DFS root to a fresh or terminal node; nil when the DFS root's
    /// subtree turned out exhausted during the descent (the caller loops).
    func select() -> Int32? {
        var node = searchRoot
        while tree[node].status == .open {
            let parentVisits = Float(max(tree[node].visits, 1))
            let fallback = tree.q(node, fallback: 0)
            var best: Int32 = SearchTree.none
            var bestScore = -Float.infinity
            for child in tree.children(node) {
                let c = tree[child]
                if c.status == .refuted || c.status == .undecided { continue }
                let u = options.explorationConstant * c.prior * parentVisits.squareRoot() / Float(1 + c.visits)
                let score = tree.q(child, fallback: fallback) + u
                if score > bestScore { bestScore = score; best = child }
            }
            if best == SearchTree.none {
                settleExhausted(node)
                return nil
            }
            node = best
        }
        return node
    }

    /// Adds `value` to every node from `node` up to the root.
    func backup(_ node: Int32, _ value: Float) {
        var i = node
        while i != SearchTree.none {
            tree[i].visits += 1
            tree[i].valueSum += value
            if tree[i].status == .open && tree[i].visits % 2 == 0 { recordExample(i) }
            i = tree[i].parent
        }
        if value > bestSinceFreeze {
            bestSinceFreeze = value
            iterationsSinceImprovement = 0
        } else {
            iterationsSinceImprovement += 1
        }
    }

    /// Conflict-directed backjumping: a counterexample that reads only the entries `reads` (all
    /// assigned at `node`) refutes the shallowest ancestor that already assigns every one of them.
    func backjump(from node: Int32, reads: Set<TableEntry>) {
        refute(cover(Set(reads.map { Int32(space.index(of: $0)) }), from: node),
               conflict: Set(reads.map { Int32(space.index(of: $0)) }))
    }

    /// The shallowest ancestor of `node` (itself included) whose assignment includes `entries`.
    func cover(_ entries: Set<Int32>, from node: Int32) -> Int32 {
        var target = node
        while tree[target].parent != SearchTree.none {
            let parent = tree[target].parent
            if entries.contains(tree[parent].branch) { break }   // `target`'s own assignment is needed
            target = parent
        }
        return target
    }

    /// Refutes `node`: every completion of its assignment fails, for a reason reading only the
    /// entries in `conflict` (nil: reason unknown, all of its assignment). When that closes all
    /// children of its parent, the parent's reason is the union of theirs minus its branch entry,
    /// and the refutation jumps to the shallowest ancestor assigning that union. Under `--jobs`
    /// every such conflict of at most `SharedNogoods.publishLimit` entries is published to the
    /// other searches (one they shared already is dropped as a duplicate).
    func refute(_ node: Int32, conflict: Set<Int32>?) {
        var node = node
        var conflict = conflict
        while true {
            if tree[node].status == .refuted { return }
            if node != searchRoot, isAncestor(node, of: searchRoot) {
                stats.backtracks += Int(tree[searchRoot].depth - tree[node].depth)
                searchRoot = node
            }
            tree[node].status = .refuted
            conflicts[node] = conflict
            if let nogoods = options.sharedNogoods, let conflict, conflict.count <= SharedNogoods.publishLimit {
                let assigned = tree.assignment(node, base: space.fixedAssignment)
                // A conflict names only assigned entries; an unset one would match every table.
                precondition(conflict.allSatisfy { assigned[Int($0)] >= 0 }, "search: a conflict names an unset entry")
                nogoods.add(conflict.map { (entry: Int($0), action: assigned[Int($0)]) })
            }
            let parent = tree[node].parent
            guard parent != SearchTree.none else { break }
            let children = tree.children(parent)
            if children.allSatisfy({ tree[$0].status == .refuted }) {
                var union: Set<Int32>? = []
                for c in children {
                    guard let known = conflicts[c], let set = known, union != nil else { union = nil; break }
                    union!.formUnion(set)
                }
                union?.remove(tree[parent].branch)
                let target = union.map { cover($0, from: parent) } ?? parent
                if target != parent { stats.backjumps += 1 }
                node = target
                conflict = union
                continue
            }
            if children.allSatisfy({ tree[$0].status == .refuted || tree[$0].status == .undecided }) {
                markUndecided(parent)
            }
            break
        }
        leaveClosedRoot()
    }

    func markUndecided(_ node: Int32) {
        tree[node].status = .undecided
        var p = tree[node].parent
        while p != SearchTree.none,
              tree.children(p).allSatisfy({ tree[$0].status == .refuted || tree[$0].status == .undecided }) {
            tree[p].status = .undecided
            p = tree[p].parent
        }
        leaveClosedRoot()
    }

    /// A node all of whose children are refuted or undecided.
    /// - Precondition: the node has children (a childless node has no derived conflict).
    func settleExhausted(_ node: Int32) {
        let children = tree.children(node)
        precondition(!children.isEmpty, "search: settling a node without children")
        if children.allSatisfy({ tree[$0].status == .refuted }) {
            var union: Set<Int32>? = []
            for c in children {
                guard let known = conflicts[c], let set = known, union != nil else { union = nil; break }
                union!.formUnion(set)
            }
            union?.remove(tree[node].branch)
            refute(union.map { cover($0, from: node) } ?? node, conflict: union)
        } else {
            markUndecided(node)
        }
    }

    /// Moves the DFS root up past refuted or undecided nodes (a backtrack per level).
    private func leaveClosedRoot() {
        var closed = false
        var i = searchRoot
        var top = searchRoot
        while i != SearchTree.none {
            if tree[i].status == .refuted || tree[i].status == .undecided { closed = true; top = i }
            i = tree[i].parent
        }
        guard closed else { return }
        let target = tree[top].parent == SearchTree.none ? top : tree[top].parent
        stats.backtracks += Int(tree[searchRoot].depth - tree[target].depth)
        searchRoot = target
        bestSinceFreeze = -1
        iterationsSinceImprovement = 0
    }

    func isAncestor(_ a: Int32, of b: Int32) -> Bool {
        var i = b
        while i != SearchTree.none {
            if i == a { return true }
            if tree[i].depth <= tree[a].depth { return false }
            i = tree[i].parent
        }
        return false
    }

    /// When MCTS has not improved for `patience` iterations, freeze the DFS root's entry to its
    /// most visited action: the search continues under that child, its siblings stay for
    /// backtracking.
    func maybeFreeze() {
        guard iterationsSinceImprovement >= options.patience, tree[searchRoot].status == .open else { return }
        var best: Int32 = SearchTree.none
        for child in tree.children(searchRoot) where tree[child].status != .refuted && tree[child].status != .undecided {
            if best == SearchTree.none || tree[child].visits > tree[best].visits { best = child }
        }
        guard best != SearchTree.none else { return }
        searchRoot = best
        stats.freezes += 1
        stats.maxFrozen = max(stats.maxFrozen, Int(tree[best].depth))
        bestSinceFreeze = -1
        iterationsSinceImprovement = 0
    }
}

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
            if tree[i].status == .open && tree[i].visits % 4 == 0 { recordExample(i) }
            i = tree[i].parent
        }
        if value > bestSinceFreeze {
            bestSinceFreeze = value
            iterationsSinceImprovement = 0
        } else {
            iterationsSinceImprovement += 1
        }
    }

    /// A conflict: every completion of `node`'s assignment fails.
    func refute(_ node: Int32, assigned: [Int16]) {
        var log10Completions = 0.0
        for i in 0..<space.count where assigned[i] < 0 { log10Completions += log10(Double(space.actionCount(i))) }
        stats.tablesRefuted += pow(10, log10Completions)
        tree[node].status = .refuted
        propagate(from: tree[node].parent)
    }

    func markUndecided(_ node: Int32) {
        tree[node].status = .undecided
        propagate(from: tree[node].parent)
    }

    /// A node all of whose children are refuted or undecided.
    func settleExhausted(_ node: Int32) {
        let children = tree.children(node)
        tree[node].status = children.allSatisfy({ tree[$0].status == .refuted }) ? .refuted : .undecided
        propagate(from: tree[node].parent)
    }

    /// Refutation moves up while every sibling is closed; the DFS root backs up past closed nodes.
    private func propagate(from start: Int32) {
        var p = start
        while p != SearchTree.none {
            let children = tree.children(p)
            if children.allSatisfy({ tree[$0].status == .refuted }) {
                tree[p].status = .refuted
            } else if children.allSatisfy({ tree[$0].status == .refuted || tree[$0].status == .undecided }) {
                tree[p].status = .undecided
            } else {
                break
            }
            p = tree[p].parent
        }
        while tree[searchRoot].status == .refuted || tree[searchRoot].status == .undecided, tree[searchRoot].parent != SearchTree.none {
            searchRoot = tree[searchRoot].parent
            stats.backtracks += 1
            bestSinceFreeze = -1
            iterationsSinceImprovement = 0
        }
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

import Checking
import Foundation
import Game
import SpecLanguage

extension Synthesizer {
    /// First look at a node: pool conflict, then a partial check. Marks it refuted, solved,
    /// undecided or terminal, or expands it on its branch entry.
    func evaluate(_ node: Int32) {
        let assigned = tree.assignment(node, entryCount: space.count)
        let table = space.table(assigned)
        if options.usesPool, pool.refutation(of: table, evaluator: evaluator) != nil {
            stats.poolConflicts += 1
            refute(node, assigned: assigned)
            return
        }
        var checkOptions = CheckOptions(mode: .count)
        checkOptions.gaps = .skip
        guard let report = exhaustiveCheck(table, checkOptions) else {
            markUndecided(node)
            return
        }
        let failing = report.rawExecutionsFailing ?? 0
        if failing > 0, options.usesDFS {
            if options.usesPool, case .violated(let cex) = report.verdict { pool.add(cex.execution) }
            stats.conflicts += 1
            refute(node, assigned: assigned)
            return
        }
        if report.gaps.isEmpty {
            if failing == 0 && report.rawExecutionsUndecided == 0 {
                found = table
            } else if failing == 0 {
                markUndecided(node)
            } else {
                tree[node].status = .terminal
            }
            return
        }
        // Branch on the unset entry that the most executions reach (ties: lowest entry).
        let branchEntry = report.gaps.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }!.key
        let branch = space.index(of: branchEntry)
        let actions = space.legalActions(branch, assigned: assigned)
        tree.expand(node, branch: branch, actions: actions, priors: prior(branch, actions: actions))
        tree[node].status = .open
    }

    /// Completes the node's table with the current policy and scores it.
    func rollout(_ node: Int32) -> Float {
        let assigned = tree.assignment(node, entryCount: space.count)
        var table = space.table(assigned)
        var filled: [Int] = []
        for i in 0..<space.count where assigned[i] < 0 {
            let count = space.actionCount(i)
            let action: Int
            if case .next(let e) = space.entries[i] {
                // Sharpened policy: p^2 renormalized.
                action = random.pick(priors[e].map { $0 * $0 })
                filled.append(e)
            } else {
                action = Int.random(in: 0..<count, using: &random)
            }
            table.set(space.entries[i], to: action)
        }
        return score(table, filledByPolicy: Set(filled))
    }

    /// Value of a complete table: pool replay first (a failure gives a value in [0, 0.5) by the
    /// share of pooled executions passed), else an exhaustive counting check (the fraction of raw
    /// executions that pass; mapped to [0.5, 1] when the pool is in use).
    func score(_ table: TransitionTable, filledByPolicy: Set<Int>) -> Float {
        if options.usesPool && pool.count > 0 {
            let replay = pool.failures(of: table, evaluator: evaluator)
            if replay.failing > 0 {
                stats.poolRejections += 1
                discourage(replay.reads.filter { filledByPolicy.contains($0) }, in: table)
                return 0.5 * Float(pool.count - replay.failing) / Float(pool.count)
            }
        }
        guard let report = exhaustiveCheck(table, CheckOptions(mode: .count)) else { return 0 }
        let failing = report.rawExecutionsFailing ?? 0
        let passing = (report.rawExecutionsCovered - failing - report.rawExecutionsUndecided) / report.rawExecutionsCovered
        if Double(passing) > bestScore {
            bestScore = passing
            bestTable = table
        }
        if failing == 0 && report.rawExecutionsUndecided == 0 {
            found = table
            return 1
        }
        if options.usesPool, case .violated(let cex) = report.verdict { pool.add(cex.execution) }
        return options.usesPool ? Float(0.5 + 0.5 * passing) : Float(passing)
    }

    /// One exhaustive check, timed; nil if the checker failed (it cannot on a table the search
    /// built: gaps are skipped or absent).
    func exhaustiveCheck(_ table: TransitionTable, _ checkOptions: CheckOptions) -> CheckReport? {
        stats.checkerCalls += 1
        let start = ContinuousClock.now
        defer {
            let d = ContinuousClock.now - start
            stats.checkerSeconds += Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        return try? FastChecker(table: table, spec: spec, evaluator: evaluator, options: checkOptions).check()
    }
}

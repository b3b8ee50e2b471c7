import Checking
import Foundation
import Game
import SpecLanguage
import Utilities

extension Synthesizer {
    /// First look at a node: a shared nogood (`SharedNogoods`), pool conflict, then a partial check. Marks it refuted, solved,
    /// undecided or terminal, or expands it on its branch entry.
    /// - Throws: `SearchFailure` when a check or symbolic learning fails (engine failures).
    func evaluateNode(_ node: Int32) throws(SearchFailure) {
        let assigned = tree.assignment(node, base: space.fixedAssignment)
        let table = space.table(assigned)
        let depths = assignmentDepths(node)
        let jumpDepth = { (reads: Set<TableEntry>) in reads.map { depths[self.space.index(of: $0)] }.max() ?? 0 }
        if let nogoods = options.sharedNogoods, let entries = nogoods.covering(assigned) {
            // The node extends a nogood of the run: a refuted cube or a search's refuted subtree.
            stats.cubeConflicts += 1
            let conflict = Set(entries.map(Int32.init))
            refute(cover(conflict, from: node), conflict: conflict)
            return
        }
        if options.usesPool, let reads = pool.bestRefutation(of: table, evaluator: evaluator, rank: jumpDepth) {
            stats.poolConflicts += 1
            backjump(from: node, reads: reads)
            return
        }
        if let symbolic {
            switch try symbolic.check(assigned, timeoutMilliseconds: solverBudget) {
            case .refuted(let entries):
                stats.symbolicConflicts += 1
                let conflict = Set(entries.map(Int32.init))
                refute(cover(conflict, from: node), conflict: conflict)
                return
            case .completion(let completion, let constrained):
                pendingCompletion = (node, policyFill(completion, keeping: constrained, assigned: assigned))
            case .unknown:
                break
            }
        }
        var checkOptions = CheckOptions(mode: .count)
        checkOptions.gaps = .skip
        guard let report = try exhaustiveCheck(table, checkOptions) else {
            // A stopped run leaves the node as it is.
            return
        }
        let failing = report.rawExecutionsFailing ?? 0
        if failing > 0, options.usesDFS {
            stats.conflicts += 1
            guard case .violated(let cex) = report.verdict,
                  let run = CounterexamplePool.replay(cex.execution, on: table) else {
                refute(node, conflict: nil)
                return
            }
            try learn(cex, failedBy: nil)
            backjump(from: node, reads: run.reads)
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
        guard options.usesPool else { return }
        // Children that a pooled counterexample already refutes are closed at once.
        var child = table
        for c in tree.children(node) {
            child.set(branchEntry, to: Int(tree[c].action))
            if let reads = pool.bestRefutation(of: child, evaluator: evaluator, rank: jumpDepth) {
                stats.poolConflicts += 1
                tree[c].status = .refuted
                conflicts[c] = Set(reads.map { Int32(space.index(of: $0)) })
            }
        }
        if tree.children(node).allSatisfy({ tree[$0].status == .refuted }) { settleExhausted(node) }
    }

    /// A lazy playout from the node: repeatedly fill the unset entry that the most executions
    /// reach with an action drawn from the policy, and re-check, until the table has no
    /// reachable unset entry (a solution: the search ends) or a conflict appears. The value is
    /// the fraction of raw executions settled and passing at the last consistent step, so a
    /// playout that gets further scores higher.
    /// - Throws: `SearchFailure` when a check or symbolic learning fails (engine failures).
    func playout(from node: Int32) throws(SearchFailure) -> Float {
        if let pending = pendingCompletion {
            pendingCompletion = nil
            if pending.node == node, tree[node].status == .open { return try score(completion: pending.table, of: node) }
        }
        let assignedAtNode = tree.assignment(node, base: space.fixedAssignment)
        var assigned = assignedAtNode
        var table = space.table(assigned)
        var best: Float = 0
        for _ in 0...options.playoutSteps {
            if options.usesPool, let reads = pool.refutation(of: table, evaluator: evaluator) {
                stats.poolRejections += 1
                if options.usesDFS, reads.allSatisfy({ assignedAtNode[space.index(of: $0)] >= 0 }) {
                    backjump(from: node, reads: reads)
                }
                return best
            }
            var checkOptions = CheckOptions(mode: .count)
            checkOptions.gaps = .skip
            guard let report = try exhaustiveCheck(table, checkOptions) else { return best }
            let total = report.rawExecutionsCovered
            let failing = report.rawExecutionsFailing ?? 0
            if failing > 0 {
                if case .violated(let cex) = report.verdict {
                    try learn(cex, failedBy: nil)
                    if options.usesDFS, let run = CounterexamplePool.replay(cex.execution, on: table),
                       run.reads.allSatisfy({ assignedAtNode[space.index(of: $0)] >= 0 }) {
                        // The conflict reads only entries the tree assigned: a real conflict there.
                        stats.conflicts += 1
                        backjump(from: node, reads: run.reads)
                    }
                }
                return best
            }
            let passing = (total - report.rawExecutionsInGaps - report.rawExecutionsUndecided) / total
            best = Float(passing)
            offerBest(table, report)
            if report.gaps.isEmpty {
                if report.rawExecutionsUndecided == 0 { found = table }
                return best
            }
            let entry = report.gaps.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }!.key
            let i = space.index(of: entry)
            var actions = space.legalActions(i, assigned: assigned)
            var weights = prior(i, actions: actions).map { $0 * $0 }
            // Draw actions by the policy, skipping those a pooled counterexample refutes.
            var chosen: Int?
            while !actions.isEmpty {
                let k = random.pick(weights)
                table.set(entry, to: actions[k])
                if options.usesPool, pool.refutation(of: table, evaluator: evaluator) != nil {
                    stats.poolRejections += 1
                    actions.remove(at: k)
                    weights.remove(at: k)
                    continue
                }
                chosen = actions[k]
                break
            }
            guard let action = chosen else { return best }
            assigned[i] = Int16(action)
        }
        return best
    }

    /// Scores a complete table that extends `node`'s assignment (Z3's completion): the fraction of
    /// raw executions that pass. A pass everywhere ends the search; a counterexample is learned,
    /// and refutes the node (backjumping) when it reads only entries the tree assigned.
    /// - Throws: `SearchFailure` when the check or symbolic learning fails (engine failures).
    func score(completion table: TransitionTable, of node: Int32) throws(SearchFailure) -> Float {
        guard let report = try exhaustiveCheck(table, CheckOptions(mode: .count)) else { return 0 }
        let total = report.rawExecutionsCovered
        let failing = report.rawExecutionsFailing ?? 0
        let passing = (total - failing - report.rawExecutionsUndecided) / total
        offerBest(table, report)
        if failing == 0 {
            if report.rawExecutionsUndecided == 0 { found = table }
            return Float(passing)
        }
        guard case .violated(let cex) = report.verdict else { return Float(passing) }
        try learn(cex, failedBy: table)
        let assigned = tree.assignment(node, base: space.fixedAssignment)
        if let run = CounterexamplePool.replay(cex.execution, on: table),
           run.reads.allSatisfy({ assigned[space.index(of: $0)] >= 0 }) {
            stats.conflicts += 1
            backjump(from: node, reads: run.reads)
        }
        return Float(passing)
    }

    /// Remembers a counterexample: in the pool, and as a schedule for symbolic learning.
    /// `table` is the complete table it refuted (nil for a partial table).
    /// - Throws: `SearchFailure.solver` if Z3 fails while learning.
    func learn(_ cex: Counterexample, failedBy table: TransitionTable?) throws(SearchFailure) {
        if options.usesPool || symbolic != nil { exchange?.publish(cex.execution, outcome: cex.outcome) }
        if options.usesPool { pool.add(cex.execution) }
        guard let symbolic else { return }
        if let table {
            try symbolic.learn(cex, failedBy: table, evaluator: evaluator)
        } else {
            try symbolic.learnSchedule(cex, evaluator: evaluator)
        }
    }

    /// Takes the schedules the other threads of a `--jobs` run learned since the last step
    /// (`SharedSchedules`) into the pool and the symbolic learning.
    /// - Throws: `SearchFailure.solver` if Z3 fails while learning.
    func takeSharedSchedules() throws(SearchFailure) {
        guard let exchange, options.usesPool || symbolic != nil else { return }
        for schedule in exchange.take() {
            // Thousands may wait for a new cube's first step: Ctrl-C and the other threads' answer stop it.
            if options.cancellation?.isCancelled == true { break }
            if options.usesPool { pool.add(schedule.execution) }
            if let symbolic {
                guard try symbolic.learnSchedule(schedule.execution, observed: schedule.outcome, evaluator: evaluator) else { continue }
            }
            stats.sharedSchedules += 1
        }
    }

    /// Z3's completion with every entry that neither the tree assigned nor a learned schedule
    /// reads drawn from the policy instead (no schedule's run changes, so the table still
    /// survives all of them).
    func policyFill(_ completion: TransitionTable, keeping constrained: Set<TableEntry>, assigned: [Int16]) -> TransitionTable {
        var table = completion
        let all = Array(0..<space.stateCount)
        for i in space.entries.indices where assigned[i] < 0 {
            guard case .next = space.entries[i], !constrained.contains(space.entries[i]) else { continue }
            table.set(space.entries[i], to: all[random.pick(prior(i, actions: all).map { $0 * $0 })])
        }
        return table
    }

    /// Milliseconds a symbolic check may take: the solver timeout, or what is left of the time limit.
    var solverBudget: UInt32 {
        var budget = Double(options.solverTimeout)
        if let limit = options.timeLimit { budget = min(budget, (limit - elapsed) * 1000) }
        return UInt32(max(budget, 1))
    }

    /// `depths[entry]`: the tree depth at which the path to `node` assigned the entry (0 when
    /// unassigned), so a conflict reading entries of smaller depths jumps farther back.
    func assignmentDepths(_ node: Int32) -> [Int] {
        var depths = [Int](repeating: 0, count: space.count)
        var i = node
        while tree[i].parent != SearchTree.none {
            depths[Int(tree[tree[i].parent].branch)] = Int(tree[i].depth)
            i = tree[i].parent
        }
        return depths
    }

    /// One exhaustive check, timed, stopped by the run's cancellation token (Ctrl-C or the time
    /// limit): nil when it was stopped, since its counts are then partial and must not be read.
    /// - Throws: `SearchFailure.check` when the checker fails: a replay that disagrees with it,
    ///   or (it cannot happen on a table the search built, whose gaps are skipped or absent) a
    ///   gap — engine failures either way, never a refutation or an undecided node.
    func exhaustiveCheck(_ table: TransitionTable, _ checkOptions: CheckOptions) throws(SearchFailure) -> CheckReport? {
        stats.checkerCalls += 1
        let clock = Stopwatch()
        defer { stats.checkerSeconds += clock.seconds }
        var checkOptions = checkOptions
        checkOptions.cancellation = options.cancellation
        let report: CheckReport
        do { report = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: checkOptions).check() }
        catch { throw .check(error) }
        if options.cancellation?.isCancelled == true { return nil }
        return report
    }

    /// Keeps `table` as the best so far if its exact counts beat the best's: fewer raw
    /// executions failing, then fewer reaching an unset entry, then fewer undecided (compared as
    /// counts, never as a share, which is NaN when the count overflows to infinity).
    func offerBest(_ table: TransitionTable, _ report: CheckReport) {
        let counts = BestTableCounts(report)
        if bestCounts.map({ counts.isBetter(than: $0) }) ?? true {
            bestCounts = counts
            bestTable = table
        }
    }
}

import Foundation
import Game
import SpecLanguage
import Utilities

/// The mutable state of one `FastChecker` run. Classes: running class
/// `((((tag · I) + input) · G + faulty) · E + record) · K + state` for `0..<aliveClassCount`
/// (`G` = 2 under omission faults, whose faulty processes run; else 1 and `faulty` = 0; `E` =
/// `records`, 1 without early decision), then stopped class
/// `aliveClassCount + ((tag · I) + input) · E + record` (crashed, or Byzantine). When
/// `tracksLost`, three more bytes of a configuration hold the messages lost so far.
///
/// A record (early decision only) is what a process has decided: 0 while undecided, else
/// `1 + r · D + d` for decision `d` taken after the step of round `r` (0: after `init`).
final class FastSearch {
    let table: TransitionTable
    let spec: Spec
    let evaluator: SpecEvaluator
    let options: CheckOptions
    /// False for the gap pass: final configurations are counted, not evaluated.
    let evaluatesOutcomes: Bool

    let n: Int, f: Int, rounds: Int, inputs: Int, decisions: Int, k: Int
    /// `M`: messages of the table (the radix digits of an observation).
    let m: Int
    /// Per state its message (`send`), -1 when unset.
    let messageOf: [Int]
    /// Whether processes decide early (`setting.earlyDecision`).
    let early: Bool
    /// Under early decision, per state the decision a process takes on entering it, -1 for none.
    let decidesIn: [Int]
    /// `E`: decision records a class tells apart (1 without early decision, else `1 + D · (R+1)`).
    let records: Int
    /// Whether `explore` looks for unset `send` (and, under early decision, `decide`) entries.
    let checksEntries: Bool
    let faults: FaultKind
    /// `L`: messages lost per round at most.
    let lossBudget: Int
    /// Whether configurations carry the messages lost so far (only when the spec can read it).
    let tracksLost: Bool
    /// Number of tags: 1 when merging permutations, `n` otherwise.
    let tags: Int
    let merging: Bool
    /// Running groups per (tag, input): 2 under omission (correct, faulty), else 1.
    let groups: Int
    let aliveClassCount: Int
    let classCount: Int
    /// Length of a configuration: the classes, and the lost counter when tracked.
    let configLength: Int
    let places: [Int]
    let binom: [[Double]]

    /// Raw continuations from the start of a round (`Continuations`).
    let continuations: Continuations
    /// Loss choices per number of delivered messages (nil without `:losses`).
    let lossTable: ExecutionCount.LossTable?
    let adversary: Adversary
    var memo: [ConfigKey: Tally] = [:]
    var gaps: [TableEntry: Double] = [:]
    var gapCache: [OptionKey: TableEntry] = [:]
    var readEntries: Set<Int> = []
    var optionCache: [OptionKey: [MoveOption]] = [:]
    var outcomeVerdicts: [[UInt8]: OutcomeVerdict] = [:]
    var frames: [RoundFrame]
    var initialConfig: [UInt8] = []
    var explored = 0
    /// `explore` calls so far (the poll clock).
    var calls = 0
    var unknownReason: String?
    var firstViolation: Execution?
    /// Violations collected before `firstViolation` under `options.counterexamples > 1`.
    var violations: [Execution] = []
    let clock = Stopwatch()
    var lastProgress = 0.0

    enum Stop: Error { case gap(ProtocolGap), violation, cancelled }

    init(table: TransitionTable, spec: Spec, evaluator: SpecEvaluator, options: CheckOptions, evaluatesOutcomes: Bool = true) {
        self.table = table
        self.spec = spec
        self.evaluator = evaluator
        self.options = options
        self.evaluatesOutcomes = evaluatesOutcomes
        let s = table.setting
        n = s.processes; f = s.crashes; rounds = s.rounds; inputs = s.inputs; decisions = s.decisions
        k = table.stateCount
        m = table.messageCount
        messageOf = table.send.map { $0 == TransitionTable.undefined ? -1 : Int($0) }
        early = s.earlyDecision
        decidesIn = s.earlyDecision ? table.decision.map { $0 >= 0 ? Int($0) : -1 } : []
        records = s.earlyDecision ? 1 + s.decisions * (s.rounds + 1) : 1
        checksEntries = table.send.contains(TransitionTable.undefined)
            || (options.gaps == .skip && s.earlyDecision && table.decision.contains(TransitionTable.noDecision))
        faults = s.faults
        lossBudget = s.losses
        tracksLost = s.losses > 0 && spec.readsDerived
        merging = FastChecker.mergesPermutedExecutions(table: table, spec: spec, options: options)
        tags = merging ? 1 : n
        groups = s.faults.faultyProcessesRun ? 2 : 1
        aliveClassCount = tags * inputs * groups * records * k
        classCount = aliveClassCount + tags * inputs * records
        configLength = classCount + (tracksLost ? 3 : 0)
        let space = table.space, size = s.processes
        places = (0..<table.messageCount).map { space.place(of: $0) }
        binom = (0...size).map { a in (0...size).map { b in ExecutionCount.binomial(a, b) } }
        let aliveClasses = aliveClassCount
        frames = (0...s.rounds).map { _ in RoundFrame(classCount: aliveClasses) }
        adversary = Adversary(s, messageCount: table.messageCount)
        continuations = adversary.continuations
        lossTable = s.losses > 0 ? ExecutionCount.LossTable(maxLinks: n * (n - 1), losses: s.losses) : nil
    }

    @inline(__always) func aliveClass(tag: Int, input: Int, faulty: Bool = false, record: Int = 0, state: Int) -> Int {
        ((((tag * inputs + input) * groups) + (faulty ? 1 : 0)) * records + record) * k + state
    }
    @inline(__always) func deadClass(tag: Int, input: Int, record: Int = 0) -> Int {
        aliveClassCount + (tag * inputs + input) * records + record
    }
    // Fields of a running class.
    @inline(__always) func stateOf(_ c: Int) -> Int { c % k }
    @inline(__always) func recordOf(_ c: Int) -> Int { (c / k) % records }
    @inline(__always) func isFaulty(_ c: Int) -> Bool { groups == 2 && (c / (k * records)) % 2 == 1 }
    @inline(__always) func inputOf(_ c: Int) -> Int { (c / (k * records * groups)) % inputs }
    @inline(__always) func tagOf(_ c: Int) -> Int { c / (k * records * groups * inputs) }
    // Fields of a stopped class.
    @inline(__always) func deadRecordOf(_ c: Int) -> Int { (c - aliveClassCount) % records }
    @inline(__always) func deadInputOf(_ c: Int) -> Int { ((c - aliveClassCount) / records) % inputs }
    @inline(__always) func deadTagOf(_ c: Int) -> Int { (c - aliveClassCount) / (records * inputs) }

    /// The record of a process that had `record` and is in `state` after the step of `round`
    /// (0: after `init`): under early decision an undecided process decides the first time its
    /// state decides (`DecisionRecord.note`); a decided one keeps its record.
    @inline(__always) func record(_ record: Int, after round: Int, in state: Int) -> Int {
        guard early, record == 0 else { return record }
        let d = decidesIn[state]
        return d < 0 ? 0 : 1 + round * decisions + d
    }

    /// Messages lost so far in `config` (0 unless `tracksLost`).
    @inline(__always) func lost(in config: [UInt8]) -> Int {
        guard tracksLost else { return 0 }
        return Int(config[classCount]) | Int(config[classCount + 1]) << 8 | Int(config[classCount + 2]) << 16
    }

    @inline(__always) func setLost(_ value: Int, in config: inout [UInt8]) {
        guard tracksLost else { return }
        config[classCount] = UInt8(value & 0xFF)
        config[classCount + 1] = UInt8((value >> 8) & 0xFF)
        config[classCount + 2] = UInt8((value >> 16) & 0xFF)
    }

    /// How many processes are faulty (or have crashed) in `config`.
    func faultyCount(_ config: [UInt8]) -> Int {
        var count = 0
        for c in aliveClassCount..<classCount { count += Int(config[c]) }
        if groups == 2 { for c in 0..<aliveClassCount where isFaulty(c) { count += Int(config[c]) } }
        return count
    }

    /// How many processes run in `config`.
    func runningCount(_ config: [UInt8]) -> Int {
        var count = 0
        for c in 0..<aliveClassCount { count += Int(config[c]) }
        return count
    }

    func run() throws(CheckFailure) -> CheckReport {
        var root = Tally()
        var more: [Counterexample] = []
        var stop: Stop?
        if let unset = table.initial.firstIndex(of: TransitionTable.undefined) {
            // Nothing can run before every input has an initial state.
            guard options.gaps == .skip else {
                throw .unsetInitialState(input: unset)
            }
            gaps[.initial(input: unset)] = adversary.rawExecutions(continuations)
            root.gap = adversary.rawExecutions(continuations)
            root.total = root.gap
        } else {
            do {
                var config = [UInt8](repeating: 0, count: configLength)
                try chooseInputs(group: 0, config: &config, weight: 1, into: &root)
            } catch { stop = error }
        }
        let verdict: Verdict
        switch stop {
        case .gap(let gap)?: throw .gap(gap)
        case .cancelled?: verdict = .unknown(reason: "interrupted")
        case .violation?, nil:
            if let execution = firstViolation { violations.append(execution) }
            if let execution = violations.first {
                do {
                    verdict = .violated(try Counterexample.replay(execution, table: table, spec: spec, evaluator: evaluator))
                    more = try violations.dropFirst().map { e throws(Counterexample.ReplayFailure) in try Counterexample.replay(e, table: table, spec: spec, evaluator: evaluator) }
                } catch {
                    // Stopped while replaying (the stop interrupts the evaluator for good): no answer, not a failed replay.
                    guard !options.stopped(evaluator) else { return report(.unknown(reason: "interrupted"), root: root, finished: false) }
                    throw .replay(error)
                }
                // Violations kept while the search went on leave its tally incomplete (counting
                // mode never stops, and its tally is whole).
                if options.mode == .firstViolation { stop = .violation }
            } else if let reason = unknownReason {
                verdict = .unknown(reason: "Z3 could not decide \(Int(root.unknown)) raw executions' outcomes: \(reason)")
            } else if root.gap > 0 {
                verdict = .unknown(reason: "the table has unset entries that \(root.gap) raw executions reach")
            } else {
                verdict = .verified
            }
        }
        var result = report(verdict, root: root, finished: stop == nil)
        result.moreCounterexamples = more
        return result
    }

    /// The gap pass (`evaluatesOutcomes` false, `options.gaps == .fail`): explores every
    /// execution and throws the first `ProtocolGap` met, in the order `run()` would meet it.
    /// - Returns: nil when no execution reaches a gap; an `unknown("interrupted")` report when
    ///   cancelled first.
    func throwReachableGap() throws(ProtocolGap) -> CheckReport? {
        precondition(!evaluatesOutcomes && options.gaps == .fail, "fast checker: the gap pass evaluates nothing and skips no gap")
        var root = Tally()
        var config = [UInt8](repeating: 0, count: configLength)
        do { try chooseInputs(group: 0, config: &config, weight: 1, into: &root) } catch {
            switch error {
            case .gap(let gap): throw gap
            case .cancelled: return report(.unknown(reason: "interrupted"), root: root, finished: false)
            case .violation: preconditionFailure("fast checker: the gap pass evaluates no outcome")
            }
        }
        return nil
    }

    /// The report of a run that ended with `verdict`; counts only when it `finished`.
    ///
    /// Coverage: the tallies are Doubles, exact while they stay below 2^53. Above that, a
    /// complete exploration's sum (added in the search's order) and `ExecutionCount.raw` (the
    /// closed form) round differently in the last bits although both count every raw execution
    /// once; the covered count is then reported as the total when the two agree to 1e-9
    /// (rounding), so a complete check covers exactly `rawExecutionsTotal`. A larger
    /// difference is reported as measured.
    private func report(_ verdict: Verdict, root: Tally, finished: Bool) -> CheckReport {
        let total = adversary.rawExecutions(continuations)
        var covered = finished ? root.total : 0
        if finished, root.gap == 0, covered != total, covered > 0x1p53, abs(covered - total) <= 1e-9 * total {
            covered = total
        }
        return CheckReport(verdict: verdict, checker: .fast, mergedSymmetric: merging, statesExplored: explored,
                           rawExecutionsCovered: covered,
                           rawExecutionsTotal: total,
                           rawExecutionsFailing: options.mode == .count && finished ? root.failing : nil,
                           distinctOutcomes: outcomeVerdicts.count, seconds: clock.seconds,
                           rawExecutionsUndecided: finished ? root.unknown : 0, rawExecutionsInGaps: finished ? root.gap : 0,
                           gaps: gaps, readEntries: readEntries)
    }

    /// Round 0: the adversary picks inputs and, under omission and Byzantine faults, the faulty
    /// set. Processes of one tag are split over inputs, then each input's share over faulty or not.
    func chooseInputs(group: Int, config: inout [UInt8], weight: Double, into tally: inout Tally) throws(Stop) {
        if group == tags {
            if faults.choosesFaultySetFirst {
                try chooseFaulty(index: 0, budget: f, config: &config, weight: weight, into: &tally)
            } else {
                try start(config, weight: weight, into: &tally)
            }
            return
        }
        try splitInputs(group: group, input: 0, left: merging ? n : 1, config: &config, weight: weight, into: &tally)
    }

    private func splitInputs(group: Int, input: Int, left: Int, config: inout [UInt8], weight: Double, into tally: inout Tally) throws(Stop) {
        let initial = Int(table.initial[input])
        let c = aliveClass(tag: group, input: input, record: record(0, after: 0, in: initial), state: initial)
        if input == inputs - 1 {
            config[c] += UInt8(left)
            try chooseInputs(group: group + 1, config: &config, weight: weight, into: &tally)
            config[c] -= UInt8(left)
            return
        }
        for y in 0...left {
            config[c] += UInt8(y)
            try splitInputs(group: group, input: input + 1, left: left - y, config: &config,
                            weight: weight * binom[left][y], into: &tally)
            config[c] -= UInt8(y)
        }
    }

    /// The faulty set, per (tag, input) class of initial processes (`index` runs over them):
    /// `x` of its members are faulty, `C(members, x)` ways, at most `f` in all. Under omission
    /// they move to the faulty running class; Byzantine ones stop (they have no state and
    /// never decide).
    private func chooseFaulty(index: Int, budget: Int, config: inout [UInt8], weight: Double, into tally: inout Tally) throws(Stop) {
        if index == tags * inputs {
            try start(config, weight: weight, into: &tally)
            return
        }
        let tag = index / inputs, input = index % inputs
        let initial = Int(table.initial[input]), initialRecord = record(0, after: 0, in: initial)
        let from = aliveClass(tag: tag, input: input, record: initialRecord, state: initial)
        let to = faults == .byzantine ? deadClass(tag: tag, input: input)
            : aliveClass(tag: tag, input: input, faulty: true, record: initialRecord, state: initial)
        let members = Int(config[from])
        for x in 0...min(members, budget) {
            config[from] -= UInt8(x)
            config[to] += UInt8(x)
            try chooseFaulty(index: index + 1, budget: budget - x, config: &config, weight: weight * binom[members][x],
                             into: &tally)
            config[to] -= UInt8(x)
            config[from] += UInt8(x)
        }
    }

    /// Explores the executions from initial configuration `config`. Under
    /// `options.counterexamples > 1` a violation found there is kept, and the search goes on
    /// with the next initial configuration until that many are kept (the tally is then
    /// incomplete, and the report says the check did not finish). A subtree the violation cut
    /// short left nothing in the memo, and its path is cleared from the round frames.
    private func start(_ config: [UInt8], weight: Double, into tally: inout Tally) throws(Stop) {
        initialConfig = config
        do {
            tally.add(try explore(round: 1, config), times: weight)
        } catch {
            guard case .violation = error, options.counterexamples > 1, let execution = firstViolation else { throw error }
            violations.append(execution)
            firstViolation = nil
            for frame in frames {
                frame.moves.removeAll(keepingCapacity: true)
                for c in frame.crashers.indices { frame.crashers[c] = 0 }
            }
            if violations.count >= options.counterexamples { throw .violation }
        }
    }

    /// Tally of every continuation of `config` at the start of `round`. Memoized.
    func explore(round: Int, _ config: [UInt8]) throws(Stop) -> Tally {
        // Polled on the first call and every 1024th, memo hits included (at large n most are).
        calls &+= 1
        if calls & 0x3FF == 1 { try poll(round: round) }
        let key = ConfigKey(round: round, counts: config)
        if let known = memo[key] { return known }
        explored += 1
        let tally: Tally
        if checksEntries, let gap = unsetEntries(round: round, config) {
            tally = gap
        } else {
            tally = round > rounds ? try finish(config) : try expand(round: round, config)
        }
        memo[key] = tally
        return tally
    }

    /// Partial tables: the unset entries `config` reads at the start of `round` before any
    /// choice of the adversary — `send` of every running process's state (rounds `1...R`) and,
    /// under early decision with `options.gaps == .skip`, `decide` of the state of every
    /// undecided running process (reached after `init` or the previous round's step), as
    /// `CounterexamplePool` reads them. When one is unset, every continuation is undetermined:
    /// all of them are counted as reaching a gap, and the entries are recorded with that weight
    /// when first met. Nil when every entry read is set.
    /// - Precondition: no running state has `send` unset unless `options.gaps == .skip` (a
    ///   handwritten table sends in every state). An unset decision under `.fail` means "does
    ///   not decide", as in `DecisionRecord`.
    /// - Complexity: O(classes).
    func unsetEntries(round: Int, _ config: [UInt8]) -> Tally? {
        var unset: [TableEntry] = []
        for c in 0..<aliveClassCount where config[c] > 0 {
            let s = stateOf(c)
            if round <= rounds, messageOf[s] < 0 {
                precondition(options.gaps == .skip, "fast checker: state \(table.stateNames[s]) sends no message")
                unset.append(.send(state: s))
            }
            if early, options.gaps == .skip, recordOf(c) == 0, table.decision[s] == TransitionTable.noDecision {
                unset.append(.decision(state: s))
            }
        }
        guard !unset.isEmpty else { return nil }
        let mass = continuations(round: round, running: runningCount(config), faulty: faultyCount(config))
        for entry in unset where gaps[entry] == nil { gaps[entry] = mass }
        return Tally(total: mass, failing: 0, unknown: 0, gap: mass)
    }

    /// Stops on cancellation; reports progress about every half second, at `round`.
    func poll(round: Int) throws(Stop) {
        if options.cancellation?.isCancelled == true { throw .cancelled }
        if let progress = options.progress {
            let now = clock.seconds
            if now - lastProgress >= 0.5 {
                lastProgress = now
                progress(CheckProgress(statesExplored: explored, distinctOutcomes: outcomeVerdicts.count, seconds: now, round: round))
            }
        }
    }
}

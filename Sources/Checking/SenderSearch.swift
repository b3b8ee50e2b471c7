import Foundation
import Game
import SpecLanguage
import Utilities

/// The mutable state of one `FastChecker` run on a table whose observations are by sender
/// (`table.bySender`: `next` reads the process's index and who sent what), where no two
/// processes are interchangeable, so nothing is merged.
///
/// It explores *configurations* per round, memoized: a configuration is, per process (by
/// index), its state or that it does not run (crashed, or Byzantine), whether it is faulty,
/// its decision record (early decision: undecided, or decision `d` after round `r`, as
/// `DecisionRecord` keeps it), and its input; and, when the spec reads the derived vocabulary
/// under `:losses`, the messages lost so far. That is everything the continuations' outcomes
/// depend on: the state fixes what a process sends and how it moves, the fault budget left is
/// `F` minus the faulty processes, and the outcome reads inputs, faultiness and records.
///
/// Branching: the inputs and the faulty set (every model but crash) one raw choice at a time;
/// in each round, under crash faults, every set of crashers (one raw choice each); then, since
/// receivers choose independently — a crasher's message reaches each survivor or not, a
/// droppable link drops or not, a Byzantine sender sends each receiver any message or nothing,
/// and lossy links lose any of what arrived — per receiver its reachable (next state, messages
/// lost) options with their raw weights (`SenderSearch+Receivers.swift`), and every
/// combination of the receivers' options within the round's `L` lost messages. Every branch
/// carries its raw weight, so the counts are exact: they equal the brute force's and
/// `ExecutionCount.raw`.
///
/// Layout of a configuration: `stride` bytes per process (state + 1, 0 when it does not run;
/// faulty; record, two bytes; input), then three bytes of lost messages when tracked.
final class SenderSearch {
    let table: TransitionTable
    let spec: Spec
    let evaluator: SpecEvaluator
    let options: CheckOptions
    /// False for the gap pass: final configurations are counted, not evaluated.
    let evaluatesOutcomes: Bool

    let n: Int, f: Int, rounds: Int, inputs: Int, decisions: Int, k: Int
    /// `M`: messages of the table.
    let m: Int
    /// Per state its message (`send`), -1 when unset.
    let messageOf: [Int]
    let early: Bool
    /// Under early decision, per state the decision a process takes on entering it, -1 for none.
    let decidesIn: [Int]
    /// Whether `explore` looks for unset `send` (and, under early decision, `decide`) entries.
    let checksEntries: Bool
    let faults: FaultKind
    /// `L`: messages lost per round at most.
    let lossBudget: Int
    /// Whether configurations carry the messages lost so far (only when the spec can read it).
    let tracksLost: Bool
    static let stride = 5
    let configLength: Int

    let adversary: Adversary
    /// Raw continuations from the start of a round (`Continuations`).
    let continuations: Continuations
    var memo: [ConfigKey: Tally] = [:]
    var gaps: [TableEntry: Double] = [:]
    var readEntries: Set<Int> = []
    var optionCache: [ReceiverKey: [ReceiverOption]] = [:]
    var outcomeVerdicts: [Outcome: OutcomeVerdict] = [:]
    var frames: [SenderFrame]
    /// The inputs and faulty set of the path being explored.
    var pathInputs: [Int]
    var pathFaulty: [Int] = []
    var explored = 0
    /// `explore` calls so far (the poll clock).
    var calls = 0
    var unknownReason: String?
    var firstViolation: Execution?
    let clock = Stopwatch()
    var lastProgress = 0.0

    enum Stop: Error { case gap(ProtocolGap), violation, cancelled }

    /// - Precondition: `table.bySender`.
    init(table: TransitionTable, spec: Spec, evaluator: SpecEvaluator, options: CheckOptions, evaluatesOutcomes: Bool = true) {
        precondition(table.bySender, "SenderSearch explores tables whose observations are by sender")
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
        checksEntries = table.send.contains(TransitionTable.undefined)
            || (options.gaps == .skip && s.earlyDecision && table.decision.contains(TransitionTable.noDecision))
        faults = s.faults
        lossBudget = s.losses
        tracksLost = s.losses > 0 && spec.readsDerived
        configLength = s.processes * Self.stride + (tracksLost ? 3 : 0)
        let size = s.processes
        frames = (0...s.rounds).map { _ in SenderFrame(processes: size) }
        adversary = Adversary(s, messageCount: table.messageCount)
        continuations = adversary.continuations
        pathInputs = [Int](repeating: 0, count: s.processes)
    }

    // Fields of process `p` in a configuration.
    @inline(__always) func state(_ config: [UInt8], _ p: Int) -> Int? {
        let code = config[p * Self.stride]
        return code == 0 ? nil : Int(code) - 1
    }
    @inline(__always) func isFaulty(_ config: [UInt8], _ p: Int) -> Bool { config[p * Self.stride + 1] != 0 }
    @inline(__always) func record(_ config: [UInt8], _ p: Int) -> Int {
        Int(config[p * Self.stride + 2]) | Int(config[p * Self.stride + 3]) << 8
    }
    @inline(__always) func input(_ config: [UInt8], _ p: Int) -> Int { Int(config[p * Self.stride + 4]) }
    @inline(__always) func setState(_ state: Int?, of p: Int, in config: inout [UInt8]) {
        config[p * Self.stride] = state.map { UInt8($0 + 1) } ?? 0
    }
    @inline(__always) func setRecord(_ record: Int, of p: Int, in config: inout [UInt8]) {
        config[p * Self.stride + 2] = UInt8(record & 0xFF)
        config[p * Self.stride + 3] = UInt8(record >> 8)
    }

    /// The record of a process that had `record` and is in `state` after the step of `round`
    /// (0: after `init`): under early decision an undecided process decides the first time its
    /// state decides (`DecisionRecord.note`); a decided one keeps its record (`1 + r · D + d`).
    @inline(__always) func record(_ record: Int, after round: Int, in state: Int) -> Int {
        guard early, record == 0 else { return record }
        let d = decidesIn[state]
        return d < 0 ? 0 : 1 + round * decisions + d
    }

    /// Messages lost so far in `config` (0 unless `tracksLost`).
    @inline(__always) func lost(in config: [UInt8]) -> Int {
        guard tracksLost else { return 0 }
        let at = n * Self.stride
        return Int(config[at]) | Int(config[at + 1]) << 8 | Int(config[at + 2]) << 16
    }

    @inline(__always) func setLost(_ value: Int, in config: inout [UInt8]) {
        guard tracksLost else { return }
        let at = n * Self.stride
        config[at] = UInt8(value & 0xFF)
        config[at + 1] = UInt8((value >> 8) & 0xFF)
        config[at + 2] = UInt8((value >> 16) & 0xFF)
    }

    /// How many processes run, and how many are faulty (crashed included), in `config`.
    func counts(_ config: [UInt8]) -> (running: Int, faulty: Int) {
        var running = 0, faulty = 0
        for p in 0..<n {
            if config[p * Self.stride] != 0 { running += 1 }
            if config[p * Self.stride + 1] != 0 { faulty += 1 }
        }
        return (running, faulty)
    }

    func run() throws(CheckFailure) -> CheckReport {
        var root = Tally()
        var stop: Stop?
        if let unset = table.initial.firstIndex(of: TransitionTable.undefined) {
            // Nothing can run before every input has an initial state.
            guard options.gaps == .skip else { throw .unsetInitialState(input: unset) }
            let total = adversary.rawExecutions(continuations)
            gaps[.initial(input: unset)] = total
            root = Tally(total: total, failing: 0, unknown: 0, gap: total)
        } else {
            do { try chooseInputs(0, into: &root) } catch { stop = error }
        }
        let verdict: Verdict
        switch stop {
        case .gap(let gap)?: throw .gap(gap)
        case .cancelled?: verdict = .unknown(reason: "interrupted")
        case .violation?, nil:
            if let execution = firstViolation {
                do { verdict = .violated(try Counterexample.replay(execution, table: table, spec: spec, evaluator: evaluator)) }
                catch {
                    // Stopped while replaying (the stop interrupts the evaluator for good): no answer, not a failed replay.
                    guard !options.stopped(evaluator) else { return report(.unknown(reason: "interrupted"), root: root, finished: false) }
                    throw .replay(error)
                }
            } else if let reason = unknownReason {
                verdict = .unknown(reason: "Z3 could not decide \(Int(root.unknown)) raw executions' outcomes: \(reason)")
            } else if root.gap > 0 {
                verdict = .unknown(reason: "the table has unset entries that \(root.gap) raw executions reach")
            } else {
                verdict = .verified
            }
        }
        return report(verdict, root: root, finished: stop == nil)
    }

    /// The gap pass (`evaluatesOutcomes` false, `options.gaps == .fail`): explores every
    /// execution and throws the first `ProtocolGap` met.
    /// - Returns: nil when no execution reaches a gap; an `unknown("interrupted")` report when
    ///   cancelled first.
    func throwReachableGap() throws(ProtocolGap) -> CheckReport? {
        precondition(!evaluatesOutcomes && options.gaps == .fail, "fast checker: the gap pass evaluates nothing and skips no gap")
        var root = Tally()
        do { try chooseInputs(0, into: &root) } catch {
            switch error {
            case .gap(let gap): throw gap
            case .cancelled: return report(.unknown(reason: "interrupted"), root: root, finished: false)
            case .violation: preconditionFailure("fast checker: the gap pass evaluates no outcome")
            }
        }
        return nil
    }

    /// The report of a run that ended with `verdict`; counts only when it `finished`. Coverage
    /// as `FastSearch` reports it (a complete exploration above 2^53 reports the closed form's
    /// total when the two agree up to rounding).
    private func report(_ verdict: Verdict, root: Tally, finished: Bool) -> CheckReport {
        let total = adversary.rawExecutions(continuations)
        var covered = finished ? root.total : 0
        if finished, root.gap == 0, covered != total, covered > 0x1p53, abs(covered - total) <= 1e-9 * total {
            covered = total
        }
        return CheckReport(verdict: verdict, checker: .fast, mergedSymmetric: false, statesExplored: explored,
                           rawExecutionsCovered: covered, rawExecutionsTotal: total,
                           rawExecutionsFailing: options.mode == .count && finished ? root.failing : nil,
                           distinctOutcomes: outcomeVerdicts.count, seconds: clock.seconds,
                           rawExecutionsUndecided: finished ? root.unknown : 0, rawExecutionsInGaps: finished ? root.gap : 0,
                           gaps: gaps, readEntries: readEntries)
    }

    /// Round 0: every input vector (process `p` onwards), then every faulty set the model
    /// picks first (`Adversary.forEachFaultySet`; crash faults: only the empty one).
    private func chooseInputs(_ p: Int, into tally: inout Tally) throws(Stop) {
        guard p == n else {
            for v in 0..<inputs {
                pathInputs[p] = v
                try chooseInputs(p + 1, into: &tally)
            }
            return
        }
        try adversary.forEachFaultySet { (set: [Int]) throws(Stop) in
            pathFaulty = set
            var config = [UInt8](repeating: 0, count: configLength)
            for q in 0..<n {
                config[q * Self.stride + 4] = UInt8(pathInputs[q])
                let initial = Int(table.initial[pathInputs[q]])
                if set.contains(q) {
                    config[q * Self.stride + 1] = 1
                    if faults == .byzantine { continue }  // no state, never decides
                }
                setState(initial, of: q, in: &config)
                setRecord(record(0, after: 0, in: initial), of: q, in: &config)
            }
            tally.add(try explore(round: 1, config), times: 1)
        }
    }

    /// Tally of every continuation of `config` at the start of `round`. Memoized.
    func explore(round: Int, _ config: [UInt8]) throws(Stop) -> Tally {
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
    /// under early decision with `options.gaps == .skip`, `decide` of every undecided running
    /// process's state — as `FastSearch.unsetEntries` reads them. When one is unset, every
    /// continuation reaches a gap. Nil when every entry read is set.
    /// - Precondition: no running state has `send` unset unless `options.gaps == .skip`.
    /// - Complexity: O(n).
    func unsetEntries(round: Int, _ config: [UInt8]) -> Tally? {
        var unset: [TableEntry] = []
        for p in 0..<n {
            guard let s = state(config, p) else { continue }
            if round <= rounds, messageOf[s] < 0 {
                precondition(options.gaps == .skip, "fast checker: state \(table.stateNames[s]) sends no message")
                unset.append(.send(state: s))
            }
            if early, options.gaps == .skip, record(config, p) == 0, table.decision[s] == TransitionTable.noDecision {
                unset.append(.decision(state: s))
            }
        }
        guard !unset.isEmpty else { return nil }
        let (running, faulty) = counts(config)
        let mass = continuations(round: round, running: running, faulty: faulty)
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

/// Key of the receiver-option cache: the `next` slot, the receiver's index and state, and per
/// other process (in increasing index) what may arrive from it (`SenderSearch.arrivalKind`).
struct ReceiverKey: Hashable {
    var slot: Int
    var id: Int
    var state: Int
    var kinds: [UInt8]
}

/// One reachable (next state, losses) pair of a receiver: how many raw choices lead there and
/// one that does (`arrived`: per other process in increasing index, 0 for nothing, else
/// message + 1, before losses; `lost`: bit `i` set when the message from the `i`-th other
/// process was then lost). A gap option (`target` < 0, gaps skipped) holds the unset `next`
/// entries its choices reach instead.
struct ReceiverOption {
    var target: Int
    var losses: Int
    var weight: Double
    var arrived: [UInt8]
    var lost: UInt32
    var entries: [TableEntry]
}

/// Scratch of one round, kept until the round's recursion returns, so that a violation found
/// deeper can read the whole path.
final class SenderFrame {
    /// Per process the message it sends this round, -1 when it does not run.
    var messages: [Int]
    /// Whether each process crashes this round (crash faults).
    var crashing: [Bool]
    /// The processes that take a step, their arrival kinds, options and, on the current path,
    /// the option each takes.
    var receivers: [Int] = []
    var kinds: [[UInt8]] = []
    var options: [[ReceiverOption]] = []
    var chosen: [Int] = []
    /// Running and faulty processes after the round.
    var runningAfter = 0
    var faultyAfter = 0

    init(processes n: Int) {
        messages = [Int](repeating: -1, count: n)
        crashing = [Bool](repeating: false, count: n)
    }
}

import Foundation
import Game
import SpecLanguage

/// The exhaustive checker used everywhere except as a reference (docs/checking.md).
///
/// It explores *configurations* instead of raw executions: a configuration counts the running
/// processes per class `(tag, input, faulty?, record, state)`, the stopped ones (crashed, or
/// Byzantine) per `(tag, input, record)`, and — when the spec reads the derived vocabulary
/// under `:losses` — the messages lost so far. The record is what a process has decided and
/// when (early decision only: undecided, or decision `d` after round `r`; without early
/// decision there is one record and the decision is read from the final state). When the spec
/// is symmetric every process has the same tag, so executions that differ by a permutation of
/// processes meet in one configuration; otherwise each process is its own tag and nothing is
/// merged. Configurations are memoized per round, so shared global states are explored once.
///
/// Messages: a process in state `s` broadcasts `send[s]` (its state when the table has no
/// alphabet), and a receiver's observation counts messages, so below "heard vectors" are over
/// the table's `M` messages; Byzantine senders send any of the `M` messages, or nothing.
///
/// Branching follows only what the adversary's choice changes, per fault model:
/// - the faulty set (omission, Byzantine) is chosen with the inputs, per class (how many);
///   crashers are chosen per class in each round (crash faults);
/// - a receiver's observation is the messages it certainly gets (from correct senders, or
///   survivors) plus a free part: under crash and omission, any sub-vector `h <= c` of the
///   senders whose messages the adversary may drop (crashers; faulty senders; every sender of
///   a faulty receiver) — `Π C(c_k, h_k)` raw choices; under Byzantine faults, any vector of
///   at most `B` messages from the `B` Byzantine senders — a multinomial count; with `:losses`,
///   any sub-vector of what arrived may then be lost, `Π C(heard_k, l_k)` raw choices, within
///   the round's budget of `L`.
///   Receivers choose independently (the losses share one budget per round), so per receiver
///   class the checker computes the reachable (next state, losses) options with their raw
///   weights and branches on how many members of the class take each.
/// Every branch carries the number of raw executions it stands for, so the check reports exact
/// coverage (and, in counting mode, how many raw executions fail: the dense score the search uses).
///
/// Soundness: a configuration determines the multiset of outcomes of all its continuations up
/// to the process permutation the spec cannot see. A class holds everything a process's future
/// depends on: its input, whether it is faulty, its state — which fixes what it sends and how
/// it moves — and its decision record, memory the messages do not carry but the outcome
/// reads (two processes in one state that decided differently, or in different rounds, are
/// not interchangeable; a crasher keeps its record among the stopped). The branching
/// enumerates every successor configuration that some raw choice produces, with that choice's
/// raw count, so the verdict and the counts equal the brute force's (tested on random
/// protocols under every model, with message alphabets and early decision). Counterexamples
/// are concretized into one raw execution and replayed through `Simulator` before they are
/// returned.
///
/// Partial tables (`CheckOptions.gaps == .skip`): a configuration in which a running process
/// needs an unset `send`, or (early decision) an undecided running process is in a state whose
/// `decide` is unset, counts all its continuations as reaching a gap, as does a receiver that
/// reaches an unset `next` entry and (without early decision) a final state without `decide`;
/// `CheckReport.gaps` names those entries, as `CounterexamplePool` reads them.
///
/// Identities: a table by sender (`table.bySender`, under `:identities` when the protocol reads
/// `id` or `from`) tells every process apart and observes senders, so counts do not suffice;
/// it is explored by `SenderSearch` instead — configurations per process by index (state or
/// not running, faulty, record, input, and the lost counter when tracked), memoized per round,
/// never merged (`CheckReport.mergedSymmetric` is false), branching per receiver on what
/// arrives from each other process, with the same exact counts, options, gap handling and
/// replayed counterexamples (with gaps skipped it counts exactly the raw executions that read
/// an unset entry). A counted table under identities (its rules read neither) takes the path
/// above, merged when the spec is symmetric: the simulator's observations then name senders,
/// and a counted space indexes them by their counts.
///
/// - Complexity: O(configurations · adversary choices per class · successor distributions);
///   the number of configurations is polynomial in `n` for fixed `I`, `K` when the spec is
///   symmetric (twice the classes under omission faults, `1 + D · (R+1)` times under early
///   decision). A table by sender: O(configurations · crasher sets · Π receivers' options),
///   plus each receiver's options once per (round slot, id, state, what may arrive);
///   configurations grow exponentially in `n`.
public struct FastChecker: Checker {
    public let table: TransitionTable
    public let spec: Spec
    public let evaluator: SpecEvaluator
    public let options: CheckOptions
    public var kind: CheckerKind { .fast }

    public init(table: TransitionTable, spec: Spec, evaluator: SpecEvaluator, options: CheckOptions = CheckOptions()) {
        self.table = table
        self.spec = spec
        self.evaluator = evaluator
        self.options = options
    }

    /// Checks every execution.
    ///
    /// Gaps first: when `options.gaps == .fail` and the table has undefined `next` entries, a
    /// first pass explores every execution without evaluating the spec and throws the first
    /// `ProtocolGap` it meets (as `CheckFailure.gap`); only a table on which no execution
    /// reaches a gap is then checked against the spec. So a reachable gap is reported whatever else is wrong with the table,
    /// as `BruteForceChecker` and `SymbolicChecker` report it, and a violation is never shown
    /// for a protocol that is incomplete.
    ///
    /// Cancellation: `options.cancellation` is polled, and it interrupts `evaluator` (the Z3
    /// query running, and every later one: the evaluator is finished afterwards); the verdict is
    /// then `unknown("interrupted")`.
    /// - Throws: `CheckFailure.gap` when a reachable information set has no entry
    ///   (`.unsetInitialState` when an input has none), or `.replay` if a counterexample fails
    ///   its replay (an engine bug).
    /// - Precondition: with `options.gaps == .fail`, every state a running process reaches has
    ///   `send` set, and so has `decide` every final state without early decision (compiled
    ///   protocols do); under early decision an unset `decide` there means "does not decide".
    /// - Complexity: see the type; the gap pass (only for tables with undefined entries) costs
    ///   one more exploration, without Z3.
    public func check() throws(CheckFailure) -> CheckReport {
        try options.cancellation.whileRunning(onCancel: evaluator.interrupter.interrupt) { () throws(CheckFailure) -> CheckReport in
            let gapPass = options.gaps == .fail && !table.initial.contains(TransitionTable.undefined)
                && table.next.contains(TransitionTable.undefined)
            if table.bySender {
                if gapPass {
                    let gaps = SenderSearch(table: table, spec: spec, evaluator: evaluator, options: options, evaluatesOutcomes: false)
                    do throws(ProtocolGap) { if let interrupted = try gaps.throwReachableGap() { return interrupted } } catch { throw .gap(error) }
                }
                return try SenderSearch(table: table, spec: spec, evaluator: evaluator, options: options).run()
            }
            if gapPass {
                let gaps = FastSearch(table: table, spec: spec, evaluator: evaluator, options: options, evaluatesOutcomes: false)
                do throws(ProtocolGap) { if let interrupted = try gaps.throwReachableGap() { return interrupted } } catch { throw .gap(error) }
            }
            let search = FastSearch(table: table, spec: spec, evaluator: evaluator, options: options)
            return try search.run()
        }
    }

    /// Whether a check of `table` against `spec` merges permuted executions (the report's
    /// `mergedSymmetric`): the table is not by sender, `options.useSymmetry` is set and the
    /// spec is symmetric. Known before the check runs. - Complexity: O(1).
    public static func mergesPermutedExecutions(table: TransitionTable, spec: Spec, options: CheckOptions) -> Bool {
        !table.bySender && options.useSymmetry && spec.isSymmetric
    }
}

/// Raw-execution tallies of a subtree: how many raw executions it stands for, how many of them
/// violate the spec, and how many have an outcome Z3 could not decide.
struct Tally {
    var total = 0.0
    var failing = 0.0
    var unknown = 0.0
    /// Raw executions that reach an unset entry (partial tables only).
    var gap = 0.0

    @inline(__always)
    mutating func add(_ other: Tally, times weight: Double) {
        total += weight * other.total
        failing += weight * other.failing
        unknown += weight * other.unknown
        gap += weight * other.gap
    }
}

/// A memo key: the round (1-based; `R+1` for final configurations) and the class counts.
struct ConfigKey: Hashable {
    var round: Int
    var counts: [UInt8]
}

/// One reachable (next state, losses) pair of a receiver class: the target, how many of the
/// receiver's messages were lost, how many raw choices lead there, and one choice that does:
/// `free[m]` messages `m` of the adversary's free part arrived (dropped-or-not senders heard,
/// or Byzantine messages), then `lost[m]` messages `m` were lost.
struct MoveOption {
    var target: Int
    var losses: Int
    var weight: Double
    var free: [Int]
    var lost: [Int]
}

/// Key of the move-option cache: (slot, own state, certain heard radix), the droppable
/// senders' message counts and the Byzantine senders' count.
struct OptionKey: Hashable {
    var position: UInt64
    var droppable: UInt64
    var byzantine: Int
}

/// Scratch of one round's branching, kept until the round's recursion returns, so that a
/// violation found deeper can read the whole path.
final class RoundFrame {
    /// Crashers chosen per running class (crash faults).
    var crashers: [Int]
    /// Running classes with members at the start of the round.
    var aliveClasses: [Int] = []
    /// Classes whose members take a step, and their move options, in branching order.
    var survivorClasses: [Int] = []
    var options: [[MoveOption]] = []
    /// Moves on the current path: `count` members of `from` take option `option` of
    /// survivor class number `slot`, into class `to`.
    var moves: [(from: Int, to: Int, slot: Int, option: Int, count: Int)] = []

    init(classCount: Int) { crashers = [Int](repeating: 0, count: classCount) }
}

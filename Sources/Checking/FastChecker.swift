import Foundation
import Game
import SpecLanguage

/// The exhaustive checker used everywhere except as a reference (docs/checking.md).
///
/// It explores *configurations* instead of raw executions: a configuration counts the live
/// processes per class `(tag, input, state)` and the crashed ones per `(tag, input)`. When the
/// spec is symmetric every process has the same tag, so executions that differ by a
/// permutation of processes meet in one configuration; otherwise each process is its own tag
/// and nothing is merged. Configurations are memoized per round, so shared global states are
/// explored once.
///
/// Branching follows only what the adversary's choice changes. Crashers of one round are chosen
/// per class (how many of each). Under the counted observation a survivor's next state depends
/// only on how many crashers *in each state* it heard (any vector `h` with `h_k <= c_k` is
/// realizable, each survivor independently), so per survivor class the checker computes the
/// set of reachable next states — with the number of raw receiver choices leading to each —
/// and branches on how many members of the class go to each. Every branch carries the number
/// of raw executions it stands for, so the check reports exact coverage (and, in counting mode,
/// how many raw executions fail: the dense score the search uses).
///
/// Soundness: a configuration determines the multiset of outcomes of all its continuations up
/// to the process permutation the spec cannot see, and the branching enumerates every
/// successor configuration that some raw choice produces, so the verdict equals the brute-force
/// verdict (tested on random protocols). Counterexamples are concretized into one raw execution
/// and replayed through `Simulator` before they are returned.
///
/// - Complexity: O(configurations · crash choices · successor distributions); the number of
///   configurations is polynomial in `n` for fixed `I`, `K` when the spec is symmetric.
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
    /// - Complexity: see the type; the gap pass (only for tables with undefined entries) costs
    ///   one more exploration, without Z3.
    public func check() throws(CheckFailure) -> CheckReport {
        try options.cancellation.whileRunning(onCancel: evaluator.interrupter.interrupt) { () throws(CheckFailure) -> CheckReport in
            if options.gaps == .fail, !table.initial.contains(TransitionTable.undefined),
               table.next.contains(TransitionTable.undefined) {
                let gaps = FastSearch(table: table, spec: spec, evaluator: evaluator, options: options, evaluatesOutcomes: false)
                do throws(ProtocolGap) { if let interrupted = try gaps.throwReachableGap() { return interrupted } } catch { throw .gap(error) }
            }
            let search = FastSearch(table: table, spec: spec, evaluator: evaluator, options: options)
            return try search.run()
        }
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

/// One reachable next state of a survivor class: the target, how many raw receiver choices
/// lead there, and one heard-from-crashers vector that does (`witness[k]` crashers in state `k`).
struct MoveOption {
    var target: Int
    var weight: Double
    var witness: [Int]
}

/// Key of the move-option cache: (slot, own state, survivors' heard radix) and crasher counts.
struct OptionKey: Hashable {
    var position: UInt64
    var crashers: UInt64
}

/// Scratch of one round's branching, kept until the round's recursion returns, so that a
/// violation found deeper can read the whole path.
final class RoundFrame {
    /// Crashers chosen per alive class.
    var crashers: [Int]
    /// Alive classes with members at the start of the round.
    var aliveClasses: [Int] = []
    /// Classes with survivors, and their move options, in branching order.
    var survivorClasses: [Int] = []
    var options: [[MoveOption]] = []
    /// Moves on the current path: `count` members of `from` take option `option` of
    /// survivor class number `slot`.
    var moves: [(from: Int, slot: Int, option: Int, count: Int)] = []

    init(classCount: Int) { crashers = [Int](repeating: 0, count: classCount) }
}

import Game
import Synchronization

/// Counterexample schedules learned so far by the searches of one run on threads
/// (`CubeRunner`), shared among them: each search publishes the schedule of every
/// counterexample it learns, and takes the others' before its next step — into its symbolic
/// learning (Z3 constraints) and its counterexample pool (tree strategies), or into its candidate
/// constraints (CEGIS). A cube thread that starts a new cube thus starts with the schedules
/// learned first anywhere (up to `takeLimit`), so a cube those schedules already refute is
/// refuted by its first Z3 check.
///
/// Soundness: a schedule is an execution of the setting (inputs and the adversary's choices),
/// the same in every cube, and a passing table satisfies the spec on every execution, so
/// requiring the spec on any schedule never excludes a passing table: sharing changes how fast
/// a search refutes, never what it may refute. The observed outcome travels with the schedule
/// (`ScheduleConstraints.require` excludes it when a schedule has too many decision vectors to
/// enumerate), and it is a real failing outcome of that schedule.
///
/// Thread-safe (one lock); cost O(new schedules) per take.
public final class SharedSchedules: Sendable {
    public struct Schedule: Sendable {
        public var execution: Execution
        public var outcome: Outcome
    }

    private let list = Mutex<[Schedule]>([])

    /// Most schedules one search takes from the others. Each schedule taken makes every later
    /// Z3 check of that search larger, and a check's cost grows faster than the schedules it
    /// holds: on consensus (7,5) cube searches that took every schedule (tens of thousands
    /// over a run) spent about 3 s on cubes that settle in 0.1–0.4 s alone (1.3 s with this
    /// limit), while on the small specs sharing a few hundred schedules was as fast or faster
    /// than none (single runs, Results/scale.md).
    public static let takeLimit = 512

    public init() {}

    /// A search's handle: what it published itself is not handed back to it. `parent`: a
    /// finished search whose `learned` schedules this one starts with, before any of the
    /// board's and not counted against `takeLimit` (a re-split cube's pieces inherit what the
    /// search of that cube learned, `CubeRunner`); the board then does not offer them again.
    /// Inherited schedules are not capped: they were all learned inside the piece's own cube.
    public func participant(inheriting parent: Participant? = nil) -> Participant {
        Participant(board: self, inherited: parent?.learned ?? [], own: parent?.own ?? [])
    }

    public var count: Int { list.withLock { $0.count } }

    /// Every schedule published so far (distinct), in order.
    public var executions: [Execution] {
        list.withLock { l in
            var seen: Set<Execution> = []
            return l.map(\.execution).filter { seen.insert($0).inserted }
        }
    }

    fileprivate func append(_ schedule: Schedule) -> Int {
        list.withLock { $0.append(schedule); return $0.count - 1 }
    }

    fileprivate func items(since start: Int) -> (items: ArraySlice<Schedule>, count: Int) {
        list.withLock { l in (start < l.count ? l[start...] : [], l.count) }
    }

    /// One search's view of the board (one per `Synthesizer` or `CEGISSynthesizer`, not shared
    /// between threads: never hand one `SynthesisOptions` value holding it to two searches).
    public final class Participant: @unchecked Sendable {
        let board: SharedSchedules
        private var cursor = 0
        /// Board indices of `learned`'s schedules (its own and its parent's publications).
        fileprivate private(set) var own: Set<Int>
        private var taken = 0
        private var inherited: [Schedule]
        /// The schedules this search inherited and published, in order: what it learned about
        /// its cube (a re-split passes them on to the pieces).
        public private(set) var learned: [Schedule]

        fileprivate init(board: SharedSchedules, inherited: [Schedule], own: Set<Int>) {
            self.board = board
            self.inherited = inherited
            self.own = own
            learned = inherited
        }

        /// Publishes a schedule this search learned.
        public func publish(_ execution: Execution, outcome: Outcome) {
            let schedule = Schedule(execution: execution, outcome: outcome)
            own.insert(board.append(schedule))
            learned.append(schedule)
        }

        /// Takes nothing from the board, publishing all the same (`CubeRunner`'s companion
        /// search, whose Z3 problem stays the one it would have alone).
        public var takesNothing = false

        /// The inherited schedules (on the first call), then the schedules others published
        /// since the last call, oldest first, until this search has taken
        /// `SharedSchedules.takeLimit` of those in all (then none); nothing if `takesNothing`.
        public func take() -> [Schedule] {
            if takesNothing { return [] }
            let (items, count) = board.items(since: cursor)
            defer { cursor = count; inherited = [] }
            let room = max(SharedSchedules.takeLimit - taken, 0)
            let offered = items.indices.lazy.filter { !self.own.contains($0) }.prefix(room).map { items[$0] }
            taken += offered.count
            return inherited + offered
        }
    }
}

/// The adversary as one concept: everything the engine needs to know about a fault model —
/// what the adversary may choose in a round, how those choices change what processes receive,
/// who counts as correct, how many raw executions there are, how a schedule is validated, and
/// how a round is shown. Every layer asks `setting.faultModel` rather than writing a model out
/// itself; a new model is one conformance.
///
/// Today's conformance is `CrashFaults` (docs/semantics.md). The fast checker's merged
/// branching, the symbolic checker's encoding and the search's schedule constraints still
/// encode the crash adversary directly (each says so); they are the next to move behind this
/// protocol.
public protocol FaultModel: Sendable {
    /// The model's name as a spec writes it (`:faults`).
    var name: String { get }

    /// Throws unless `execution` is one this adversary can choose in `setting`.
    /// - Complexity: O(R · n²).
    func validate(_ execution: Execution, for setting: Setting) throws(Simulator.ScheduleError)

    /// One round's delivery: given each process's message (nil for a process that no longer
    /// sends: crashed before this round), and the adversary's choices for the round, the
    /// observation of every process that takes a step this round (nil for the others) and
    /// whether each process still runs after the round.
    /// - Precondition: `schedule` passed `validate` for this round.
    /// - Complexity: O(n · (n + messageCount)).
    func deliver(messages: [Int?], schedule: RoundSchedule, messageCount: Int)
        -> (observations: [Observation?], running: [Bool])

    /// Whether process `p` is correct (`(correct p)`) in an execution whose processes still
    /// running at the end are `running`.
    func isCorrect(_ p: Int, running: [Bool], in execution: Execution) -> Bool

    /// Raw executions of `setting`: the adversary's choices, inputs included (closed form).
    /// Exact below 2^53, approximate above, `inf` past about 1e308.
    func rawExecutions(_ setting: Setting) -> Double

    /// Calls `body` once per schedule the adversary may choose in a round in which `running`
    /// processes take part and `budget` faults are left, with the budget left after it —
    /// every raw choice, in a fixed order (the brute force's enumeration).
    func forEachRoundSchedule<E: Error>(running: [Bool], budget: Int,
                                        _ body: (RoundSchedule, Int) throws(E) -> Void) throws(E)

    /// The model in one line for `ggms show` (who may be faulty and what they may do).
    func summary(_ setting: Setting) -> String

    /// What one raw execution chooses, for `ggms show` (`inputs x …`).
    var choices: String { get }

    /// What the adversary did to `process` in `schedule`, for a counterexample table (nil when
    /// nothing); `name` spells a process.
    func event(of process: Int, in schedule: RoundSchedule, name: (Int) -> String) -> String?
}

extension Setting {
    /// The adversary of this setting (crash faults: the only model the spec language names
    /// today).
    public var faultModel: any FaultModel { CrashFaults() }
}

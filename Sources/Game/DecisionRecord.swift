/// Who has decided what, and in which round, as an execution goes (docs/semantics.md,
/// "Early decision"): the one place the simulator, the brute force and the pool decide.
///
/// Without early decision every process still running after round `R` decides
/// `decide(state)` there (`finish`). With early decision a process decides the first time it is
/// in a deciding state — after `init` (round 0) or after its step of round `r` — and keeps that
/// decision whatever happens later, a crash included (`note`).
public struct DecisionRecord: Hashable, Sendable {
    /// Per process: its decision, or `ProcessOutcome.noDecision`.
    public private(set) var decision: [Int]
    /// Per process: the round it decided in, or `ProcessOutcome.noDecision`.
    public private(set) var round: [Int]

    /// Nobody has decided yet.
    public init(processes n: Int) {
        decision = [Int](repeating: ProcessOutcome.noDecision, count: n)
        round = decision
    }

    /// Under early decision, records the first decision of every running process whose state
    /// after round `round` (0: after `init`) decides; does nothing without early decision.
    /// - Parameter states: per process its state, nil for one that does not run.
    /// - Complexity: O(n).
    public mutating func note(_ table: TransitionTable, states: [Int?], round r: Int) {
        guard table.setting.earlyDecision else { return }
        for p in states.indices where decision[p] == ProcessOutcome.noDecision {
            guard let s = states[p], let d = table.decides(s) else { continue }
            decision[p] = d
            round[p] = r
        }
    }

    /// After the last round: without early decision, every running process decides
    /// `decide(state)` at round `R` (an unset decision stays undecided); with it, nothing changes.
    /// - Complexity: O(n).
    public mutating func finish(_ table: TransitionTable, finalStates: [Int?]) {
        guard !table.setting.earlyDecision else { return }
        for p in finalStates.indices {
            guard let s = finalStates[p] else { continue }
            let d = Int(table.decision[s])
            guard d >= 0 else { continue }
            decision[p] = d
            round[p] = table.setting.rounds
        }
    }

    /// The outcome entry of process `p`.
    public func outcome(_ p: Int, input: Int, correct: Bool) -> ProcessOutcome {
        ProcessOutcome(input: input, correct: correct, decision: decision[p], decisionRound: round[p])
    }
}

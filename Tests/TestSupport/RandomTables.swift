import Game
import SpecLanguage
import Utilities

/// Random complete protocol tables for differential tests.
public enum RandomTables {
    /// A table with every entry filled uniformly at random (init, send, decide, next).
    /// - Parameters:
    ///   - messageCount: the size of a message alphabet (a random `send` into it); nil for
    ///     messages = states.
    ///   - bySender: a table whose `next` reads `id` and who sent what (`setting.identities`).
    ///   Under `setting.earlyDecision` each state decides with probability 1/2 (else it does not).
    ///   A table by sender is biased, one time in three, towards "adopt the state that process
    ///   0 sent" (messages = states), so that relays and designated senders occur.
    public static func make(_ setting: Setting, stateCount: Int, roundAware: Bool, messageCount: Int? = nil,
                            bySender: Bool = false, using rng: inout SplitMix64) -> TransitionTable {
        var table = TransitionTable(setting: setting, stateCount: stateCount, roundAware: roundAware,
                                    messageCount: messageCount, bySender: bySender)
        for v in 0..<setting.inputs { table.initial[v] = UInt8(Int.random(in: 0..<stateCount, using: &rng)) }
        if let messageCount {
            for s in 0..<stateCount { table.send[s] = UInt8(Int.random(in: 0..<messageCount, using: &rng)) }
        }
        for s in 0..<stateCount {
            if setting.earlyDecision && Bool.random(using: &rng) {
                table.decision[s] = TransitionTable.notDeciding
            } else {
                table.decision[s] = Int8(Int.random(in: 0..<setting.decisions, using: &rng))
            }
        }
        // Bias half the tables towards "keep your state" so that some of them are correct.
        let stay = Double.random(in: 0..<1, using: &rng) < 0.5 ? 0.7 : 0.0
        let follow = bySender && messageCount == nil && Int.random(in: 0..<3, using: &rng) == 0 ? 0.8 : 0.0
        for e in table.next.indices {
            let info = table.informationSet(ofEntry: e)
            if let heard = info.observation.senders.flatMap({ info.id == 0 ? nil : $0.from(0) }),
               Double.random(in: 0..<1, using: &rng) < follow {
                table.next[e] = UInt8(heard)
            } else if Double.random(in: 0..<1, using: &rng) < stay {
                table.next[e] = UInt8(info.state)
            } else {
                table.next[e] = UInt8(Int.random(in: 0..<stateCount, using: &rng))
            }
        }
        return table
    }
}

/// Spec texts used across tests.
public enum TestSpecs {
    public static func header(n: Int, f: Int, rounds: Int, inputs: Int = 2, decisions: Int = 2,
                              faults: FaultKind = .crash, losses: Int = 0, earlyDecision: Bool = false,
                              identities: Bool = false) -> String {
        var model = faults == .crash && losses == 0 ? "" : "(set-info :faults \(faults.name))\n(set-info :losses \(losses))\n"
        if earlyDecision { model += "(set-info :early-decision true)\n" }
        if identities { model += "(set-info :identities true)\n" }
        return """
        (set-info :processes \(n))
        (set-info :crashes \(f))
        (set-info :rounds \(rounds))
        (set-info :inputs \(inputs))
        (set-info :decisions \(decisions))
        \(model)
        """
    }

    /// Texts of `specs` under `setting`'s fault model and losses: each spec's header replaced.
    public static func under(_ setting: Setting, _ text: String) -> String {
        let plain = header(n: setting.processes, f: setting.crashes, rounds: setting.rounds, inputs: setting.inputs,
                           decisions: setting.inputs)
        let model = header(n: setting.processes, f: setting.crashes, rounds: setting.rounds, inputs: setting.inputs,
                           decisions: setting.inputs, faults: setting.faults, losses: setting.losses,
                           earlyDecision: setting.earlyDecision, identities: setting.identities)
        return text.replacingOccurrences(of: plain, with: model)
    }

    /// Agreement among the processes that decide (faulty ones included) when no message was
    /// lost, and at most `f` faults: reads `decided`, `lost` and `faults`.
    public static func uniformWhenNothingLost(n: Int, f: Int, rounds: Int, inputs: Int = 2) -> String {
        header(n: n, f: f, rounds: rounds, inputs: inputs, decisions: inputs) + """
        (define-fun uniform () Bool
          (=> (= lost 0)
              (forall ((i Proc) (j Proc)) (=> (and (decided i) (decided j)) (= (decision i) (decision j))))))
        (assert uniform)
        (assert (<= faults \(f)))

        """
    }

    public static let agreement = """
        (define-fun agreement () Bool
          (forall ((i Proc) (j Proc))
            (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
        """
    public static let validity = """
        (define-fun validity () Bool
          (forall ((v Int))
            (=> (forall ((i Proc)) (= (input i) v))
                (forall ((i Proc)) (=> (correct i) (= (decision i) v))))))
        """

    public static func consensus(n: Int, f: Int, rounds: Int, inputs: Int = 2) -> String {
        header(n: n, f: f, rounds: rounds, inputs: inputs, decisions: inputs) + agreement + "\n" + validity
            + "\n(assert agreement)\n(assert validity)\n"
    }

    /// Validity only: easy to satisfy, so random tables often pass it.
    public static func validityOnly(n: Int, f: Int, rounds: Int, inputs: Int = 2) -> String {
        header(n: n, f: f, rounds: rounds, inputs: inputs, decisions: inputs) + validity + "\n(assert validity)\n"
    }

    /// Names p0: not symmetric. "If p0 is correct it decides its input, or everyone agrees."
    public static func asymmetric(n: Int, f: Int, rounds: Int, inputs: Int = 2) -> String {
        header(n: n, f: f, rounds: rounds, inputs: inputs, decisions: inputs) + agreement + """

        (define-fun p0-keeps () Bool (=> (correct p0) (or (= (decision p0) (input p0)) agreement)))
        (assert p0-keeps)

        """
    }

    /// The outcome's derived vocabulary (symmetric): uniform agreement among deciders when no
    /// process is faulty, decision rounds, and `lost`.
    public static func derivedVocabulary(n: Int, f: Int, rounds: Int, inputs: Int = 2) -> String {
        header(n: n, f: f, rounds: rounds, inputs: inputs, decisions: inputs) + validity + """

        (define-fun quiet-agreement () Bool
          (=> (< faults 1)
              (forall ((i Proc) (j Proc)) (=> (and (decided i) (decided j)) (= (decision i) (decision j))))))
        (define-fun decision-rounds () Bool
          (forall ((i Proc)) (= (decision-round i) (ite (decided i) \(rounds) (- 1)))))
        (define-fun nothing-lost () Bool (and (= lost 0) (<= faults \(f))))
        (assert decision-rounds)
        (assert nothing-lost)
        (assert (or quiet-agreement validity))

        """
    }

    /// Early decision's vocabulary (symmetric): every decider agrees (crashed ones included),
    /// validity among deciders, correct processes decide, and every decider decides by round
    /// `faults + 1`.
    public static func earlyUniform(n: Int, f: Int, rounds: Int, inputs: Int = 2) -> String {
        header(n: n, f: f, rounds: rounds, inputs: inputs, decisions: inputs) + """
        (define-fun uniform-agreement () Bool
          (forall ((i Proc) (j Proc)) (=> (and (decided i) (decided j)) (= (decision i) (decision j)))))
        (define-fun decider-validity () Bool
          (forall ((i Proc)) (=> (decided i) (exists ((j Proc)) (= (input j) (decision i))))))
        (define-fun termination () Bool (forall ((i Proc)) (=> (correct i) (decided i))))
        (define-fun early () Bool
          (forall ((i Proc)) (=> (decided i) (<= (decision-round i) (+ faults 1)))))
        (assert uniform-agreement)
        (assert decider-validity)
        (assert termination)
        (assert early)

        """
    }

    /// Decision rounds as a value (symmetric): "nobody decides in round 0, or whoever decides
    /// in the last round decides their input" — easy to pass and to fail.
    public static func decisionRounds(n: Int, f: Int, rounds: Int, inputs: Int = 2) -> String {
        header(n: n, f: f, rounds: rounds, inputs: inputs, decisions: inputs) + """
        (define-fun not-at-once () Bool (forall ((i Proc)) (not (= (decision-round i) 0))))
        (define-fun last-keeps () Bool
          (forall ((i Proc)) (=> (= (decision-round i) \(rounds)) (= (decision i) (input i)))))
        (assert (or not-at-once last-keeps))

        """
    }

    /// Reads `index`: not symmetric. "The process with index 0 decides at most its input
    /// when every process is correct."
    public static func indexed(n: Int, f: Int, rounds: Int, inputs: Int = 2) -> String {
        header(n: n, f: f, rounds: rounds, inputs: inputs, decisions: inputs) + """
        (define-fun first-keeps () Bool
          (forall ((i Proc))
            (=> (and (= (index i) 0) (= faults 0)) (<= (decision i) (input i)))))
        (assert first-keeps)

        """
    }

    /// A designated sender (names p0, not symmetric): "if p0 is correct, every correct process
    /// decides p0's input; correct processes agree" — reliable broadcast's shape.
    public static func designated(n: Int, f: Int, rounds: Int, inputs: Int = 2) -> String {
        header(n: n, f: f, rounds: rounds, inputs: inputs, decisions: inputs) + agreement + """

        (define-fun delivers () Bool
          (=> (correct p0) (forall ((i Proc)) (=> (correct i) (= (decision i) (input p0))))))
        (assert agreement)
        (assert delivers)

        """
    }
}

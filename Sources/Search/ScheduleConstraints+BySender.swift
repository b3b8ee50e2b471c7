import Game
import Z3Kit

extension ScheduleConstraints {
    /// A step of a table by sender (identities): `moved` (the new state) is
    /// `next(id, own, o)` — the row of the receiver's own index `id` — for the observation `o`
    /// that names, per other process, what arrived from it. `senders` lists, per other process
    /// in increasing index (the observation's digits, relative to the receiver), the vector id
    /// of what arrived: -1 for nothing (digit none), a constant (a Byzantine sender's chosen
    /// message: that digit only), or a symbolic state, whose message may be any of the `M`.
    /// "Observation `o`" is the conjunction, over the symbolic senders, of "its message is
    /// `o`'s digit": the heard-count cardinality constraints of a counted table are not needed,
    /// and each combination of the symbolic senders' messages is one observation.
    ///
    /// Soundness: for every table, exactly one combination holds (each message vector is
    /// one-hot), and it is the observation `Simulator.observation` builds for the receiver
    /// (`SenderObservation`, the sender cannot be forged), so the new state is the simulator's.
    /// A combination with more nones than the space allows (none arises from the adversary)
    /// has no index and constrains nothing.
    /// Cost: `M^s · K · (K − 1)` equivalences under premises for `s` symbolic senders.
    func constrainStepBySender(round: Int, id q: Int, own: [Z3AST], senders: [Int], moved: [Z3AST]) throws(Z3Error) {
        // Per relative digit: the digits it may show, with the literal that says so (nil: fixed).
        var options: [[(digit: Int, literal: Z3AST?)]] = []
        for id in senders {
            if id < 0 {
                options.append([(0, nil)])
            } else if let message = constantMessages[id] {
                options.append([(message + 1, nil)])
            } else {
                let message = try messageVector(id)
                options.append((0..<m).map { ($0 + 1, message[$0]) })
            }
        }
        var choice = [Int](repeating: 0, count: options.count)
        while true {
            var radix = 0, place = 1
            var literals: [Z3AST] = []
            for (i, c) in choice.enumerated() {
                radix += options[i][c].digit * place
                place *= m + 1
                if let literal = options[i][c].literal { literals.append(literal) }
            }
            if let o = emptyTable.space.index(radix: radix) {
                for ownState in 0..<k {
                    let target = try nextVector(emptyTable.entryIndex(round: round, id: q, state: ownState, observation: o))
                    try tie(moved, to: target, when: try context.mkAnd([own[ownState]] + literals))
                }
            }
            // The next combination (the first digit fastest); done after the last.
            var i = 0
            while i < choice.count {
                choice[i] += 1
                if choice[i] < options[i].count { break }
                choice[i] = 0
                i += 1
            }
            if i == choice.count { return }
        }
    }
}

import Game
import Z3Kit

/// Observations by sender (identities, `TransitionTable.bySender`): what a receiver makes of a
/// round is, for each other process `j`, the message that arrived from `j` or nothing — not a
/// heard count.
extension SymbolicEncoding {
    /// For receiver `q` in round `round`, per dense index `o` of the table's space (by sender),
    /// the literals whose conjunction says that `q` observes `space.observation(at: o, id: q)`:
    /// one per other process `j` in increasing index, `from_q_r_j_m` ("from `j` arrived `m`") or
    /// `none_q_r_j` ("nothing from `j`").
    ///
    /// `from_q_r_j_m` is defined as `arrives(j, q, round, message: m)` — under every fault model
    /// and with `:losses`: crash `reach ∧ sends_j_m`, omission `delivered_j_q_r ∧ sends_j_m`,
    /// Byzantine `¬faulty_j ∧ sends_j_m ∨ faulty_j ∧ forged_j_q_r_m` (a Byzantine `j`'s message
    /// is free but arrives as from `j`: it cannot forge its index), each `∧ ¬lost_j_q_r` with
    /// losses — and `none_q_r_j` as the negation of their disjunction. A sender's arrivals are
    /// mutually exclusive (its state is one-hot and `send` a function; at most one forged
    /// message per link), so exactly one of `j`'s `M + 1` literals holds and exactly one
    /// observation's conjunction holds (for a receiver that takes a step, the space holds every
    /// observation it can make; a conjunction of one beyond the space does not occur there).
    /// - Precondition: the table's space is by sender; `sends` is what each process sends in
    ///   the round (`sends(of:)` of the states at its start).
    /// - Complexity: O(n · M) named literals, and O((M+1)^(n-1) · n) for the returned lists.
    func senderObservations(of q: Int, round: Int, sends: [[Z3AST]]) throws(Z3Error) -> [[Z3AST]] {
        let space = table.space
        precondition(space.bySender, "SymbolicEncoding: observations by sender need a table by sender")
        // fromIs[j][d]: d = 0 nothing from j, d = m + 1 message m from j (nil for j = q).
        var fromIs = [[Z3AST]?](repeating: nil, count: n)
        for j in 0..<n where j != q {
            var row: [Z3AST] = []
            for m in 0..<table.messageCount {
                let literal = try bool("from_\(q)_\(round)_\(j)_\(m)")
                try solver.assert(try context.mkEq(literal, try arrives(j, q, round, message: m, sends: sends)))
                row.append(literal)
            }
            let none = try bool("none_\(q)_\(round)_\(j)")
            try solver.assert(try context.mkEq(none, try context.mkNot(try context.mkOr(row))))
            fromIs[j] = [none] + row
        }
        return (0..<space.count).map { o in
            guard let senders = space.observation(at: o, id: q).senders else {
                preconditionFailure("SymbolicEncoding: an observation by sender without senders")
            }
            return senders.senders.map { j in fromIs[j]![senders.from(j).map { $0 + 1 } ?? 0] }
        }
    }
}

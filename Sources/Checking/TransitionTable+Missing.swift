import Game

extension Setting {
    /// The most messages a process that takes a step can miss in one round: the messages the
    /// fault model withholds from it — under crash faults those of the (at most `f`) crashed
    /// processes, under send omission those of faulty senders, under Byzantine faults those of
    /// Byzantine senders that send nothing (each at most `f`), under receive and general
    /// omission all `n-1` of a faulty receiver's — plus the `L` messages lossy links may lose,
    /// at most `n-1` in all.
    var mostMissing: Int {
        let n = processes
        let withheld: Int
        switch faults {
        case .crash, .sendOmission, .byzantine: withheld = crashes
        case .receiveOmission, .generalOmission: withheld = n - 1
        }
        return min(n - 1, withheld + losses)
    }
}

extension TransitionTable {
    /// The largest `missing` of an observation in `space` (`min(f, n-1)`).
    var spaceMostMissing: Int { space.observations.map(\.missing).max() ?? 0 }

    /// Whether a process may observe more missing messages than any observation of `space`
    /// holds: possible under receive and general omission with `f < n-1`, and with lossy links.
    /// `nextState` has no entry for such an observation, so the simulator reads it as a gap
    /// (`ProtocolGap`) even in a table without undefined entries, and every checker must look
    /// for gaps first on such a table as on one with undefined entries.
    var observesBeyondSpace: Bool { setting.mostMissing > spaceMostMissing }
}

import ProtocolLanguage

/// Hand-written protocols shared by the tests.
enum Fixtures {
    static let floodset = """
        protocol floodset        # adopt 0 once any 0 is heard; decide the value held at the end
        states 0 1               # local states; a process broadcasts its state every round
        init   0 -> 0, 1 -> 1    # input -> initial state
        decide 0 -> 0, 1 -> 1    # final state -> decision
        next                     # the first rule whose guard holds gives the next state
          heard(0) >= 1 -> 0
          otherwise     -> self
        """

    /// Exercises most of the syntax: header comments, identifier names, continuation lines,
    /// `self` tests on both sides, arithmetic and every connective.
    static let phases = """
        # Three-phase toy protocol.
        #
        #   Used by the parser tests.
        protocol phases
        states idle, vote0, vote1, done
        init 0 -> vote0,
             1 -> vote1
        decide idle -> 0, vote0 -> 0,
               vote1 -> 1, done -> 1
        next
          self == idle -> self
          vote0 == self and heard(vote1) > heard(vote0) + missing -> vote1
          not (self != vote1 or heard(vote0) + 1 <= n - f - 1) -> done
          round >= 3 and (heard(done) >= 1 or missing == 0) -> done
          otherwise -> self
        """

    /// A context with `heard` sized for `states` states.
    static func context(round: Int = 1, state: Int = 0, heard: [Int], missing: Int = 0,
                        processes: Int = 4, crashes: Int = 1) -> GuardContext {
        GuardContext(round: round, state: state, heard: heard, missing: missing, processes: processes, crashes: crashes)
    }
}

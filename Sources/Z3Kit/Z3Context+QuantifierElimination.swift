import CZ3

extension Z3Context {
    /// `term` with its quantifiers eliminated by Z3's `qe` tactic: a quantifier-free formula
    /// over the same free constants (linear integer arithmetic and Booleans).
    ///
    /// Soundness: quantifier elimination is an equivalence for linear integer arithmetic, but a
    /// tactic only promises a goal that is equisatisfiable with its input, so a caller that
    /// needs equivalence must check it (`Spec` export does, with a solver). The result may
    /// still hold a quantifier when the tactic cannot remove it (nonlinear terms,
    /// uninterpreted functions); check `containsQuantifier`.
    ///
    /// - Parameter term: a closed Boolean term of this context.
    /// - Returns: the conjunction of the resulting goal's formulas (the disjunction of those
    ///   conjunctions when the tactic splits the goal).
    /// - Throws: `Z3Error.api` if Z3 fails.
    /// - Complexity: that of the tactic; doubly exponential in the worst case, immediate for a
    ///   spec's few Int quantifiers over equalities.
    public func eliminateQuantifiers(_ term: Z3AST) throws(Z3Error) -> Z3AST {
        guard let tactic = Z3_mk_tactic(pointer, "qe") else { throw failure() }
        Z3_tactic_inc_ref(pointer, tactic)
        defer { Z3_tactic_dec_ref(pointer, tactic) }
        guard let goal = Z3_mk_goal(pointer, false, false, false) else { throw failure() }
        Z3_goal_inc_ref(pointer, goal)
        defer { Z3_goal_dec_ref(pointer, goal) }
        Z3_goal_assert(pointer, goal, term.pointer)
        try checkError()
        guard let result = Z3_tactic_apply(pointer, tactic, goal) else { throw failure() }
        Z3_apply_result_inc_ref(pointer, result)
        defer { Z3_apply_result_dec_ref(pointer, result) }
        var alternatives: [Z3AST] = []
        for index in 0..<Z3_apply_result_get_num_subgoals(pointer, result) {
            guard let subgoal = Z3_apply_result_get_subgoal(pointer, result, index) else { throw failure() }
            Z3_goal_inc_ref(pointer, subgoal)
            defer { Z3_goal_dec_ref(pointer, subgoal) }
            var parts: [Z3AST] = []
            for f in 0..<Z3_goal_size(pointer, subgoal) {
                parts.append(try wrap(Z3_goal_formula(pointer, subgoal, f)))
            }
            alternatives.append(try mkAnd(parts))
        }
        return try simplify(try mkOr(alternatives))
    }
}

import Z3Kit

extension ScheduleConstraints {
    /// A one-hot vector over `count` values whose value premises define (`tie(_:to:when:)`):
    /// a step's new state, a state's message or its `decide` action. Two values are one fresh
    /// variable and its negation, so the solver has one variable to propagate instead of two
    /// and no clauses tying them (the variable is the second value, so that Z3's "false first"
    /// phase means the first value); one value is the constant true; more values are fresh
    /// variables with exactly one of them true.
    ///
    /// Soundness: in every run of every complete table exactly one of a defined vector's
    /// premises holds (an own state is one-hot, observations partition what can arrive — the
    /// adversary makes no arrival outside the observation space — and a symbolic state is
    /// one-hot), so the vector equals that premise's one-hot target: being one-hot excludes
    /// nothing.
    /// Cost: `count` literals, and for three values or more one clause and one at-most-one
    /// constraint.
    func definedVector(_ prefix: String, count: Int) throws(Z3Error) -> [Z3AST] {
        switch count {
        case 1:
            return [trueTerm]
        case 2:
            let variable = try context.mkFreshConst(prefix: "\(prefix)_1", sort: context.boolSort())
            return [try context.mkNot(variable), variable]
        default:
            return try oneHot(prefix, count: count)
        }
    }

    /// Asserts `premise => vector == target` for two one-hot vectors of the same length: the
    /// equivalence of every component but the last, which follows from both being one-hot.
    /// Cost: two clauses per component but the last, plus the premise's definition.
    func tie(_ vector: [Z3AST], to target: [Z3AST], when premise: Z3AST) throws(Z3Error) {
        precondition(vector.count == target.count, "ScheduleConstraints: vectors of different lengths")
        for i in 0..<vector.count - 1 {
            try solver.assert(try context.mkImplies(premise, try context.mkEq(vector[i], target[i])))
        }
    }
}

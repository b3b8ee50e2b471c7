import Z3Kit

/// Assumption literals that fix an outcome: for process `j` and value `v`, a Boolean constant
/// asserted to imply `(= (input pj) v)`, and likewise for `decision`, `correct`, and (for a
/// spec that reads the derived vocabulary) `decision-round` and `lost`.
///
/// Assuming literals (rather than asserting equalities in a push/pop scope) lets the solver
/// keep everything it learned between outcomes. Literals for the setting's own value ranges
/// (inputs `0..<I`, decisions `-1..<D`) are made up front; any other value gets one on first use.
/// Not `Sendable`: it belongs to its evaluator's context.
struct OutcomeAtoms {
    private enum Function: Hashable { case input, decision, decisionRound, lost }
    private struct Key: Hashable {
        var function: Function
        var process: Int
        var value: Int
    }

    private let vocabulary: SpecVocabulary
    private let solver: Z3Solver
    /// `[process][value]` for `value` in `0..<inputs`.
    private var inputs: [[Z3AST]] = []
    /// `[process][decision + 1]` for `decision` in `-1..<decisions`.
    private var decisions: [[Z3AST]] = []
    /// `[process][correct ? 1 : 0]`.
    private var corrects: [[Z3AST]] = []
    /// `[process][round + 1]` for `round` in `-1...rounds`, when `fixesExtras`.
    private var decisionRounds: [[Z3AST]] = []
    /// Whether `decision-round` and `lost` are fixed too (only a spec that reads them needs it).
    private let fixesExtras: Bool
    /// Literals for values outside the setting's ranges, made on first use.
    private var others: [Key: Z3AST] = [:]

    /// Makes and asserts the literals for `setting`'s value ranges on `solver`.
    /// - Complexity: O(n · (inputs + decisions)) solver assertions.
    init(vocabulary: SpecVocabulary, setting: Setting, solver: Z3Solver, fixesExtras: Bool) throws(Z3Error) {
        self.vocabulary = vocabulary
        self.solver = solver
        self.fixesExtras = fixesExtras
        let context = vocabulary.context
        for process in vocabulary.processes.indices {
            var row: [Z3AST] = []
            for value in 0..<setting.inputs { row.append(try makeLiteral(.input, process, value)) }
            inputs.append(row)
            row = []
            for value in -1..<setting.decisions { row.append(try makeLiteral(.decision, process, value)) }
            decisions.append(row)
            let term = try context.apply(vocabulary.correct, [vocabulary.processes[process]])
            let notCorrect = try literal(implying: try context.mkNot(term), name: "crashed")
            let isCorrect = try literal(implying: term, name: "correct")
            corrects.append([notCorrect, isCorrect])
            if fixesExtras {
                row = []
                for round in -1...setting.rounds { row.append(try makeLiteral(.decisionRound, process, round)) }
                decisionRounds.append(row)
            }
        }
    }

    /// The literals that fix `outcome` (3 per process, and `decision-round` and `lost`).
    /// - Complexity: O(n), plus one solver assertion per value outside the setting's ranges.
    mutating func literals(for outcome: Outcome) throws(Z3Error) -> [Z3AST] {
        var result: [Z3AST] = []
        result.reserveCapacity(3 * outcome.processes.count + 1)
        for (process, entry) in outcome.processes.enumerated() {
            if inputs[process].indices.contains(entry.input) {
                result.append(inputs[process][entry.input])
            } else {
                result.append(try other(.input, process, entry.input))
            }
            if decisions[process].indices.contains(entry.decision + 1) {
                result.append(decisions[process][entry.decision + 1])
            } else {
                result.append(try other(.decision, process, entry.decision))
            }
            result.append(corrects[process][entry.correct ? 1 : 0])
            if fixesExtras {
                if decisionRounds[process].indices.contains(entry.decisionRound + 1) {
                    result.append(decisionRounds[process][entry.decisionRound + 1])
                } else {
                    result.append(try other(.decisionRound, process, entry.decisionRound))
                }
            }
        }
        if fixesExtras { result.append(try other(.lost, 0, outcome.lost)) }
        return result
    }

    private mutating func other(_ function: Function, _ process: Int, _ value: Int) throws(Z3Error) -> Z3AST {
        let key = Key(function: function, process: process, value: value)
        if let known = others[key] { return known }
        let made = try makeLiteral(function, process, value)
        others[key] = made
        return made
    }

    private func makeLiteral(_ function: Function, _ process: Int, _ value: Int) throws(Z3Error) -> Z3AST {
        let context = vocabulary.context
        let term: Z3AST
        switch function {
        case .input: term = try context.apply(vocabulary.input, [vocabulary.processes[process]])
        case .decision: term = try context.apply(vocabulary.decision, [vocabulary.processes[process]])
        case .decisionRound: term = try context.apply(vocabulary.decisionRound, [vocabulary.processes[process]])
        case .lost: term = try context.apply(vocabulary.lost, [])
        }
        return try literal(implying: try context.mkEq(term, try context.mkInt(value)), name: "fix")
    }

    /// A fresh Boolean constant `l` with `l => fact` asserted.
    private func literal(implying fact: Z3AST, name: String) throws(Z3Error) -> Z3AST {
        let context = vocabulary.context
        let literal = try context.mkFreshConst(prefix: name, sort: context.boolSort())
        try solver.assert(try context.mkImplies(literal, fact))
        return literal
    }
}

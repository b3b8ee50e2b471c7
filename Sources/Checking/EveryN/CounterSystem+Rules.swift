import ProtocolLanguage
import Z3Kit

/// One group's observation as linear terms: what a process in state `state` with hearing vector
/// `hearing` sees at the end of round `round`.
struct SymbolicObservation {
    var round: Int
    var state: Int
    /// `heard(m)`, per message.
    var heard: [Z3AST]
    var missing: Z3AST
}

extension CounterSystem {
    /// Where the rule list sends a group of round `round`: one Boolean per target state (at most
    /// one holds: the target of the first rule whose guard holds), and when no rule may hold,
    /// the condition that none does (nil when the list always applies, e.g. ends in `otherwise`).
    ///
    /// - Parameters:
    ///   - sending: per message, how many reliable senders of the round send it.
    ///   - ownReliable: whether the receiver is one of them (its own message is not heard).
    /// - Complexity: O(total size of the guards) terms.
    func ruleStep(round: Int, state: Int, hearing h: [Int], sending: [Z3AST], ownReliable: Bool) throws(Z3Error)
        -> (targets: [Z3AST], gap: Z3AST?)
    {
        var heard: [Z3AST] = []
        for m in 0..<M {
            let offset = h[m] - (ownReliable && message(state) == m ? 1 : 0)
            heard.append(offset == 0 ? sending[m] : try context.mkAdd([sending[m], try int(offset)]))
        }
        let others = try context.mkSub(n, try int(1))
        let missing = try context.mkSub(others, try context.mkAdd(heard))
        return try ruleStep(observation: SymbolicObservation(round: round, state: state, heard: heard, missing: missing))
    }

    /// Where the rule list sends a process with this observation (see `ruleStep(round:…)`).
    func ruleStep(observation: SymbolicObservation) throws(Z3Error) -> (targets: [Z3AST], gap: Z3AST?) {
        let state = observation.state
        var targets = [[Z3AST]](repeating: [], count: K)
        var noneYet: [Z3AST] = []
        for rule in proto.rules {
            let holds = try rule.guard.map { g throws(Z3Error) in try condition(g, observation) } ?? trueTerm
            let simplified = try context.simplify(holds)
            if simplified.isSame(as: falseTerm) || context.literalBoolValue(simplified) == false { continue }
            let fires = try context.mkAnd(noneYet + [simplified])
            let target: Int
            switch rule.target {
            case .state(let t): target = t
            case .stay: target = state
            }
            targets[target].append(fires)
            if context.literalBoolValue(simplified) == true {
                return (try targets.map { options throws(Z3Error) in try disjunction(options) }, nil)
            }
            noneYet.append(try context.mkNot(simplified))
        }
        return (try targets.map { options throws(Z3Error) in try disjunction(options) }, try context.mkAnd(noneYet))
    }

    private func disjunction(_ options: [Z3AST]) throws(Z3Error) -> Z3AST {
        if options.isEmpty { return falseTerm }
        return options.count == 1 ? options[0] : try context.mkOr(options)
    }

    /// The guard as a Boolean term over the observation's linear terms.
    /// - Precondition: the guard reads no identity (`id`, `from`).
    func condition(_ g: Guard, _ o: SymbolicObservation) throws(Z3Error) -> Z3AST {
        switch g {
        case .comparison(let lhs, let op, let rhs):
            let a = try term(lhs, o), b = try term(rhs, o)
            switch op {
            case .eq: return try context.mkEq(a, b)
            case .ne: return try context.mkNot(try context.mkEq(a, b))
            case .lt: return try context.mkLt(a, b)
            case .le: return try context.mkLe(a, b)
            case .gt: return try context.mkGt(a, b)
            case .ge: return try context.mkGe(a, b)
            }
        case .and(let a, let b): return try context.mkAnd([try condition(a, o), try condition(b, o)])
        case .or(let a, let b): return try context.mkOr([try condition(a, o), try condition(b, o)])
        case .not(let a): return try context.mkNot(try condition(a, o))
        case .selfIs(let s): return s == o.state ? trueTerm : falseTerm
        case .selfIsNot(let s): return s != o.state ? trueTerm : falseTerm
        case .from: preconditionFailure("CounterSystem: a guard reads from(…) (outside the fragment)")
        }
    }

    /// The term as a linear integer term.
    func term(_ t: Term, _ o: SymbolicObservation) throws(Z3Error) -> Z3AST {
        switch t {
        case .literal(let value): return try int(value)
        case .heard(let m): return o.heard[m]
        case .missing: return o.missing
        case .round: return try int(o.round)
        case .processes: return n
        case .crashes: return try int(F)
        case .id: preconditionFailure("CounterSystem: a guard reads id (outside the fragment)")
        case .add(let a, let b): return try context.mkAdd([try term(a, o), try term(b, o)])
        case .sub(let a, let b): return try context.mkSub(try term(a, o), try term(b, o))
        }
    }
}

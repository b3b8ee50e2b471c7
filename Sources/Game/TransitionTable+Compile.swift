import Diagnostics
import ProtocolLanguage
import SpecLanguage

extension TransitionTable {
    /// Compiles a protocol's rules into a table for `setting`: every `init` input, every
    /// `decide` state, and every `next` information set where some rule applies. Information
    /// sets where no rule applies stay `undefined` (a gap is an error only if it is reached).
    ///
    /// The table has one slot per round when some guard reads `round`, else one slot.
    /// - Throws: `Diagnostic(.badInput)` located in `file` when an input of the setting has no
    ///   `init` entry, an `init` input or a decision is out of the setting's range, a state has
    ///   no decision, or the protocol is too large for the engine at this `n`.
    /// - Complexity: O(slots · K · |observations| · rules).
    public static func compile(_ proto: ProtocolDefinition, for setting: Setting, file: String) throws(Diagnostic) -> TransitionTable {
        let k = proto.states.count
        let firstLocation = proto.initial.first?.location ?? proto.decisions.first?.location
        func error(_ location: SourceLocation?, _ message: String) -> Diagnostic {
            if let location { return Diagnostic(.badInput, at: location, message: message) }
            return Diagnostic(.badInput, file: file, message: message)
        }
        guard (1...Setting.maxStates).contains(k) else {
            throw error(firstLocation, "protocol has \(k) states; expected 1 to \(Setting.maxStates)")
        }
        guard ObservationSpace.fits(processes: setting.processes, stateCount: k) else {
            throw error(firstLocation, "a protocol with \(k) states at n = \(setting.processes) is too large for the engine; expected n^states <= \(ObservationSpace.maxRadixSize)")
        }
        let readsRound = proto.rules.contains { $0.guard?.readsRound ?? false }
        var table = TransitionTable(setting: setting, stateCount: k, roundAware: readsRound, stateNames: proto.states)

        for entry in proto.initial {
            guard entry.input < setting.inputs else {
                throw error(entry.location, "init entry for input \(entry.input), but the spec's inputs are 0..\(setting.inputs - 1); expected inputs in that range")
            }
            table.initial[entry.input] = UInt8(entry.state)
        }
        if let missing = table.initial.firstIndex(of: undefined) {
            throw error(proto.initial.first?.location, "input \(missing) has no init entry; expected `\(missing) -> STATE` in init (the spec's inputs are 0..\(setting.inputs - 1))")
        }
        for entry in proto.decisions {
            guard entry.decision < setting.decisions else {
                throw error(entry.location, "decision \(entry.decision) for state \(proto.states[entry.state]) is outside 0..\(setting.decisions - 1); expected a decision value of the spec")
            }
            table.decision[entry.state] = Int8(entry.decision)
        }
        if let missing = table.decision.firstIndex(of: noDecision) {
            throw error(proto.decisions.first?.location, "state \(proto.states[missing]) has no decision; expected `\(proto.states[missing]) -> DECISION` in decide")
        }

        let n = setting.processes
        var context = GuardContext(round: 1, state: 0, heard: [Int](repeating: 0, count: k), missing: 0,
                                   processes: n, crashes: setting.crashes)
        for slot in 0..<table.slots {
            context.round = slot + 1
            for state in 0..<k {
                context.state = state
                for (o, observation) in table.space.observations.enumerated() {
                    for s in 0..<k { context.heard[s] = observation.heard(s) }
                    context.missing = observation.missing
                    if let target = proto.nextState(in: context) {
                        table.next[(slot * k + state) * table.space.count + o] = UInt8(target)
                    }
                }
            }
        }
        return table
    }
}

extension Guard {
    /// Whether the guard mentions `round` anywhere.
    var readsRound: Bool {
        switch self {
        case .comparison(let a, _, let b): return a.readsRound || b.readsRound
        case .and(let a, let b), .or(let a, let b): return a.readsRound || b.readsRound
        case .not(let g): return g.readsRound
        case .selfIs, .selfIsNot: return false
        }
    }
}

extension Term {
    var readsRound: Bool {
        switch self {
        case .round: return true
        case .add(let a, let b), .sub(let a, let b): return a.readsRound || b.readsRound
        case .literal, .heard, .missing, .processes, .crashes: return false
        }
    }
}

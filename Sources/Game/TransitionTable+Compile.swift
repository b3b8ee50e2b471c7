import Diagnostics
import ProtocolLanguage
import SpecLanguage

extension TransitionTable {
    /// Most `next` entries a protocol that reads senders may compile to (32 Mi): compiling
    /// evaluates the rules once per entry, so the bound keeps `compile` to seconds.
    public static let maxBySenderEntries = 1 << 25

    /// Compiles a protocol's rules into a table for `setting`: every `init` input, the `send`
    /// map and message names (a protocol with an alphabet; without one the messages are the
    /// states), every state's decision, and every `next` information set where some rule
    /// applies, over observations that count messages. Information sets where no rule applies
    /// stay `undefined` (a gap is an error only if it is reached).
    ///
    /// Decisions: without early decision every state needs a `decide` entry. Under
    /// `setting.earlyDecision` the states `decide` leaves out compile to `notDeciding`.
    ///
    /// The table has one slot per round when some guard reads `round`, else one slot; it is by
    /// sender (one row per process index, observations naming senders) when some guard reads
    /// `id` or `from(…)`, which needs `setting.identities`; else counted, so a protocol over
    /// counts runs unchanged under identities (and its checks may merge permutations). The
    /// spec's `:states` and `:messages` (synthesis bounds) are ignored: the protocol's own
    /// states and messages rule.
    /// - Throws: `Diagnostic(.badInput)` located in `file` when an input of the setting has no
    ///   `init` entry, an `init` input or a decision is out of the setting's range, a state has
    ///   no decision and the setting has no early decision (at the `decide` line), or the
    ///   protocol is too large for the engine at this `n`, or a rule reads `id`/`from` in a
    ///   setting without identities (at that rule).
    /// - Precondition: `proto` is valid (`ProtocolDefinition`'s contract), as `parse` returns.
    /// - Complexity: O(slots · K · |observations| · rules), observations over the `M` messages.
    public static func compile(_ proto: ProtocolDefinition, for setting: Setting, file: String) throws(Diagnostic) -> TransitionTable {
        let k = proto.states.count
        let m = proto.messageLabels.count
        let firstLocation = proto.initial.first?.location ?? proto.decisions.first?.location
        func error(_ location: SourceLocation?, _ message: String) -> Diagnostic {
            if let location { return Diagnostic(.badInput, at: location, message: message) }
            return Diagnostic(.badInput, file: file, message: message)
        }
        guard (1...Setting.maxStates).contains(k) else {
            throw error(firstLocation, "protocol has \(k) states; expected 1 to \(Setting.maxStates)")
        }
        guard (1...ProtocolDefinition.maxMessages).contains(m) else {
            throw error(firstLocation, "protocol has \(m) messages; expected 1 to \(ProtocolDefinition.maxMessages)")
        }
        guard ObservationSpace.fits(processes: setting.processes, stateCount: m) else {
            let what = proto.hasAlphabet ? "\(m) messages" : "\(k) states"
            let bound = proto.hasAlphabet ? "n^messages" : "n^states"
            throw error(firstLocation, "a protocol with \(what) at n = \(setting.processes) is too large for the engine; expected \(bound) <= \(ObservationSpace.maxRadixSize)")
        }
        let readsRound = proto.rules.contains { $0.guard?.readsRound ?? false }
        let identityRule = proto.rules.first { $0.guard?.readsIdentity ?? false }
        if let identityRule, !setting.identities {
            throw error(identityRule.location, "this rule reads `id` or `from(…)`, but the spec's processes are anonymous; expected `(set-info :identities true)` in the spec, or rules over counts only")
        }
        let bySender = identityRule != nil
        guard !bySender || ObservationSpace.fits(processes: setting.processes, stateCount: m, kind: .bySender) else {
            throw error(identityRule?.location, "a protocol that reads senders with \(m) messages at n = \(setting.processes) is too large for the engine; expected (messages + 1)^(n - 1) <= \(ObservationSpace.maxRadixSize) and n <= \(SenderObservation.maxProcesses); check a smaller n with --processes")
        }
        if bySender {
            let slots = readsRound ? setting.rounds : 1
            let entries = slots * setting.processes * k * ObservationSpace.bySenderCount(processes: setting.processes, maxMissing: setting.maxMissing, stateCount: m)
            guard entries <= maxBySenderEntries else {
                throw error(identityRule?.location, "a protocol that reads senders has \(entries.formatted()) table entries at n = \(setting.processes) (rounds × processes × states × observations); expected at most \(maxBySenderEntries.formatted()) — check a smaller n with --processes")
            }
        }
        var table = TransitionTable(setting: setting, stateCount: k, roundAware: readsRound, stateNames: proto.states,
                                    messageCount: proto.hasAlphabet ? m : nil, messageNames: proto.messages,
                                    bySender: bySender)

        for entry in proto.initial {
            guard entry.input < setting.inputs else {
                throw error(entry.location, "init entry for input \(entry.input), but the spec's inputs are 0..\(setting.inputs - 1); expected inputs in that range")
            }
            table.initial[entry.input] = UInt8(entry.state)
        }
        if let missing = table.initial.firstIndex(of: undefined) {
            throw error(proto.initial.first?.location, "input \(missing) has no init entry; expected `\(missing) -> STATE` in init (the spec's inputs are 0..\(setting.inputs - 1))")
        }
        for entry in proto.sends { table.send[entry.state] = UInt8(entry.message) }
        if let missing = table.send.firstIndex(of: undefined) {
            throw error(proto.sends.first?.location, "state \(proto.states[missing]) has no send entry; expected `\(proto.states[missing]) -> MESSAGE` in send")
        }
        for entry in proto.decisions {
            guard entry.decision < setting.decisions else {
                throw error(entry.location, "decision \(entry.decision) for state \(proto.states[entry.state]) is outside 0..\(setting.decisions - 1); expected a decision value of the spec")
            }
            table.decision[entry.state] = Int8(entry.decision)
        }
        if let missing = table.decision.firstIndex(of: noDecision) {
            if setting.earlyDecision {
                for s in table.decision.indices where table.decision[s] == noDecision { table.decision[s] = notDeciding }
            } else {
                let name = proto.states[missing]
                throw error(proto.decideLocation ?? proto.decisions.first?.location,
                            "state \(name) has no decision; expected `\(name) -> DECISION` in decide, or `(set-info :early-decision true)` in the spec to let a state not decide")
            }
        }

        let n = setting.processes
        var context = GuardContext(round: 1, state: 0, heard: [Int](repeating: 0, count: m), missing: 0,
                                   processes: n, crashes: setting.crashes)
        var senders = [Int?](repeating: nil, count: n)
        for slot in 0..<table.slots {
            context.round = slot + 1
            for id in 0..<table.ids {
                context.id = id
                for state in 0..<k {
                    context.state = state
                    for o in 0..<table.space.count {
                        if bySender {
                            senders[id] = table.message(of: state)
                            context.missing = table.space.decodeSenders(at: o, id: id, from: &senders, heard: &context.heard)
                            context.from = senders
                        } else {
                            let observation = table.space.observation(at: o, id: id)
                            for message in 0..<m { context.heard[message] = observation.heard(message) }
                            context.missing = observation.missing
                        }
                        if let target = proto.nextState(in: context) {
                            table.next[table.entryIndex(round: slot + 1, id: id, state: state, observation: o)] = UInt8(target)
                        }
                    }
                }
            }
        }
        return table
    }
}

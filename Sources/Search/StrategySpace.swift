import Foundation
import Game
import SpecLanguage

/// The table the search fills (docs/search.md): `init` entries (one per input), `send` entries
/// (one per state, only under `:messages M`), `decide` entries (one per state; under early
/// decision with one more action, "does not decide") and one `next` entry per information set
/// of the setting — round included when the spec is round-aware. Entries are numbered
/// `0..<count`: inits, then sends, then decides, then nexts in `TransitionTable.next` order.
///
/// Identities (`setting.identities`): the table is by sender (`TransitionTable(…, bySender:
/// true)`), so a `next` entry's information set includes the process's index `id`, and its
/// observation names each sender's message (or none): `n` rows of `next` per round slot and
/// state. A counted protocol is one of these tables (the same target in every row and for every
/// sender order), so the search loses nothing by always searching by sender there. The
/// symmetry breaking below renames states and messages only, never processes, so it holds by
/// sender as it does counted: an unused state or message is sent by no correct process, so
/// a reachable observation names it from no sender (Byzantine senders aside, as below).
///
/// Messages are interchangeable too: under `:messages M` a `send` entry may choose a message no
/// assigned `send` uses only if it is the lowest such one (every reachable observation hears
/// an unused message zero times, so renaming two unused messages maps a partial table's
/// completions onto each other; not under Byzantine faults, where unused messages are heard).
///
/// State names are interchangeable, so `legalActions` breaks that symmetry: a state that no
/// assigned entry uses yet may be chosen only if it is the lowest-numbered such state. This is
/// sound: every entry the search assigns is reachable, so an unused state `u` appears in no
/// assigned entry (no process is ever in `u`, so every reachable observation has `heard(u) = 0`),
/// and swapping two unused states maps the partial table to itself and its completions onto
/// each other without changing any decision (the correct tables are closed under renaming).
///
/// Under Byzantine faults an unused state can still be *heard*: a Byzantine process may send
/// any message of the alphabet, so a reachable entry's observation may count a state no process
/// is in. There a state is offered as new only if no assigned entry, and not the entry being
/// assigned, mentions it at all (as a target, an own state, or a state heard): swapping two
/// such states fixes every one of those entries, and renames the Byzantine messages of every
/// execution along with the states, so the argument above holds again.
///
/// Inside a cube (`Cube`, `init(setting:cube:)`) the cube's entries are fixed before the search
/// starts (`fixed(_:)`: they count as assigned everywhere). Every state and message a fixed
/// entry mentions at all (its target or message, its own state, and what its observation
/// hears) is *pinned*: never offered as new. Then swapping two unpinned unused states (or
/// messages) fixes every fixed entry — its name and its action — so it maps the cube onto
/// itself and the argument above holds inside the cube, whatever entries it fixes. For the
/// cubes `CubeSplitter` makes (paths of this very tree) nothing more is pinned than the tree
/// would use anyway, so the search inside a cube is the search below that node of the tree.
public struct StrategySpace: Sendable {
    public let setting: Setting
    public let stateCount: Int
    /// An all-unset table of the right shape.
    public let emptyTable: TransitionTable
    /// `entries[i]`, in the numbering above.
    public let entries: [TableEntry]

    /// Number of `send` entries: `K` under `:messages M`, else 0.
    public let sendCount: Int

    /// `fixedActions[i]`: the cube's action for entry `i`, or -1 (no cube: all -1).
    private let fixedActions: [Int16]
    /// States and messages the cube's fixed entries mention (see the type's discussion).
    public let pins: (states: [Bool], messages: [Bool])

    /// The space of `setting`'s tables, restricted to `cube`'s (nil: the whole space).
    /// - Precondition: `cube` fits (`Cube.problem(in:)` of the whole space is nil).
    public init(setting: Setting, cube: Cube? = nil) {
        self.setting = setting
        stateCount = setting.states
        emptyTable = TransitionTable(setting: setting, stateCount: setting.states, roundAware: setting.roundAware,
                                     messageCount: setting.messages, bySender: setting.identities)
        sendCount = setting.messages == nil ? 0 : setting.states
        entries = (0..<setting.inputs).map { TableEntry.initial(input: $0) }
            + (0..<sendCount).map { TableEntry.send(state: $0) }
            + (0..<setting.states).map { TableEntry.decision(state: $0) }
            + emptyTable.next.indices.map { TableEntry.next($0) }
        var fixedActions = [Int16](repeating: -1, count: entries.count)
        var states = [Bool](repeating: false, count: setting.states)
        var messages = [Bool](repeating: false, count: emptyTable.messageCount)
        let table = emptyTable
        let stateCount = setting.states
        let sends = sendCount
        func index(_ entry: TableEntry) -> Int {
            switch entry {
            case .initial(let v): return v
            case .send(let s): return setting.inputs + s
            case .decision(let s): return setting.inputs + sends + s
            case .next(let e): return setting.inputs + sends + stateCount + e
            }
        }
        for f in cube?.fixed ?? [] {
            guard let entry = f.entry else { preconditionFailure("StrategySpace: a cube entry of unknown kind '\(f.kind)'") }
            fixedActions[index(entry)] = Int16(f.action)
            switch entry {
            case .initial: states[f.action] = true
            case .decision(let s): states[s] = true
            case .send(let s): states[s] = true; messages[f.action] = true
            case .next(let e):
                states[f.action] = true
                let info = table.informationSet(ofEntry: e)
                states[info.state] = true
                for x in 0..<(table.hasAlphabet ? table.messageCount : stateCount) where info.observation.heard(x) > 0 {
                    if table.hasAlphabet { messages[x] = true } else { states[x] = true }
                }
            }
        }
        self.fixedActions = fixedActions
        pins = (states, messages)
    }

    /// The cube's action of entry `i`, or -1 when the cube leaves it free.
    public func fixed(_ i: Int) -> Int16 { fixedActions[i] }

    /// The assignment a search starts from: the cube's fixed entries, every other entry -1.
    public var fixedAssignment: [Int16] { fixedActions }

    /// Whether unused messages are interchangeable (`send` entries choose the lowest new one):
    /// with an alphabet, outside Byzantine faults.
    public var renamesMessages: Bool { sendCount > 0 && setting.faults != .byzantine }

    public var count: Int { entries.count }

    /// Index of an entry in `entries`. - Complexity: O(1).
    public func index(of entry: TableEntry) -> Int {
        switch entry {
        case .initial(let v): return v
        case .send(let s): return setting.inputs + s
        case .decision(let s): return setting.inputs + sendCount + s
        case .next(let e): return setting.inputs + sendCount + stateCount + e
        }
    }

    /// Number of actions of entry `i`.
    public func actionCount(_ i: Int) -> Int { emptyTable.actionCount(of: entries[i]) }

    /// log10 of the number of complete tables (no symmetry breaking).
    public var log10Tables: Double {
        Double(setting.inputs + emptyTable.next.count) * log10(Double(stateCount))
            + Double(stateCount) * log10(Double(emptyTable.actionCount(of: .decision(state: 0))))
            + Double(sendCount) * log10(Double(emptyTable.messageCount))
    }

    /// Legal actions of entry `i` given the assignment (`assigned[j]` = action or -1), with the
    /// state-renaming symmetry broken (see the type's discussion).
    /// - Complexity: O(assigned entries), times `K` under Byzantine faults.
    public func legalActions(_ i: Int, assigned: [Int16]) -> [Int] {
        switch entries[i] {
        case .decision: return Array(0..<actionCount(i))
        case .send: return legalMessages(assigned: assigned)
        case .initial, .next: break
        }
        var used = pins.states
        for j in 0..<count where assigned[j] >= 0 {
            switch entries[j] {
            case .decision: continue
            case .send(let state): used[state] = true
            case .initial, .next: used[Int(assigned[j])] = true
            }
        }
        if setting.faults == .byzantine {
            for j in 0..<count where j == i || assigned[j] >= 0 { markMentioned(entries[j], &used) }
        }
        var actions: [Int] = []
        var offeredNew = false
        for s in 0..<stateCount {
            if used[s] { actions.append(s) } else if !offeredNew { actions.append(s); offeredNew = true }
        }
        return actions
    }

    /// The messages a `send` entry may choose: those some assigned `send` uses, and the lowest
    /// unused one (every message under Byzantine faults, where an unused message is heard).
    private func legalMessages(assigned: [Int16]) -> [Int] {
        let m = emptyTable.messageCount
        if setting.faults == .byzantine { return Array(0..<m) }
        var used = pins.messages
        for j in 0..<count where assigned[j] >= 0 {
            if case .send = entries[j] { used[Int(assigned[j])] = true }
        }
        var actions: [Int] = []
        var offeredNew = false
        for message in 0..<m {
            if used[message] { actions.append(message) } else if !offeredNew { actions.append(message); offeredNew = true }
        }
        return actions
    }

    /// Marks the states `entry`'s information set mentions: its own state, and every state its
    /// observation hears when messages are states (a `decide` or `send` entry: its state;
    /// `init`: none).
    private func markMentioned(_ entry: TableEntry, _ used: inout [Bool]) {
        switch entry {
        case .initial: return
        case .decision(let s), .send(let s): used[s] = true
        case .next(let e):
            let info = emptyTable.informationSet(ofEntry: e)
            used[info.state] = true
            guard !emptyTable.hasAlphabet else { return }
            for s in 0..<stateCount where info.observation.heard(s) > 0 { used[s] = true }
        }
    }

    /// The table with `assigned` filled in (others unset).
    public func table(_ assigned: [Int16]) -> TransitionTable {
        var t = emptyTable
        for j in 0..<count where assigned[j] >= 0 { t.set(entries[j], to: Int(assigned[j])) }
        return t
    }
}

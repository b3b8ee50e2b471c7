import Diagnostics
import Game

/// Reads one execution — the adversary's choices — from the JSON a counterexample prints
/// (`ggms verify --json`'s `counterexample`, or the whole `verify --json` record, whose
/// `counterexample` is then read, or `ggms simulate --json`'s record, whose `execution` is read;
/// a Promela trail replay prints the same), for
/// `ggms simulate --schedule`.
///
/// Read: `inputs` (an object `{"p0": 0, …}` naming every process, or an array of inputs in
/// process order); `faulty` (process names, under a model that chooses a faulty set; absent or
/// empty under crash faults); `rounds`, one object per round in order, with `crashes`
/// (`[{"process": "p1", "receivers": ["p2"]}]`), `drops` and `losses` (`[{"from": "p0", "to":
/// "p1"}]`) and `forged` (`[{"from", "to", "message": NAME}]`, a message name of the protocol),
/// each optional. Every other member (`round`, `steps`, `state`, `decisions`, …) is ignored, so
/// a whole counterexample is a schedule. Lists may come in any order; they are sorted.
///
/// - Throws: `Diagnostic(.badInput)` located at the offending value (a JSON error, a missing
///   member, a wrong type, an unknown process or message name), or at `rounds` when the
///   execution is not one the setting's adversary can choose (`Simulator.validate`'s reason).
public enum ScheduleFile {
    /// - Parameters:
    ///   - messageNames: the protocol's message names (`ProtocolDefinition.messageLabels`), for
    ///     `forged`.
    /// - Complexity: O(text length + R · n² log n).
    public static func read(_ text: String, file: String, setting: Setting, messageNames: [String]) throws(Diagnostic) -> Execution {
        var root = try JSONValue.parse(text, file: file)
        if root["rounds"] == nil, let inner = root["counterexample"] ?? root["execution"] { root = inner }
        guard case .object = root.kind else {
            throw Diagnostic(.badInput, at: root.location, message: "\(root.summary); expected an object with inputs and rounds (a counterexample of ggms verify --json)")
        }
        let reader = Reader(processes: setting.processes, messageNames: messageNames)
        let inputs = try reader.inputs(try reader.member(root, "inputs"))
        let faulty = try root["faulty"].map { v throws(Diagnostic) in try reader.list(v, "process names") { x throws(Diagnostic) in try reader.process(x) } } ?? []
        let roundsValue = try reader.member(root, "rounds")
        let rounds = try reader.list(roundsValue, "round objects") { v throws(Diagnostic) in try reader.round(v) }
        let execution = Execution(inputs: inputs, faulty: faulty.sorted(), rounds: rounds)
        do {
            try Simulator.validate(execution, for: setting, messageCount: messageNames.count)
        } catch {
            throw Diagnostic(.badInput, at: roundsValue.location,
                             message: "the schedule is not one the adversary can choose here (\(describe(error, setting: setting))); expected \(setting.rounds) rounds of \(setting.faults.name) choices for n = \(setting.processes), F = \(setting.crashes)")
        }
        return execution
    }

    static func describe(_ error: Simulator.ScheduleError, setting: Setting) -> String {
        switch error {
        case .wrongInputs: return "an input outside 0..\(setting.inputs - 1), or not one per process"
        case .wrongRoundCount: return "it does not have \(setting.rounds) rounds"
        case .tooManyCrashes: return "more than \(setting.crashes) faulty processes"
        case .crashOfDeadProcess(let round, let p): return "round \(round): p\(p) crashes but is not running"
        case .receiverNotSurvivor(let round, let p): return "round \(round): p\(p) receives a crasher's message but does not survive the round"
        case .faultySet(let why): return why
        case .roundChoice(let round, let why): return "round \(round): \(why)"
        }
    }

    private struct Reader {
        let processes: Int
        let messageNames: [String]

        func member(_ object: JSONValue, _ key: String) throws(Diagnostic) -> JSONValue {
            guard let value = object[key] else {
                throw Diagnostic(.badInput, at: object.location, message: "no \"\(key)\" member; expected one in this object")
            }
            return value
        }

        func list<T>(_ value: JSONValue, _ what: String, _ item: (JSONValue) throws(Diagnostic) -> T) throws(Diagnostic) -> [T] {
            guard case .array(let items) = value.kind else {
                throw Diagnostic(.badInput, at: value.location, message: "\(value.summary); expected an array of \(what)")
            }
            var result: [T] = []
            for x in items { result.append(try item(x)) }
            return result
        }

        func integer(_ value: JSONValue, _ what: String) throws(Diagnostic) -> Int {
            guard case .integer(let i) = value.kind else {
                throw Diagnostic(.badInput, at: value.location, message: "\(value.summary); expected \(what)")
            }
            return i
        }

        /// `"pK"` (or the number K) with K < n.
        func process(_ value: JSONValue) throws(Diagnostic) -> Int {
            var index: Int?
            switch value.kind {
            case .string(let s) where s.hasPrefix("p"): index = Int(s.dropFirst())
            case .integer(let i): index = i
            default: break
            }
            guard let index, (0..<processes).contains(index) else {
                throw Diagnostic(.badInput, at: value.location, message: "\(value.summary) is not a process; expected one of \"p0\" … \"p\(processes - 1)\"")
            }
            return index
        }

        func inputs(_ value: JSONValue) throws(Diagnostic) -> [Int] {
            switch value.kind {
            case .array(let items):
                guard items.count == processes else {
                    throw Diagnostic(.badInput, at: value.location, message: "\(items.count) inputs; expected one per process (\(processes))")
                }
                var result: [Int] = []
                for x in items { result.append(try integer(x, "an input value")) }
                return result
            case .object(let members):
                var result = [Int?](repeating: nil, count: processes)
                for (key, x) in members {
                    let p = try process(JSONValue(kind: .string(key), location: x.location))
                    result[p] = try integer(x, "an input value")
                }
                if let missing = result.firstIndex(where: { $0 == nil }) {
                    throw Diagnostic(.badInput, at: value.location, message: "no input for p\(missing); expected one per process")
                }
                return result.map { $0! }
            default:
                throw Diagnostic(.badInput, at: value.location, message: "\(value.summary); expected the inputs as {\"p0\": 0, …} or [0, …]")
            }
        }

        func link(_ value: JSONValue) throws(Diagnostic) -> Link {
            Link(try process(try member(value, "from")), try process(try member(value, "to")))
        }

        func message(_ value: JSONValue) throws(Diagnostic) -> Int {
            if case .string(let name) = value.kind, let index = messageNames.firstIndex(of: name) { return index }
            throw Diagnostic(.badInput, at: value.location, message: "\(value.summary) is not a message of the protocol; expected one of \(messageNames.map { "\"\($0)\"" }.joined(separator: ", "))")
        }

        func round(_ value: JSONValue) throws(Diagnostic) -> RoundSchedule {
            guard case .object = value.kind else {
                throw Diagnostic(.badInput, at: value.location, message: "\(value.summary); expected a round object")
            }
            var schedule = RoundSchedule()
            if let crashes = value["crashes"] {
                schedule.crashes = try list(crashes, "crash objects") { c throws(Diagnostic) in
                    Crash(process: try process(try member(c, "process")),
                          receivers: try list(try member(c, "receivers"), "process names") { x throws(Diagnostic) in try process(x) }.sorted())
                }.sorted { $0.process < $1.process }
            }
            if let drops = value["drops"] { schedule.drops = try list(drops, "links") { x throws(Diagnostic) in try link(x) }.sorted() }
            if let losses = value["losses"] { schedule.losses = try list(losses, "links") { x throws(Diagnostic) in try link(x) }.sorted() }
            if let forged = value["forged"] {
                schedule.forged = try list(forged, "Byzantine messages") { x throws(Diagnostic) in
                    let l = try link(x)
                    return Forgery(sender: l.sender, receiver: l.receiver, message: try message(try member(x, "message")))
                }.sorted()
            }
            return schedule
        }
    }
}

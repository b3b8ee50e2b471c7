import Game
import GameCore
import SpecLanguage

/// A schedule (what the adversary chose, no protocol) as text: the inputs, then one row per
/// round and process the adversary did something to, as the fault model words it.
enum ScheduleText {
    static func render(_ schedule: Execution, setting: Setting, index: Int) -> String {
        let p = { (q: Int) in "p\(q)" }
        let inputs = schedule.inputs.enumerated().map { "\(p($0.offset))=\($0.element)" }.joined(separator: " ")
        let faulty = schedule.faulty.isEmpty ? "" : "; faulty \(schedule.faulty.map(p).joined(separator: " "))"
        var table = TextTable(["round", "process", "event"])
        for (r, round) in schedule.rounds.enumerated() {
            for q in schedule.inputs.indices {
                var parts: [String] = []
                if let text = setting.faultModel.event(of: q, in: round, name: p, message: { "\($0)" }) { parts.append(text) }
                if setting.faults == .byzantine, schedule.faulty.contains(q) {
                    // What it sent each other process: a message of its choice, or nothing.
                    let sent = schedule.inputs.indices.filter { $0 != q }.map { r in
                        round.forged.first { $0.sender == q && $0.receiver == r }.map { "\($0.message) to \(p(r))" } ?? "nothing to \(p(r))"
                    }
                    parts.append("Byzantine: sends " + sent.joined(separator: ", "))
                }
                let lostTo = round.losses.filter { $0.sender == q }.map { p($0.receiver) }
                if !lostTo.isEmpty { parts.append("its messages to \(lostTo.joined(separator: " ")) are lost") }
                if !parts.isEmpty { table.add(["\(r + 1)", p(q), parts.joined(separator: "; ")]) }
            }
        }
        let head = "execution \(index): inputs \(inputs)\(faulty)"
        return table.rows.isEmpty ? head + " (the adversary does nothing)" : head + "\n" + table.render(indent: "  ")
    }
}

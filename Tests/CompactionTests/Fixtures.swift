import Foundation
import Game
import ProtocolLanguage
import SpecLanguage

/// Protocol files and tables shared by the compaction tests.
enum Fixtures {
    static let protocols = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Protocols")

    /// `Protocols/NAME.protocol`, parsed.
    static func definition(_ name: String) throws -> ProtocolDefinition {
        let url = protocols.appendingPathComponent("\(name).protocol")
        return try ProtocolDefinition.parse(try String(contentsOf: url, encoding: .utf8), file: url.lastPathComponent)
    }

    /// `Protocols/NAME.protocol` compiled for a binary setting.
    static func table(_ name: String, n: Int, f: Int, rounds: Int) throws -> TransitionTable {
        try TransitionTable.compile(try definition(name), for: Setting(processes: n, crashes: f, rounds: rounds),
                                    file: "\(name).protocol")
    }

    /// Whether `proto`, compiled with `TransitionTable.compile` (independently of
    /// `RuleCompaction.equivalent`), has `table`'s `init`, `decide` (early decision's
    /// non-deciding states included), alphabet and `send`, and gives `table`'s target on every
    /// defined reachable entry, in every round the entry stands for (for a table by sender, at
    /// the entry's process index and senders).
    static func compiledAgrees(_ proto: ProtocolDefinition, with table: TransitionTable, on reachable: [Int]) throws -> Bool {
        let compiled = try TransitionTable.compile(proto, for: table.setting, file: "compacted")
        guard compiled.initial == table.initial, compiled.decision == table.decision,
              compiled.messageCount == table.messageCount, compiled.messageNames == table.messageNames,
              compiled.send == table.send else { return false }
        for entry in reachable where table.next[entry] != TransitionTable.undefined {
            let info = table.informationSet(ofEntry: entry)
            for round in info.round.map({ [$0] }) ?? Array(1...table.setting.rounds) {
                let got = compiled.nextState(round: round, id: info.id ?? 0, state: info.state, observation: info.observation)
                if got != Int(table.next[entry]) { return false }
            }
        }
        return true
    }
}

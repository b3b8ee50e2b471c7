import Foundation
import Testing

/// `ggms verify` and `ggms show` under the fault models beyond crash and with lossy links
/// (docs/semantics.md): a counterexample names the faulty set, the dropped, lost and Byzantine
/// messages, in the text table and in the JSON. Brute force only: it runs every model.
@Suite(.timeLimit(.minutes(5))) struct FaultModelOutputTests {
    static let fixtures = "Tests/CLITests/Fixtures/"
    static let floodset = "Protocols/floodset.protocol"

    func verify(_ spec: String, _ proto: String = floodset, json: Bool = false) throws -> GGMSRunner.Output {
        try GGMSRunner.run(["verify", "--checker", "brute"] + (json ? ["--json"] : []) + [Self.fixtures + spec, proto])
    }

    func jsonObject(_ output: GGMSRunner.Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], "\(output.stdout)")
    }

    /// The counterexample's `rounds[0]`, its decisions by process, and the counterexample.
    func counterexample(_ object: [String: Any]) throws -> (cex: [String: Any], round: [String: Any], decisions: [String: [String: Any]]) {
        let cex = try #require(object["counterexample"] as? [String: Any])
        let rounds = try #require(cex["rounds"] as? [[String: Any]])
        let decisions = try #require(cex["decisions"] as? [[String: Any]])
        var byProcess: [String: [String: Any]] = [:]
        for d in decisions { byProcess[try #require(d["process"] as? String)] = d }
        return (cex, try #require(rounds.first), byProcess)
    }

    /// `[{"from": …, "to": …}]` as `["p0->p1"]`.
    func links(_ value: Any?) -> [String]? {
        (value as? [[String: Any]])?.map { "\($0["from"] as? String ?? "?")->\($0["to"] as? String ?? "?")" }
    }

    @Test func sendOmissionNamesTheFaultySetAndTheDroppedMessage() throws {
        let text = try verify("consensus3-send-omission.smt2")
        #expect(text.exitCode == 1, "\(text.stderr)")
        #expect(text.stdout.contains("send-omission faults"))
        #expect(text.stdout.contains("faulty: p0 (send-omission, chosen before round 1)"), "\(text.stdout)")
        #expect(text.stdout.contains("its messages to p1 are dropped"))
        // Under send omission the drop is the sender's fault: shown on its row only.
        #expect(!text.stdout.contains("the messages from p0 to it are dropped"))
        #expect(text.stdout.contains("faulty; decides 0"), "a faulty process under omission decides")
        #expect(!text.stdout.contains("crashed"))

        let object = try jsonObject(try verify("consensus3-send-omission.smt2", json: true))
        #expect((object["setting"] as? [String: Any])?["faults"] as? String == "send-omission")
        #expect((object["setting"] as? [String: Any])?["losses"] as? Int == 0)
        let (cex, round, decisions) = try counterexample(object)
        #expect(cex["faulty"] as? [String] == ["p0"])
        #expect(cex["lost"] == nil, "no lossy links, no lost count")
        #expect(links(round["drops"]) == ["p0->p1"])
        #expect(round["crashes"] == nil && round["forged"] == nil && round["losses"] == nil)
        #expect(decisions["p0"]?["correct"] as? Bool == false)
        #expect(decisions["p0"]?["decision"] as? Int == 0)
        #expect(decisions["p0"]?["finalState"] as? String == "0")
        #expect(decisions["p1"]?["decision"] as? Int == 1)
    }

    @Test func byzantineNamesWhatTheByzantineProcessSent() throws {
        let named = Self.fixtures + "floodset-named.protocol"
        let text = try verify("consensus3-byzantine.smt2", named)
        #expect(text.exitCode == 1, "\(text.stderr)")
        #expect(text.stdout.contains("faulty: p0 (Byzantine, chosen before round 1)"), "\(text.stdout)")
        #expect(text.stdout.contains("Byzantine: sends one to p1, zero to p2"), "\(text.stdout)")
        #expect(text.stdout.contains("input 0 (Byzantine: no state)"))
        #expect(text.stdout.contains("Byzantine; never decides"))

        let object = try jsonObject(try verify("consensus3-byzantine.smt2", named, json: true))
        let (cex, round, decisions) = try counterexample(object)
        #expect(cex["faulty"] as? [String] == ["p0"])
        let forged = try #require(round["forged"] as? [[String: Any]])
        #expect(forged.map { "\($0["from"]!)->\($0["to"]!):\($0["message"]!)" } == ["p0->p1:one", "p0->p2:zero"])
        #expect(round["drops"] == nil && round["crashes"] == nil)
        #expect((cex["initialStates"] as? [String: String])?["p0"] == nil, "a Byzantine process has no state")
        #expect(decisions["p0"]?["correct"] as? Bool == false)
        #expect(decisions["p0"]?["decision"] == nil && decisions["p0"]?["finalState"] == nil)
        #expect(decisions["p1"]?["decision"] as? Int == 1 && decisions["p2"]?["decision"] as? Int == 0)
    }

    @Test func lossesNameTheLostMessageAndTheTotal() throws {
        let text = try verify("consensus3-losses.smt2")
        #expect(text.exitCode == 1, "\(text.stderr)")
        #expect(text.stdout.contains("up to 1 message lost per round"))
        #expect(text.stdout.contains("its messages to p1 are lost"), "\(text.stdout)")
        #expect(text.stdout.contains("the messages from p0 to it are lost"))
        #expect(text.stdout.contains("lost: 1 message in all"))
        #expect(!text.stdout.contains("faulty:"), "crash faults choose no faulty set first")

        let object = try jsonObject(try verify("consensus3-losses.smt2", json: true))
        #expect((object["setting"] as? [String: Any])?["losses"] as? Int == 1)
        #expect((object["setting"] as? [String: Any])?["faults"] as? String == "crash")
        let (cex, round, _) = try counterexample(object)
        #expect(cex["lost"] as? Int == 1)
        #expect(cex["faulty"] == nil)
        #expect(links(round["losses"]) == ["p0->p1"])
        #expect((round["crashes"] as? [Any])?.isEmpty == true, "crash faults keep their crashes list")
    }

    @Test func generalOmissionWithLossesShowsDropsAndLossesApart() throws {
        let object = try jsonObject(try verify("consensus3-general-omission.smt2", json: true))
        let (cex, round, _) = try counterexample(object)
        let drops = try #require(links(round["drops"]))
        let losses = try #require(links(round["losses"]))
        #expect(!drops.isEmpty && !losses.isEmpty)
        #expect(Set(drops).isDisjoint(with: losses), "a message is dropped or lost, never both")
        #expect(cex["lost"] as? Int == losses.count)
    }

    @Test func receiveOmissionVerifiesFloodSetInOneRound() throws {
        // Correct processes hear every process (only faulty receivers miss messages), so one
        // round suffices; a faulty receiver may miss both messages (missing 2 > F).
        let output = try verify("consensus3-receive-omission.smt2")
        #expect(output.exitCode == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("covered   104 of 104 raw executions"))
    }

    @Test(arguments: [("send-omission", "104", "send-omission: at most 1 faulty process, chosen before round 1"),
                      ("receive-omission", "104", "any of the messages sent to them may be dropped"),
                      ("general-omission", "1,976", "up to 1 message lost per round on any links"),
                      ("byzantine", "224", "byzantine: at most 1 faulty process"),
                      ("losses", "56", "crash: at most 0 faulty processes")])
    func showSummarizesEachModel(_ model: String, _ count: String, _ summary: String) throws {
        let output = try GGMSRunner.run(["show", Self.fixtures + "consensus3-\(model).smt2"])
        #expect(output.exitCode == 0, "\(output.stderr)")
        #expect(output.stdout.contains("faults      "), "\(output.stdout)")
        #expect(output.stdout.contains(summary), "\(output.stdout)")
        #expect(output.stdout.contains("executions  \(count) raw executions"), "\(output.stdout)")
    }
}

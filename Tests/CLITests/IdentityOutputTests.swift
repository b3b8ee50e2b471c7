import Foundation
import Testing

/// `ggms verify` under `:identities`: a counterexample's steps show who sent what — the text
/// table a `received` column (`from(0)=A from(2)=none`), the JSON a `from` object per step
/// (per other process its message, null for nothing) — and the setting says `identities`.
/// Without identities neither appears (the golden files hold those outputs).
@Suite(.timeLimit(.minutes(5))) struct IdentityOutputTests {
    static let spec = "Tests/CLITests/Fixtures/consensus3-identities.smt2"

    @Test func textShowsWhoSentWhat() throws {
        let output = try GGMSRunner.run(["verify", Self.spec, "Protocols/floodset.protocol"])
        #expect(output.exitCode == 1, "\(output.stderr)")
        #expect(output.stdout.contains("(n=3 f=1 R=1, identities, inputs 0..1"), "\(output.stdout)")
        #expect(output.stdout.contains("missing  received"), "\(output.stdout)")
        #expect(output.stdout.contains("from(0)=none") || output.stdout.contains("from(1)=none")
                || output.stdout.contains("from(2)=none"), "\(output.stdout)")
    }

    @Test func jsonHasSendersPerStep() throws {
        let output = try GGMSRunner.run(["verify", "--json", Self.spec, "Protocols/floodset.protocol"])
        #expect(output.exitCode == 1, "\(output.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect((object["setting"] as? [String: Any])?["identities"] as? Bool == true)
        let counterexample = try #require(object["counterexample"] as? [String: Any])
        let rounds = try #require(counterexample["rounds"] as? [[String: Any]])
        let steps = rounds.flatMap { ($0["steps"] as? [[String: Any]]) ?? [] }
        #expect(!steps.isEmpty)
        for step in steps {
            let process = try #require(step["process"] as? String)
            let from = try #require(step["from"] as? [String: Any], "\(step)")
            // Every other process, by name; a missing message is null, and there are `missing` of them.
            #expect(Set(from.keys) == Set(["p0", "p1", "p2"]).subtracting([process]))
            #expect(from.values.filter { $0 is NSNull }.count == step["missing"] as? Int)
        }
    }

    @Test func withoutIdentitiesNoSenders() throws {
        let output = try GGMSRunner.run(["verify", "--json", "Specs/consensus3-short.smt2", "Protocols/floodset.protocol"])
        #expect(output.exitCode == 1, "\(output.stderr)")
        #expect(!output.stdout.contains("\"from\" : {") && output.stdout.contains("\"identities\" : false"), "\(output.stdout)")
    }
}

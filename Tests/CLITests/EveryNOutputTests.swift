import Foundation
import Testing

/// `ggms verify --processes A...` end to end where a golden file cannot go: Z3's model (and so
/// the execution shown) may differ between runs, but the smallest violating n, the failing
/// property and the exit code may not.
@Suite(.timeLimit(.minutes(5))) struct EveryNOutputTests {
    /// FloodSet that stops flooding from n = 9 on: violated at n = 9 exactly, replayed there.
    @Test func aGuardReadingNFailsFromNine() throws {
        let args = ["verify", "Specs/consensus3.smt2", "Tests/CLITests/Fixtures/floodset-below-nine.protocol", "--processes", "3..."]
        let text = try GGMSRunner.run(args)
        #expect(text.exitCode == 1, "\(text.stderr)")
        #expect(text.stdout.contains("violated at n = 9 (the smallest: every n from 3 to 8 holds; replayed at that n)"), "\(text.stdout)")
        #expect(text.stdout.contains("violated: agreement fails on this execution (replayed through the simulator)"))
        #expect(text.stdout.contains("p8"), "the execution has nine processes")
        let json = try GGMSRunner.run(args + ["--json"])
        #expect(json.exitCode == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "violated")
        #expect(object["violatedAt"] as? Int == 9)
        #expect(object["violatedAtIsSmallest"] as? Bool == true)
        #expect(object["everyN"] as? Bool == true)
        let counterexample = try #require(object["counterexample"] as? [String: Any])
        #expect((counterexample["decisions"] as? [Any])?.count == 9)
    }

    /// FloodSet one round short: the smallest n is the lower bound itself.
    @Test func floodSetOneRoundShortFailsAtThree() throws {
        let output = try GGMSRunner.run(["verify", "Specs/consensus3-short.smt2", "Protocols/floodset.protocol", "--processes", "3..."])
        #expect(output.exitCode == 1, "\(output.stderr)")
        #expect(output.stdout.contains("violated at n = 3"), "\(output.stdout)")
    }

    /// A protocol that reads `id`: outside the fragment, exit 65, pointing at the rule.
    @Test func identitiesAreRefusedAtTheRule() throws {
        let output = try GGMSRunner.run(["verify", "Specs/identities/coordinator-crash-n3-f1.smt2", "Protocols/rotating-coordinator.protocol",
                                         "--processes", "3..."])
        #expect(output.exitCode == 65, "\(output.stderr)")
        #expect(output.stderr.contains("cannot verify for every n"), "\(output.stderr)")
        #expect(output.stdout.isEmpty)
    }
}

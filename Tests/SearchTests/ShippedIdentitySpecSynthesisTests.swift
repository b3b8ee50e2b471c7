import Testing
@testable import Search

/// The shipped identity specs at n = 3 (`Specs/identities/*-n3-*`: reliable broadcast, rotating
/// coordinator, Byzantine generals with 2 states, leader election of a correct process): GGMS
/// gives the answer each spec's `:expect` names, and a found protocol passes the brute force.
/// The two slow ones (generals with 3 states, leader among volunteers: a minute or more each in
/// a debug build) are left to the benchmark (`Results/identities.md`).
@Suite(.serialized, .timeLimit(.minutes(10))) struct ShippedIdentitySpecSynthesisTests {
    @Test func cheapIdentitySpecsGetTheirExpectedAnswer() throws {
        let names = ShippedSpecSynthesis.specs(in: "identities") {
            $0.contains("-n3-") && !$0.contains("-k3") && !$0.hasPrefix("leader-volunteer")
        }
        #expect(names.count >= 8, "\(names)")
        try ShippedSpecSynthesis.expectAnswers(family: "identities", names: names, strategy: .ggms) { name, table in
            #expect(table.setting.identities, "\(name)")
        }
    }
}

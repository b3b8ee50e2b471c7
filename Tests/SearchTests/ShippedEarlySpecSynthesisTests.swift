import Testing
@testable import Search

/// The cheap shipped early-decision specs (`Specs/early/*-n3-*`): every complete strategy gives
/// the answer the spec's `:expect` names, and a found protocol passes the brute force.
@Suite(.serialized, .timeLimit(.minutes(8))) struct ShippedEarlySpecSynthesisTests {
    @Test(arguments: [SynthesisOptions.Strategy.ggms, .cegis])
    func cheapEarlySpecsGetTheirExpectedAnswer(_ strategy: SynthesisOptions.Strategy) throws {
        let names = ShippedSpecSynthesis.specs(in: "early") { $0.contains("-n3-") }
        #expect(names.count >= 8, "\(names)")
        try ShippedSpecSynthesis.expectAnswers(family: "early", names: names, strategy: strategy) { name, table in
            #expect(table.setting.earlyDecision && table.hasAlphabet, "\(name)")
        }
    }
}

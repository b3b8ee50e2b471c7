import Checking
import Foundation
import Game
import SpecLanguage
import Testing
import Utilities
@testable import Search

/// The cheap shipped early-decision specs (`Specs/early/*-n3-*`): every complete strategy gives
/// the answer the spec's `:expect` names, and a found protocol passes the brute force.
@Suite(.serialized, .timeLimit(.minutes(8))) struct ShippedEarlySpecSynthesisTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var specs: [String] {
        let directory = root.appendingPathComponent("Specs/early")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.contains("-n3-") && $0.hasSuffix(".smt2") }.sorted()
    }

    @Test(arguments: [SynthesisOptions.Strategy.ggms, .cegis])
    func cheapEarlySpecsGetTheirExpectedAnswer(_ strategy: SynthesisOptions.Strategy) throws {
        let names = Self.specs
        #expect(names.count >= 8, "\(names)")
        for name in names {
            let spec = try Spec.load(path: Self.root.appendingPathComponent("Specs/early/\(name)").path)
            guard let expect = spec.expect else {
                Issue.record("\(name) has no :expect")
                continue
            }
            var options = SynthesisOptions()
            options.strategy = strategy
            options.timeLimit = 120
            options.generalizationBound = spec.setting.processes
            let clock = Stopwatch()
            let result = try Synthesis.run(spec: spec, options: options)
            print("early synthesis: \(name) with \(strategy.rawValue): \(SearchAnswer(result.outcome)) in \(String(format: "%.2f", clock.seconds)) s")
            #expect(SearchAnswer(result.outcome) == (expect == .realizable ? .found : .unrealizable), "\(name) with \(strategy.rawValue)")
            guard let table = result.table, case .found = result.outcome else { continue }
            #expect(table.setting.earlyDecision && table.hasAlphabet)
            let brute = try BruteForceChecker(table: table, spec: spec, evaluator: try SpecEvaluator(spec: spec)).check()
            #expect(brute.verdict.isVerified, "\(name) with \(strategy.rawValue): the brute force rejects the protocol")
        }
    }
}

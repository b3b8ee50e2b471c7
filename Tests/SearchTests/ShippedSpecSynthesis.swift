import Checking
import Foundation
import Game
import SpecLanguage
import Testing
import Utilities
@testable import Search

/// Synthesis on shipped specs of one family (`Specs/FAMILY/`): every listed spec gets the
/// answer its `:expect` names, and a found protocol passes the brute force.
enum ShippedSpecSynthesis {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `.smt2` files of `Specs/FAMILY` whose names satisfy `include`, sorted.
    static func specs(in family: String, where include: (String) -> Bool) -> [String] {
        let directory = root.appendingPathComponent("Specs/\(family)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".smt2") && include($0) }.sorted()
    }

    /// Runs `strategy` on each of `names` (in `Specs/FAMILY`) with a 120 s limit and checks the
    /// answer against `:expect`; `check` gets every found table.
    static func expectAnswers(family: String, names: [String], strategy: SynthesisOptions.Strategy,
                              check: (String, TransitionTable) -> Void = { _, _ in }) throws {
        for name in names {
            let spec = try Spec.load(path: root.appendingPathComponent("Specs/\(family)/\(name)").path)
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
            print("\(family) synthesis: \(name) with \(strategy.rawValue): \(SearchAnswer(result.outcome)) in \(String(format: "%.2f", clock.seconds)) s")
            #expect(SearchAnswer(result.outcome) == (expect == .realizable ? .found : .unrealizable), "\(name) with \(strategy.rawValue)")
            guard let table = result.table, case .found = result.outcome else { continue }
            check(name, table)
            let brute = try BruteForceChecker(table: table, spec: spec, evaluator: try SpecEvaluator(spec: spec)).check()
            #expect(brute.verdict.isVerified, "\(name) with \(strategy.rawValue): the brute force rejects the protocol")
        }
    }
}

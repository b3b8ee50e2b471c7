import Foundation
import ProtocolLanguage
import SpecLanguage
import Testing
@testable import Search

/// A small spec searched from a fixed seed grows the same tree and ends with the same protocol
/// every time: the whole tree (every node's parent, branch entry, action, status, depth and
/// visits), the search counters and the printed rules are compared with golden data in
/// `Tests/SearchTests/Golden`. The encoder is off (its floating point may differ between CPUs;
/// everything else is integer arithmetic from a seeded generator and Z3's deterministic
/// answers). After a deliberate change to the search, regenerate with
/// `GGMS_UPDATE_GOLDEN=1 swift test --filter GoldenSearchTests` and review the diff.
@Suite(.serialized, .timeLimit(.minutes(5))) struct GoldenSearchTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = here.deletingLastPathComponent().deletingLastPathComponent()

    static func options(_ strategy: SynthesisOptions.Strategy) -> SynthesisOptions {
        var options = SynthesisOptions()
        options.strategy = strategy
        options.seed = 3
        options.useEncoder = false
        return options
    }

    /// The tree and counters of one run, as lines of text.
    static func digest(spec name: String, strategy: SynthesisOptions.Strategy) throws -> String {
        let spec = try Spec.load(path: root.appendingPathComponent("Specs/\(name).smt2").path)
        let options = Self.options(strategy)
        let synthesizer = try Synthesizer(spec: spec, options: options)
        let search = try synthesizer.run()
        var lines = ["spec \(name), strategy \(strategy.rawValue), seed \(options.seed), no encoder",
                     "outcome \(search.outcome.name)"]
        let s = search.stats
        lines.append("iterations \(s.iterations) checks \(s.checkerCalls) solver \(s.solverChecks) symbolic-conflicts \(s.symbolicConflicts) conflicts \(s.conflicts) pool \(s.poolConflicts)/\(s.poolRejections) freezes \(s.freezes) restarts \(s.restarts) backtracks \(s.backtracks) backjumps \(s.backjumps)")
        lines.append("nodes \(synthesizer.tree.count)")
        for i in 0..<Int32(synthesizer.tree.count) {
            let node = synthesizer.tree[i]
            lines.append("\(i) parent \(node.parent) branch \(node.branch) action \(node.action) status \(node.status) depth \(node.depth) visits \(node.visits) children \(node.childCount)")
        }
        // The whole pipeline from the same seed: the rules users see.
        let full = try Synthesis.run(spec: spec, options: options)
        lines.append("pipeline outcome \(full.outcome.name)")
        if let rules = full.rules { lines.append(rules.printed()) }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: [("consensus3", SynthesisOptions.Strategy.ggms), ("consensus3-short", .ggms),
                      ("consensus3", .dfs), ("commit3", .ggms)])
    func sameTreeAndProtocolEveryTime(_ name: String, _ strategy: SynthesisOptions.Strategy) throws {
        let file = Self.here.appendingPathComponent("Golden/\(name)-\(strategy.rawValue).golden")
        let digest = try Self.digest(spec: name, strategy: strategy)
        #expect(try Self.digest(spec: name, strategy: strategy) == digest, "two runs from one seed differ")
        if ProcessInfo.processInfo.environment["GGMS_UPDATE_GOLDEN"] == "1" {
            try digest.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let golden = try String(contentsOf: file, encoding: .utf8)
        #expect(digest == golden, "the search from a fixed seed changed; see \(file.path)")
    }
}

import Checking
import Compaction
import Foundation
import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
@testable import Search

/// The readability pass keeps tables verified and shortens their rules.
@Suite(.serialized, .timeLimit(.minutes(5))) struct SimplificationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func spec(_ name: String) throws -> Spec { try Spec.load(path: Self.root.appendingPathComponent("Specs/\(name).smt2").path) }

    func verified(_ table: TransitionTable, _ spec: Spec) throws -> Bool {
        try FastChecker(table: table, spec: spec, evaluator: try SpecEvaluator(spec: spec)).check().verdict.isVerified
    }

    /// A correct but contrived protocol for consensus3 (found by an earlier search) simplifies
    /// to FloodSet's single rule.
    @Test func contrivedConsensusBecomesFloodSet() throws {
        let spec = try spec("consensus3")
        let text = """
        protocol contrived
        states 0 1
        init   0 -> 0, 1 -> 1
        decide 0 -> 0, 1 -> 1
        next
          heard(0) >= 1 and missing == 0 -> 0
          heard(0) == 0 and missing >= 1 -> 1
          otherwise                      -> self
        """
        let table = try TransitionTable.compile(try ProtocolDefinition.parse(text, file: "contrived.protocol"), for: spec.setting, file: "contrived.protocol")
        #expect(try verified(table, spec))
        let simple = try Simplification.simplerRules(table, spec: spec)
        #expect(simple.changed)
        #expect(try verified(simple.table, spec))
        let reads = try FastChecker(table: simple.table, spec: spec, evaluator: try SpecEvaluator(spec: spec),
                                    options: { var o = CheckOptions(); o.collectReads = true; return o }()).check().readEntries
        let rules = RuleCompaction.compact(simple.table, reachable: reads.sorted(), name: nil).rules
        #expect(rules.count == 2, "\(rules)")
    }

    /// A wrong protocol is never "simplified" into anything: nothing verifies to begin with.
    @Test func wrongTablesAreLeftAlone() throws {
        let spec = try spec("consensus3")
        let text = try String(contentsOf: Self.root.appendingPathComponent("Protocols/majority.protocol"), encoding: .utf8)
        let table = try TransitionTable.compile(try ProtocolDefinition.parse(text, file: "majority.protocol"), for: spec.setting, file: "majority.protocol")
        #expect(try !verified(table, spec))
        let simple = try Simplification.simplerRules(table, spec: spec)
        #expect(!simple.changed && simple.table == table)
    }

    /// Through `Synthesis.run` (which simplifies), found protocols stay verified.
    @Test(arguments: ["consensus3", "consensus4", "commit3", "commit4"])
    func synthesizedAndSimplifiedProtocolsVerify(_ name: String) throws {
        let spec = try spec(name)
        var options = SynthesisOptions()
        options.timeLimit = 120
        let result = try Synthesis.run(spec: spec, options: options)
        #expect(SearchAnswer(result.outcome) == .found)
        let trust = try Trust.confirm(try #require(result.table), spec: spec)
        #expect(trust.fastVerified && trust.bruteVerified != false)
    }

    /// `reach`, which breaks ties between equally short rule sets: FloodSet verifies at both
    /// larger n it looks at; the same rules with a guard reading `n` (equal to FloodSet's at
    /// n = 3) verify at neither.
    @Test func reachCountsTheLargerNTheRulesVerifyAt() throws {
        let spec = try Spec.parse(TestSpecs.consensus(n: 3, f: 1, rounds: 2), file: "consensus.smt2")
        var verifier = Simplification.Verifier(spec: spec, evaluator: try SpecEvaluator(spec: spec), maxChecks: 100,
                                               deadline: nil, cancellation: nil)
        let floodset = try ProtocolDefinition.parse("states 0 1\ninit 0 -> 0, 1 -> 1\ndecide 0 -> 0, 1 -> 1\nnext\n  heard(0) >= 1 -> 0\n  otherwise -> self\n", file: "f")
        let readsN = try ProtocolDefinition.parse("states 0 1\ninit 0 -> 0, 1 -> 1\ndecide 0 -> 0, 1 -> 1\nnext\n  heard(0) >= n - 2 -> 0\n  otherwise -> self\n", file: "g")
        #expect(try verifier.reach(floodset) == Simplification.Verifier.reachBound)
        #expect(try verifier.reach(readsN) == 0)
    }

    /// Several threads simplify as one: on tables the search found (simplification off, under
    /// crash and omission faults, identities, early decision; the simplification is the same
    /// code under every model, only its checker differs), both passes on 3 threads give
    /// the same table, the same counts and the same checks against the budget as on one — with
    /// budgets that run out part way, too.
    @Test(arguments: ["consensus3", "commit3", "bench/kset-n4-f1-r2", "faults/sendomission-n3-f1-r2-k2",
                      "faults/receiveomission-n3-f1-r2", "identities/coordinator-crash-n3-f1", "early/consensus-early-n3-f1"])
    func severalThreadsSimplifyAsOne(_ name: String) throws {
        let spec = try spec(name)
        var options = SynthesisOptions()
        options.timeLimit = 120
        let found = try Synthesis.search(spec: spec, options: options)
        try #require(SearchAnswer(found.outcome) == .found, "\(name): \(found.outcome)")
        let table = Trust.completed(try #require(found.table))
        for budget in [3, 12, 4000] {
            var one = Simplification.Verifier(spec: spec, evaluator: try SpecEvaluator(spec: spec), maxChecks: budget, deadline: nil,
                                              cancellation: nil)
            var three = Simplification.Verifier(spec: spec, evaluator: try SpecEvaluator(spec: spec), maxChecks: budget, deadline: nil,
                                                cancellation: nil, threads: 3)
            let entries = (try Simplification.towardsSelf(table, &one), try Simplification.towardsSelf(table, &three))
            #expect(entries.0.table == entries.1.table && entries.0.changed == entries.1.changed, "\(name) budget \(budget)")
            #expect(one.checks == three.checks, "\(name) budget \(budget)")
            var rulesOne = Simplification.Verifier(sharing: one, maxChecks: budget / 4 + 1)
            var rulesThree = Simplification.Verifier(sharing: three, maxChecks: budget / 4 + 1)
            let rules = (try Simplification.simplerRules(entries.0.table, &rulesOne),
                         try Simplification.simplerRules(entries.0.table, &rulesThree))
            #expect(rules.0.table == rules.1.table && rules.0.changed == rules.1.changed, "\(name) budget \(budget)")
            #expect(rulesOne.checks == rulesThree.checks, "\(name) budget \(budget)")
            if budget == 4000 { #expect(try verified(rules.1.table, spec)) }
        }
    }
}


import Checking
import Foundation
import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Search

/// Synthesis under identities (`:identities true`: the table is by sender, `next` reads the
/// process's index and who sent what) on tiny specs whose answers the reference enumeration
/// (`ExhaustiveTableSearch`, by sender) confirms. Every strategy runs directly (the table is
/// what is tested; compaction and the rest of `Synthesis.run` are not involved): the complete
/// ones give the known answer, the incomplete ones (`mcts`, `random`) never claim that no
/// protocol exists, and a found table is verified again by the brute-force reference.
@Suite(.serialized, .timeLimit(.minutes(3))) struct IdentitySynthesisTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var text: String
        var exists: Bool
        /// Plain DFS (no learning, no pool) takes tens of seconds or more here: it gets a few
        /// seconds and may answer inconclusive (never the wrong answer).
        var slowForDFS = false
        var description: String { name }
    }

    /// `TestSpecs.designated` (if p0 is correct every correct process decides p0's input;
    /// correct processes agree) at n = 3, F = 1 with `states` states, under identities;
    /// without `agreement` when `agree` is false.
    static func designated(rounds: Int, states: Int = 2, faults: FaultKind = .crash, agree: Bool = true) -> String {
        let model = faults == .crash ? "" : "(set-info :faults \(faults.name))\n"
        let text = TestSpecs.designated(n: 3, f: 1, rounds: rounds)
            .replacingOccurrences(of: "(set-info :decisions 2)\n",
                                  with: "(set-info :decisions 2)\n(set-info :states \(states))\n(set-info :identities true)\n" + model)
        return agree ? text : text.replacingOccurrences(of: "(assert agreement)\n", with: "")
    }

    static let cases: [Case] = [
        // A designated sender p0 and a relay: adopt what p0 sent; with nothing from p0, the
        // larger of the two others adopts the smaller one's value (no counted table does it:
        // a process cannot tell p0's message from the others').
        Case(name: "designated n=3 f=1 R=2 K=2", text: designated(rounds: 2), exists: true, slowForDFS: true),
        // One round is too few: p0 may crash after reaching only one of the others, whose
        // view is that of a correct p0, while the other's view does not depend on p0's input.
        Case(name: "designated n=3 f=1 R=1 K=2", text: designated(rounds: 1), exists: false),
        // Without agreement one round does it: adopt what p0 sent, if anything.
        Case(name: "delivery only n=3 f=1 R=1 K=2", text: designated(rounds: 1, agree: false), exists: true),
        // A Byzantine p0 sends 0 to one and 1 to the other (n <= 3f: no Byzantine generals).
        Case(name: "byzantine designated n=3 f=1 R=1 K=2", text: designated(rounds: 1, faults: .byzantine), exists: false,
             slowForDFS: true),
    ]

    /// The known answers: the reference enumeration over tables by sender agrees, and what it
    /// finds the brute force verifies.
    @Test func referenceAnswers() throws {
        for c in Self.cases {
            let spec = try Spec.parse(c.text, file: "\(c.name).smt2")
            #expect(spec.setting.identities)
            var reference = try ExhaustiveTableSearch(spec: spec)
            let clock = Stopwatch()
            let found = reference.find()
            print("identity reference: \(c.name): \(found != nil) after \(reference.nodes) tables in \(String(format: "%.2f", clock.seconds)) s")
            #expect((found != nil) == c.exists, "\(c.name)")
            if let found {
                #expect(found.bySender)
                let verdict = try BruteForceChecker(table: Trust.completed(found), spec: spec, evaluator: try SpecEvaluator(spec: spec))
                    .check().verdict
                #expect(verdict.isVerified, "\(c.name)")
            }
        }
    }

    static let strategies: [SynthesisOptions.Strategy] = [.ggms, .cegis, .dfs, .mcts, .random]

    /// The strategy's own result, without compaction: the tree strategies' `Synthesizer.run`,
    /// the baselines' `search`.
    static func search(_ spec: Spec, _ strategy: SynthesisOptions.Strategy, timeLimit: Double) throws -> SynthesisResult {
        var options = SynthesisOptions()
        options.strategy = strategy
        options.timeLimit = timeLimit
        switch strategy {
        case .cegis: return try CEGISSynthesizer(spec: spec, options: options).search()
        case .random: return try RandomSynthesizer(spec: spec, options: options).search()
        case .ggms, .mcts, .mctsDFS, .dfs: return try Synthesizer(spec: spec, options: options).run()
        }
    }

    @Test(arguments: cases, strategies)
    func everyStrategyGivesTheKnownAnswer(_ c: Case, _ strategy: SynthesisOptions.Strategy) throws {
        let spec = try Spec.parse(c.text, file: "\(c.name).smt2")
        let limited = strategy == .dfs && c.slowForDFS
        // The incomplete ones get a moment (`random` draws whole tables, 2^50 of them here).
        let timeLimit: Double = strategy.isComplete ? (limited ? 3 : 20) : 1
        let clock = Stopwatch()
        let result = try Self.search(spec, strategy, timeLimit: timeLimit)
        let answer = SearchAnswer(result.outcome)
        print("identity synthesis: \(c.name) with \(strategy.rawValue): \(answer) in \(String(format: "%.2f", clock.seconds)) s, \(result.stats.iterations) iterations")
        let expected: SearchAnswer = c.exists ? .found : .unrealizable
        if strategy.isComplete && !limited {
            #expect(answer == expected, "\(c.name) with \(strategy.rawValue)")
        } else {
            #expect(answer == .inconclusive || answer == expected, "\(c.name) with \(strategy.rawValue)")
            #expect(answer != .unrealizable || strategy.isComplete, "\(c.name) with \(strategy.rawValue)")
        }
        guard answer == .found else { return }
        let table = Trust.completed(try #require(result.table))
        #expect(table.bySender && table.ids == spec.setting.processes, "\(c.name) with \(strategy.rawValue)")
        let brute = try BruteForceChecker(table: table, spec: spec, evaluator: try SpecEvaluator(spec: spec)).check()
        #expect(brute.verdict.isVerified, "\(c.name) with \(strategy.rawValue): the brute force rejects the table")
    }

    /// The whole pipeline (`Synthesis.run`: simplification, re-verification, compaction into
    /// rules that may read `id` and `from`, generalization) on the relay: the rules are
    /// equivalent to the table on every reachable entry, and they read identities (no counted
    /// table passes: a process cannot tell p0's message from the others').
    @Test(arguments: [SynthesisOptions.Strategy.ggms, .cegis])
    func thePipelineFinishesAProtocolBySender(_ strategy: SynthesisOptions.Strategy) throws {
        let c = Self.cases[0]
        let spec = try Spec.parse(c.text, file: "\(c.name).smt2")
        var options = SynthesisOptions()
        options.strategy = strategy
        options.timeLimit = 20
        options.generalizationBound = 4
        let result = try Synthesis.run(spec: spec, options: options)
        #expect(SearchAnswer(result.outcome) == .found, "\(strategy.rawValue)")
        let table = try #require(result.table)
        #expect(table.bySender)
        #expect(result.verification.map(Trust.passed) == true)
        let rules = try #require(result.rules)
        print("identity pipeline with \(strategy.rawValue):\n\(rules.printed())")
        #expect(rules.rules.contains { $0.guard?.readsIdentity == true }, "\(strategy.rawValue)")
        #expect(try BruteForceChecker(table: table, spec: spec, evaluator: try SpecEvaluator(spec: spec)).check().verdict.isVerified)
    }
}

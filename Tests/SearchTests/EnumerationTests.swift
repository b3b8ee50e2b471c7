import Checking
import Game
import SpecLanguage
import TestSupport
import Testing
@testable import Search

/// On tiny settings, whether a protocol exists is decided by checking every table; every
/// complete strategy must give the same answer.
@Suite(.serialized, .timeLimit(.minutes(5))) struct EnumerationTests {
    /// Every complete table of the space (init, decide, next), checked exhaustively.
    func anyTablePasses(_ spec: Spec) throws -> Bool {
        let space = StrategySpace(setting: spec.setting)
        let evaluator = try SpecEvaluator(spec: spec)
        var assigned = [Int16](repeating: 0, count: space.count)
        while true {
            let table = space.table(assigned)
            if try FastChecker(table: table, spec: spec, evaluator: evaluator).check().verdict.isVerified { return true }
            var i = 0
            while i < space.count {
                assigned[i] += 1
                if Int(assigned[i]) < space.actionCount(i) { break }
                assigned[i] = 0
                i += 1
            }
            if i == space.count { return false }
        }
    }

    static let specs: [(String, String)] = [
        ("consensus n=2 f=1 R=1", TestSpecs.consensus(n: 2, f: 1, rounds: 1)),
        ("consensus n=2 f=0 R=1", TestSpecs.consensus(n: 2, f: 0, rounds: 1)),
        ("3-valued consensus, 2 states", TestSpecs.header(n: 2, f: 1, rounds: 1, inputs: 3, decisions: 3)
            + TestSpecs.agreement + "\n" + TestSpecs.validity + "\n(assert agreement)\n(assert validity)\n"),
        ("validity only n=2 f=1", TestSpecs.validityOnly(n: 2, f: 1, rounds: 1)),
        ("one state, 3 inputs, agreement", TestSpecs.header(n: 2, f: 1, rounds: 1, inputs: 3) + "(set-info :states 1)\n"
            + TestSpecs.agreement + "\n(assert agreement)\n"),
        ("p0 decides its input, agreement", TestSpecs.header(n: 2, f: 1, rounds: 1) + TestSpecs.agreement
            + "\n(assert agreement)\n(assert (=> (correct p0) (= (decision p0) (input p0))))\n"),
    ]

    @Test(arguments: specs.indices)
    func searchAgreesWithEnumeration(_ index: Int) throws {
        let (name, text) = Self.specs[index]
        let spec = try Spec.parse(text, file: "\(name).smt2")
        let exists = try anyTablePasses(spec)
        for (strategy, symbolic) in [(SynthesisOptions.Strategy.ggms, true), (.ggms, false), (.mctsDFS, false), (.dfs, false)] {
            var options = SynthesisOptions()
            options.strategy = strategy
            options.symbolicLearning = symbolic
            options.timeLimit = 60
            let synthesizer = try Synthesizer(spec: spec, options: options)
            let result = try synthesizer.run()
            #expect(SearchAnswer(result.outcome) == (exists ? .found : .unrealizable), "\(name) with \(strategy.rawValue), symbolic \(symbolic)")
            #expect(synthesizer.tree.validate())
        }
        var options = SynthesisOptions()
        options.strategy = .cegis
        options.timeLimit = 60
        #expect(SearchAnswer(try Synthesis.run(spec: spec, options: options).outcome) == (exists ? .found : .unrealizable), "\(name) with cegis")
    }
}

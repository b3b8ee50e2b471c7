import Checking
import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
@testable import Compaction

/// Handwritten protocols compiled to tables compact back to rules about as short as the
/// originals, and the rules generalize to larger `n`.
@Suite(.timeLimit(.minutes(5))) struct TextbookCompactionTests {
    static let floodsetText = """
        protocol floodset
        states 0 1
        init   0 -> 0, 1 -> 1
        decide 0 -> 0, 1 -> 1
        next
          heard(0) >= 1 -> 0
          otherwise     -> self

        """

    static let commitText = """
        protocol commit
        states a c
        init   0 -> a, 1 -> c
        decide a -> 0, c -> 1
        next
          heard(a) >= 1               -> a
          round == 1 and missing >= 1 -> a
          otherwise                   -> self

        """

    @Test(arguments: [(3, 1, 2), (6, 4, 5)])
    func floodsetCompactsToTwoRules(n: Int, f: Int, rounds: Int) throws {
        let table = try Fixtures.table("floodset", n: n, f: f, rounds: rounds)
        let all = Array(table.next.indices)
        let proto = RuleCompaction.compact(table, reachable: all, name: "floodset")
        #expect(proto.rules.count <= 2)
        #expect(proto.printed() == Self.floodsetText)
        #expect(try Fixtures.compiledAgrees(proto, with: table, on: all))
    }

    @Test(arguments: [(3, 1, 2), (6, 4, 5)])
    func commitCompactsToThreeRules(n: Int, f: Int, rounds: Int) throws {
        let table = try Fixtures.table("commit", n: n, f: f, rounds: rounds)
        #expect(table.roundAware)
        let all = Array(table.next.indices)
        let proto = RuleCompaction.compact(table, reachable: all, name: "commit")
        #expect(proto.rules.count <= 3)
        #expect(proto.printed() == Self.commitText)
        #expect(try Fixtures.compiledAgrees(proto, with: table, on: all))
    }

    @Test func compactedFloodsetGeneralizesToLargerN() throws {
        let small = try Fixtures.table("floodset", n: 3, f: 1, rounds: 2)
        let proto = RuleCompaction.compact(small, reachable: Array(small.next.indices), name: "floodset")
        let large = try Fixtures.table("floodset", n: 8, f: 5, rounds: 6)
        let compiled = try TransitionTable.compile(proto, for: large.setting, file: "compacted")
        #expect(compiled == large)
        #expect(RuleCompaction.equivalent(proto, to: large, on: Array(large.next.indices)))
    }

    @Test func compactedFloodsetKeepsItsVerdict() throws {
        for (n, f, rounds, verdict) in [(4, 2, 3, Verdict.Kind.verified), (4, 2, 2, .violated)] {
            let spec = try Spec.parse(TestSpecs.consensus(n: n, f: f, rounds: rounds), file: "c.smt2")
            let table = try Fixtures.table("floodset", n: n, f: f, rounds: rounds)
            let proto = RuleCompaction.compact(table, reachable: Array(table.next.indices), name: nil)
            let compiled = try TransitionTable.compile(proto, for: spec.setting, file: "compacted")
            let evaluator = try SpecEvaluator(spec: spec)
            let report = try FastChecker(table: compiled, spec: spec, evaluator: evaluator).check()
            #expect(report.verdict.kind == verdict, "n=\(n) f=\(f) R=\(rounds)")
        }
    }

    @Test func onlyReachableEntriesConstrainTheRules() throws {
        // FloodSet's entries where nobody sent 0 and self is 1 are the only ones that keep 1;
        // restricted to entries where 0 was heard, one rule suffices.
        let table = try Fixtures.table("floodset", n: 4, f: 2, rounds: 3)
        let heardZero = table.next.indices.filter { table.informationSet(ofEntry: $0).observation.heard(0) >= 1 }
        let proto = RuleCompaction.compact(table, reachable: heardZero, name: nil)
        #expect(proto.rules == [Rule(guard: nil, target: .state(0))])
        #expect(RuleCompaction.equivalent(proto, to: table, on: heardZero))
        #expect(!RuleCompaction.equivalent(proto, to: table, on: Array(table.next.indices)))
    }

    @Test func headerAndCommentsPassThrough() throws {
        let table = try Fixtures.table("floodset", n: 3, f: 1, rounds: 2)
        let proto = RuleCompaction.compact(table, reachable: [], name: "found", comments: ["synthesized", ""])
        #expect(proto.name == "found")
        #expect(proto.comments == ["synthesized", ""])
        #expect(proto.rules == [Rule(guard: nil, target: .stay)])
        #expect(proto.initial == [InitEntry(input: 0, state: 0), InitEntry(input: 1, state: 1)])
        #expect(proto.decisions == [DecideEntry(state: 0, decision: 0), DecideEntry(state: 1, decision: 1)])
    }
}

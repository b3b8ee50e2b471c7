import Checking
import Game
import SpecLanguage
import TestSupport
import Testing
@testable import Search

/// A check that fails inside a search is thrown as `SearchFailure` — an engine failure the run
/// reports as internal — never taken for an undecided node, a refuted candidate or "does not
/// verify". The search never checks a table with a reachable gap while failing on gaps; doing
/// so here stands in for any failure of its checks.
@Suite(.serialized, .timeLimit(.minutes(5))) struct SearchFailureTests {
    static let spec = try! Spec.parse(TestSpecs.consensus(n: 3, f: 1, rounds: 2), file: "c.smt2")

    /// FloodSet with every `next` entry unset: round 1 reads one at once.
    static func tableWithGap() throws -> TransitionTable {
        var table = try TransitionTable.compile(TestProtocols.floodset, for: spec.setting, file: "floodset.protocol")
        for e in table.next.indices { table.next[e] = TransitionTable.undefined }
        return table
    }

    static func expectFailedCheck(_ failure: SearchFailure?, _ label: String) {
        guard case .check(.gap)? = failure else {
            Issue.record("\(label): expected a failed check, got \(String(describing: failure))")
            return
        }
    }

    @Test func treeSearchThrowsAFailedCheck() throws {
        let table = try Self.tableWithGap()
        let synthesizer = try Synthesizer(spec: Self.spec, options: SynthesisOptions())
        let failure = #expect(throws: SearchFailure.self) { try synthesizer.exhaustiveCheck(table, CheckOptions()) }
        Self.expectFailedCheck(failure, "exhaustiveCheck")
    }

    @Test func baselinesThrowAFailedCheck() throws {
        let table = try Self.tableWithGap()
        var baseline = try BaselineRun(spec: Self.spec, options: SynthesisOptions())
        let failure = #expect(throws: SearchFailure.self) { try baseline.check(table) }
        Self.expectFailedCheck(failure, "BaselineRun.check")
        #expect(baseline.stats.conflicts == 0, "a failed check is no conflict")
    }

    @Test func simplificationThrowsAFailedCheck() throws {
        let table = try Self.tableWithGap()
        let failure = #expect(throws: SearchFailure.self) { try Simplification.towardsSelf(table, spec: Self.spec) }
        Self.expectFailedCheck(failure, "Simplification.towardsSelf")
    }
}

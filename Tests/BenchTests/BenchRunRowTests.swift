@testable import Bench
import Foundation
import GameCore
import Testing

/// The rows of bench.csv and of `ggms bench --json`: one field list for both, and a field that
/// does not apply is absent (no key, empty cell), never 0.
@Suite(.timeLimit(.minutes(5))) struct BenchRunRowTests {
    /// The documented field list (`BenchRunRow`), in CSV order.
    static let fields = ["family", "spec", "processes", "crashes", "rounds", "states", "expect", "strategy", "seed", "outcome",
                         "success", "seconds", "checkerCalls", "backtracks", "iterations", "exitCode", "note"]

    static func spec(expect: Bool) -> BenchSpec {
        BenchSpec(path: "/suite/consensus-n3-f1-r2.smt2", name: "consensus-n3-f1-r2", family: "consensus",
                  setting: Setting(processes: 3, crashes: 1, rounds: 2, states: 2), expect: expect ? .realizable : nil)
    }

    static let job = BenchJob(specIndex: 0, strategy: .dfs, seed: 1)

    static func keys(_ row: BenchRunRow) throws -> Set<String> {
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(row)) as? [String: Any]
        return Set(try #require(object).keys)
    }

    @Test func theCSVHeaderIsTheFieldList() throws {
        #expect(BenchReport.csvColumns == Self.fields)
        let full = BenchRunRow(job: Self.job, spec: Self.spec(expect: true),
                               result: BenchRunResult(job: Self.job, outcome: .inconclusive, exitCode: 3, seconds: 80, checkerCalls: 5,
                                                      backtracks: 2, iterations: 7, note: "killed"))
        #expect(try Self.keys(full) == Set(Self.fields))
        #expect(BenchRunRow.CodingKeys.allCases.map(full.cell) ==
                ["consensus", "consensus-n3-f1-r2", "3", "1", "2", "2", "realizable", "dfs", "1", "inconclusive", "false",
                 "80.0000", "5", "2", "7", "3", "killed"])
    }

    @Test func aRunNotDoneHasOnlyItsPlan() throws {
        let row = BenchRunRow(job: Self.job, spec: Self.spec(expect: true), result: nil)
        #expect(row.outcome == .notRun && row.cell(.outcome) == "not-run")
        #expect(try Self.keys(row) == ["family", "spec", "processes", "crashes", "rounds", "states", "expect", "strategy", "seed", "outcome"])
        #expect(row.cell(.success) == "" && row.cell(.seconds) == "" && row.cell(.exitCode) == "")
    }

    @Test func aChildThatNeverRanHasNoTimeNoExitCodeAndNoCounts() throws {
        let result = BenchRunResult(job: Self.job, outcome: .harnessError(message: "could not start /x/ggms: gone"), exitCode: nil, seconds: nil)
        let row = BenchRunRow(job: Self.job, spec: Self.spec(expect: false), result: result)
        // Unscored spec: no expect, no success; a harness error: the message as the note.
        #expect(try Self.keys(row) == ["family", "spec", "processes", "crashes", "rounds", "states", "strategy", "seed", "outcome", "note"])
        #expect(row.outcome == .error && row.cell(.outcome) == "error" && row.note == "could not start /x/ggms: gone")
    }

    @Test func theReportListsEveryPlannedRunInPlanOrder() {
        let jobs = [Self.job, BenchJob(specIndex: 0, strategy: .ggms, seed: 1), BenchJob(specIndex: 0, strategy: .ggms, seed: 2)]
        let done = BenchRunResult(job: jobs[2], outcome: .found, exitCode: 0, seconds: 1.5, checkerCalls: 1, backtracks: 0, iterations: 1)
        let report = BenchReport(command: "ggms bench", machine: "m", date: "d", build: "debug", suite: "s", timeLimit: 10, seeds: 2,
                                 jobs: 1, strategies: [.dfs, .ggms], specs: [Self.spec(expect: true)], planned: jobs, results: [done],
                                 interrupted: false, sweepDirectory: "/sweep")
        #expect(report.rows.map(\.outcome) == [.notRun, .notRun, .found])
        #expect(report.notRun == [0, 1])
        let record = BenchRecord(report: report, seconds: 2)
        #expect(record.outcome == .incomplete && record.kind == "bench" && record.runs.count == 3)
        let csv = report.csv().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(csv.first.map(String.init) == Self.fields.joined(separator: ","))
        #expect(csv[3] == "consensus,consensus-n3-f1-r2,3,1,2,2,realizable,ggms,2,found,true,1.5000,1,0,1,0,")
        #expect(report.markdown().contains("**2 of 3 runs have no result yet**"))
    }
}

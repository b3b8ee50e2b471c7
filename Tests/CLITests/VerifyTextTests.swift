import Foundation
import Testing

/// `ggms verify`'s text as it is written: each n's header before its check runs, a result per
/// n, a summary under `--processes A...B`, and counts with plurals and thousands separators
/// (what a golden file cannot show: when a line comes out).
@Suite(.timeLimit(.minutes(5))) struct VerifyTextTests {
    /// A spec whose outcome queries Z3 cannot settle: each runs to the solver timeout (10 s).
    static let undecidable = "Tests/CLITests/Fixtures/nonlinear.smt2"

    /// The header is on stdout while the check still runs: the run is interrupted only once
    /// the header's last line has been read from the pipe, and it stops inside its first 10 s
    /// Z3 query, so the header came out before any result existed.
    @Test(arguments: ["fast", "symbolic"])
    func headerComesOutBeforeTheCheckEnds(_ checker: String) throws {
        let start = ContinuousClock.now
        let output = try GGMSRunner.run(["verify", "--checker", checker, Self.undecidable, "Protocols/floodset.protocol"],
                                        signals: [.when(stdoutContains: "checker   \(checker):", SIGINT)])
        let elapsed = ContinuousClock.now - start
        #expect(output.exitCode == 3, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("spec      \(Self.undecidable)  (n=3 f=1 R=2") == true, "\(output.stdout)")
        #expect(lines.dropFirst().first == "protocol  Protocols/floodset.protocol  (floodset)", "\(output.stdout)")
        #expect(lines.dropFirst(2).first?.hasPrefix("checker   \(checker): ") == true, "\(output.stdout)")
        #expect(lines.last == "unknown: interrupted (not a pass)", "\(output.stdout)")
        #expect(elapsed < .seconds(9), "took \(elapsed): the signal came after the check, not during it")
    }

    /// Interrupted during n = 3 of 3...5: n = 3's block closes as unknown, and the summary says
    /// which n were not checked — never a pass.
    @Test func interruptedRangeNamesTheUncheckedN() throws {
        let output = try GGMSRunner.run(["verify", Self.undecidable, "Protocols/floodset.protocol", "--processes", "3...5"],
                                        signals: [.when(stdoutContains: "checker   fast:", SIGINT)])
        #expect(output.exitCode == 3, "\(output.stderr)")
        #expect(output.stdout.contains("unknown: interrupted (not a pass)\n\nsummary   1 check over n = 3...5\n"), "\(output.stdout)")
        #expect(output.stdout.hasSuffix("unknown at n = 3 (not a pass); n = 4, 5 not checked (interrupted)\n"), "\(output.stdout)")
    }

    /// `--processes 3...5`: three blocks, each header then result, then the summary table (one
    /// row per n: verdict, states, seconds) and the verdict over the range.
    @Test func summaryUnderAFiniteRange() throws {
        let output = try GGMSRunner.run(["verify", "Specs/consensus3.smt2", "Protocols/floodset.protocol", "--processes", "3...5"])
        #expect(output.exitCode == 0, "\(output.stderr)")
        let blocks = output.stdout.components(separatedBy: "\n\n")
        try #require(blocks.count == 4, "\(output.stdout)")
        for (n, block) in zip(3...5, blocks) {
            let lines = block.split(separator: "\n").map(String.init)
            #expect(lines.first?.contains("(n=\(n) f=1 R=2") == true, "\(block)")
            #expect(lines.map { String($0.prefix(9)) } == ["spec     ", "protocol ", "checker  ", "explored ", "covered  ", "verified:"], "\(block)")
        }
        let summary = blocks[3].split(separator: "\n").map(String.init)
        #expect(summary.first == "summary   3 checks over n = 3...5")
        let rows = summary.dropFirst(3).dropLast().map { $0.split(separator: " ").map(String.init) }
        #expect(rows.map { Array($0.prefix(3)) } == [["3", "verified", "27"], ["4", "verified", "35"], ["5", "verified", "43"]], "\(blocks[3])")
        #expect(summary.last == "verified at every n from 3 to 5")
    }

    /// A protocol wrong from n = 9 on, over 8...10: the summary names the first violating n.
    @Test func summaryNamesTheFirstViolation() throws {
        let output = try GGMSRunner.run(["verify", "Specs/consensus3.smt2", "Tests/CLITests/Fixtures/floodset-below-nine.protocol",
                                         "--processes", "8...10"])
        #expect(output.exitCode == 1, "\(output.stderr)")
        #expect(output.stdout.hasSuffix("violated at n = 9 (first; also at n = 10)\n"), "\(output.stdout)")
        #expect(output.stdout.contains("\n  9   violated  "), "\(output.stdout)")
    }

    /// Counts of one take the singular; counts from 1,000 on have separators.
    @Test func pluralsAndSeparators() throws {
        let short = try GGMSRunner.run(["show", "Specs/consensus3-short.smt2"])
        #expect(short.exitCode == 0, "\(short.stderr)")
        #expect(short.stdout.contains("f=1 crash, R=1 round, inputs"), "\(short.stdout)")
        let symbolic = try GGMSRunner.run(["verify", "--checker", "symbolic", "Specs/consensus3.smt2", "Protocols/floodset.protocol"])
        #expect(symbolic.stdout.contains(" symbolic process states, 1 Z3 query, "), "\(symbolic.stdout)")
        let wide = try GGMSRunner.run(["verify", "Specs/consensus3.smt2", "Protocols/floodset.protocol", "--processes", "6...7"])
        #expect(wide.stdout.contains("covered   24,640 of 24,640 raw executions"), "\(wide.stdout)")
        #expect(wide.stdout.contains("covered   114,816 of 114,816 raw executions"), "\(wide.stdout)")
        let four = try GGMSRunner.run(["show", "Specs/consensus4.smt2"])
        #expect(four.stdout.contains("executions  24,592 raw executions"), "\(four.stdout)")
        for text in [short.stdout, symbolic.stdout, wide.stdout, four.stdout] {
            #expect(text.firstMatch(of: /\b1 (rounds|states|executions|checks|queries|raw executions)\b/) == nil, "\(text)")
        }
    }
}

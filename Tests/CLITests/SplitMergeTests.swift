import Foundation
import Testing

/// `ggms split` and `ggms merge` end to end (README "Past one machine"): the job script run by
/// hand for every `SLURM_ARRAY_TASK_ID`, then the merge, against the unsplit answer — found and
/// not found — and a merge with a cube left unrun is inconclusive and names it.
@Suite(.timeLimit(.minutes(10))) struct SplitMergeTests {
    /// Runs `DIR/cubes.sbatch` with `SLURM_ARRAY_TASK_ID=task` as Slurm would (bash, the test's ggms).
    static func runTask(_ directory: URL, _ task: Int) throws -> Int32 {
        try GGMSRunner.runArrayTask(directory.appendingPathComponent("cubes.sbatch"), task)
    }

    static func cubeCount(_ directory: URL) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("cube-") && $0.hasSuffix(".smt2") }.count
    }

    @Test(arguments: [("Specs/consensus3-short.smt2", Int32(1)), ("Specs/bench/consensus-n3-f1-r2.smt2", Int32(0))])
    func splitRunMergeGivesTheUnsplitAnswer(_ spec: String, _ expected: Int32) throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let unsplit = try GGMSRunner.run(["synthesize", spec, "--jobs", "1", "--output", directory.appendingPathComponent("whole.protocol").path, "--quiet"])
        #expect(unsplit.exitCode == expected, "stderr:\n\(unsplit.stderr)")
        let cubes = directory.appendingPathComponent("cubes")
        let split = try GGMSRunner.run(["split", spec, "--cubes", "5", "--output-dir", cubes.path])
        #expect(split.exitCode == 0, "stderr:\n\(split.stderr)")
        let count = try Self.cubeCount(cubes)
        #expect(count >= 5)
        let script = try String(contentsOf: cubes.appendingPathComponent("cubes.sbatch"), encoding: .utf8)
        #expect(script.contains("#SBATCH --array=0-\(count - 1)\n"), "\(script)")
        for task in 0..<count { #expect(try Self.runTask(cubes, task) == 0, "task \(task)") }
        let merged = try GGMSRunner.run(["merge", cubes.path])
        #expect(merged.exitCode == expected, "stdout:\n\(merged.stdout)\nstderr:\n\(merged.stderr)")
        if expected == 0 {
            #expect(merged.stdout.contains("found: a protocol verified") && merged.stdout.contains("checked again here"), "\(merged.stdout)")
        } else {
            #expect(merged.stdout.contains("every one of the \(count) cubes was refuted"), "\(merged.stdout)")
        }
        let record = try Scratch.jsonObject(cubes.appendingPathComponent("cube-000.json"))
        let cube = (record["options"] as? [String: Any])?["cube"] as? [String: Any]
        #expect(cube?["index"] as? Int == 0 && cube?["count"] as? Int == count, "the record names its cube")
    }

    /// A cube file split again (a cube left open): its cubes extend its fixed entries, carry one
    /// cube's directives, and their merge gives the cube's own answer.
    @Test func aCubeFileSplitsFiner() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outer = directory.appendingPathComponent("outer")
        #expect(try GGMSRunner.run(["split", "Specs/consensus3-short.smt2", "--cubes", "3", "--output-dir", outer.path]).exitCode == 0)
        let count = try Self.cubeCount(outer)
        let cubeFile = outer.appendingPathComponent(String(format: "cube-%03d.smt2", count - 1))
        let alone = try GGMSRunner.run(["synthesize", cubeFile.path, "--output", directory.appendingPathComponent("alone.protocol").path, "--quiet"])
        let inner = directory.appendingPathComponent("inner")
        let split = try GGMSRunner.run(["split", cubeFile.path, "--cubes", "4", "--output-dir", inner.path])
        #expect(split.exitCode == 0, "stderr:\n\(split.stderr)")
        #expect(split.stdout.contains("(cube \(count - 1) of \(count))"), "\(split.stdout)")
        let parent = try String(contentsOf: cubeFile, encoding: .utf8)
        let fixes = parent.split(separator: "\n").filter { $0.hasPrefix(";; ggms-fix:") }
        let innerCount = try Self.cubeCount(inner)
        #expect(innerCount >= 2)
        for task in 0..<innerCount {
            let text = try String(contentsOf: inner.appendingPathComponent(String(format: "cube-%03d.smt2", task)), encoding: .utf8)
            #expect(text.components(separatedBy: ";; ggms-cube:").count == 2, "one cube line:\n\(text)")
            let lines = text.split(separator: "\n").filter { $0.hasPrefix(";; ggms-fix:") }
            #expect(Array(lines.prefix(fixes.count)) == fixes, "the parent's fixed entries come first")
            #expect(lines.count > fixes.count)
            #expect(try Self.runTask(inner, task) == 0, "task \(task)")
        }
        let merged = try GGMSRunner.run(["merge", inner.path])
        #expect(merged.exitCode == alone.exitCode, "stdout:\n\(merged.stdout)\nstderr:\n\(merged.stderr)")
        if merged.exitCode == 1 {
            #expect(merged.stdout.contains("no protocol in cube \(count - 1) of \(count) with"), "answers for the cube:\n\(merged.stdout)")
        }
        let json = try GGMSRunner.run(["merge", inner.path, "--json"])
        let within = (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["within"] as? [String: Any]
        #expect(within?["index"] as? Int == count - 1 && within?["count"] as? Int == count, "\(json.stdout)")
        // A record of another split's cube (same count, other entries) is refused, not counted.
        let stale = outer.appendingPathComponent("stale")
        #expect(try GGMSRunner.run(["split", "Specs/consensus3-short.smt2", "--cubes", "\(innerCount)", "--output-dir", stale.path]).exitCode == 0)
        if try Self.cubeCount(stale) == innerCount {
            #expect(try Self.runTask(stale, 0) == 0)
            try FileManager.default.removeItem(at: inner.appendingPathComponent("cube-000.json"))
            try FileManager.default.copyItem(at: stale.appendingPathComponent("cube-000.json"), to: inner.appendingPathComponent("cube-000.json"))
            let refused = try GGMSRunner.run(["merge", inner.path])
            #expect(refused.exitCode == 65 && refused.stderr.contains("is not the record of a cube of this split"), "\(refused.stderr)")
        }
    }

    @Test func aCubeNotRunLeavesTheMergeInconclusive() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try GGMSRunner.run(["split", "Specs/consensus3-short.smt2", "--cubes", "3", "--output-dir", directory.path]).exitCode == 0)
        let count = try Self.cubeCount(directory)
        for task in 1..<count { #expect(try Self.runTask(directory, task) == 0) }
        let merged = try GGMSRunner.run(["merge", directory.path])
        #expect(merged.exitCode == 3)
        #expect(merged.stdout.contains("1 of \(count) cubes still open (0)"), "\(merged.stdout)")
        let empty = try GGMSRunner.run(["merge", directory.appendingPathComponent("none").path])
        #expect(empty.exitCode == 66, "\(empty.stderr)")
    }

    /// Splits never mix: a second split into a split's directory is refused and writes nothing,
    /// a record whose run read another version of its cube file is refused by merge, and the job
    /// script refuses a task id that names no cube.
    @Test func anEarlierSplitIsNeitherOverwrittenNorMerged() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try GGMSRunner.run(["split", "Specs/bench/consensus-n4-f2-r2.smt2", "--cubes", "4", "--output-dir", directory.path]).exitCode == 0)
        let count = try Self.cubeCount(directory)
        let first = directory.appendingPathComponent("cube-000.smt2")
        let before = try String(contentsOf: first, encoding: .utf8)
        let again = try GGMSRunner.run(["split", "Specs/bench/consensus-n4-f2-r3.smt2", "--cubes", "4", "--output-dir", directory.path])
        #expect(again.exitCode == 64 && again.stderr.contains("holds the files of an earlier split (cube-000.smt2"), "\(again.stderr)")
        #expect(try String(contentsOf: first, encoding: .utf8) == before, "nothing overwritten")
        for task in 0..<count { #expect(try Self.runTask(directory, task) == 0, "task \(task)") }
        #expect(try GGMSRunner.run(["merge", directory.path]).exitCode == 1, "consensus (4,2) in 2 rounds has no protocol")
        // The cube file changed after its run (same cube, other text): its record no longer counts.
        try (before + "; edited after the run\n").write(to: first, atomically: true, encoding: .utf8)
        let stale = try GGMSRunner.run(["merge", directory.path])
        #expect(stale.exitCode == 65 && stale.stderr.contains("cube-000.json: error: is the record of a run on another cube-000.smt2"), "\(stale.stderr)")
        try before.write(to: first, atomically: true, encoding: .utf8)
        #expect(try GGMSRunner.run(["merge", directory.path]).exitCode == 1, "the file as its run read it")
        // A record without the digest (an older ggms's, or edited) cannot be matched: refused.
        let recordFile = directory.appendingPathComponent("cube-001.json")
        var record = try Scratch.jsonObject(recordFile)
        record.removeValue(forKey: "specDigest")
        try JSONSerialization.data(withJSONObject: record).write(to: recordFile)
        let undigested = try GGMSRunner.run(["merge", directory.path])
        #expect(undigested.exitCode == 65 && undigested.stderr.contains("cube-001.json: error: holds no specDigest"), "\(undigested.stderr)")
        for id in ["abc", "\(count)", "", "18446744073709551617"] {
            #expect(try GGMSRunner.runArrayTask(directory.appendingPathComponent("cubes.sbatch"), id: id) == 64, "SLURM_ARRAY_TASK_ID=\(id)")
        }
        // A cube file under another cube's name, and a missing one.
        try FileManager.default.copyItem(at: directory.appendingPathComponent("cube-001.smt2"), to: directory.appendingPathComponent("cube-\(String(format: "%03d", count)).smt2"))
        let misnamed = try GGMSRunner.run(["merge", directory.path])
        #expect(misnamed.exitCode == 65 && misnamed.stderr.contains("is cube 1 of \(count), whose file is cube-001.smt2"), "\(misnamed.stderr)")
        try FileManager.default.removeItem(at: directory.appendingPathComponent("cube-\(String(format: "%03d", count)).smt2"))
        try FileManager.default.removeItem(at: directory.appendingPathComponent("cube-001.smt2"))
        let missing = try GGMSRunner.run(["merge", directory.path])
        #expect(missing.exitCode == 66 && missing.stderr.contains("lacks cube files (cube-001.smt2)"), "\(missing.stderr)")
    }

    /// A cube file whose fixed entry does not exist in the spec's table is bad input, located.
    @Test func aMalformedCubeFileIsBadInput() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = try String(contentsOfFile: GGMSRunner.root.appendingPathComponent("Specs/consensus3-short.smt2").path, encoding: .utf8)
        let file = directory.appendingPathComponent("c.smt2")
        try (spec + "\n;; ggms-cube: 0 of 2\n;; ggms-fix: next 9999 = 1\n").write(to: file, atomically: true, encoding: .utf8)
        let run = try GGMSRunner.run(["synthesize", file.path, "--output", directory.appendingPathComponent("c.protocol").path])
        #expect(run.exitCode == 65)
        // Located at the entry's own line, its first word.
        let line = spec.split(separator: "\n", omittingEmptySubsequences: false).count + 2
        #expect(run.stderr.contains("c.smt2:\(line):14: error: the cube does not fit the spec: next 9999 is not an entry"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("c.protocol").path))
    }

    /// `--counterexamples` and `--candidate-order` reach every task of a cegis split, and are
    /// refused for another strategy or out of range, by split and synthesize alike.
    @Test func counterexamplesGoToTheTasksOfACEGISSplit() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let split = try GGMSRunner.run(["split", "Specs/consensus3-short.smt2", "--cubes", "2", "--strategy", "cegis",
                                        "--counterexamples", "4", "--output-dir", directory.path])
        #expect(split.exitCode == 0, "\(split.stderr)")
        let script = try String(contentsOf: directory.appendingPathComponent("cubes.sbatch"), encoding: .utf8)
        #expect(script.contains("'--strategy' 'cegis'") && script.contains("'--counterexamples' '4'"), "\(script)")
        let ordered = directory.appendingPathComponent("ordered")
        let orderedSplit = try GGMSRunner.run(["split", "Specs/consensus3-short.smt2", "--cubes", "2", "--strategy", "cegis",
                                               "--candidate-order", "spread", "--output-dir", ordered.path])
        #expect(orderedSplit.exitCode == 0, "\(orderedSplit.stderr)")
        let orderedScript = try String(contentsOf: ordered.appendingPathComponent("cubes.sbatch"), encoding: .utf8)
        #expect(orderedScript.contains("'--candidate-order' 'spread'") && !script.contains("--candidate-order"), "\(orderedScript)")
        for arguments in [["split", "Specs/consensus3-short.smt2", "--cubes", "2", "--candidate-order", "spread", "--output-dir", directory.appendingPathComponent("y").path],
                          ["synthesize", "Specs/consensus3-short.smt2", "--candidate-order", "spread"]] {
            let run = try GGMSRunner.run(arguments)
            #expect(run.exitCode == 64 && run.stderr.contains("--candidate-order spread applies to --strategy cegis only"), "\(arguments): \(run.stderr)")
        }
        let sideways = try GGMSRunner.run(["synthesize", "Specs/consensus3-short.smt2", "--strategy", "cegis", "--candidate-order", "sideways"])
        #expect(sideways.exitCode == 64 && sideways.stderr.contains("near-last") && sideways.stderr.contains("spread"), "\(sideways.stderr)")
        for arguments in [["split", "Specs/consensus3-short.smt2", "--cubes", "2", "--counterexamples", "4", "--output-dir", directory.appendingPathComponent("x").path],
                          ["synthesize", "Specs/consensus3-short.smt2", "--counterexamples", "4"],
                          ["synthesize", "Specs/consensus3-short.smt2", "--strategy", "cegis", "--counterexamples", "0"]] {
            let run = try GGMSRunner.run(arguments)
            #expect(run.exitCode == 64 && run.stderr.contains("--counterexamples"), "\(arguments): \(run.stderr)")
        }
    }

    /// A misspelled directive is an error, not a comment: ignoring it would search a larger
    /// part of the space than the file says.
    @Test func aMisspelledDirectiveIsBadInput() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = try String(contentsOfFile: GGMSRunner.root.appendingPathComponent("Specs/consensus3-short.smt2").path, encoding: .utf8)
        let line = spec.split(separator: "\n", omittingEmptySubsequences: false).count + 2
        for (directive, says) in [(";; ggms-fixx: init 0 = 0", "unknown directive 'ggms-fixx' (did you mean 'ggms-fix'?)"),
                                  (";; ggms-fix init 0 = 0", "'ggms-fix' without a colon after it"),
                                  (";; ggms_fix: init 0 = 0", "unknown directive 'ggms_fix' (did you mean 'ggms-fix'?)"),
                                  (";; ggms fix: init 0 = 0", "unknown directive 'ggms fix' (did you mean 'ggms-fix'?)"),
                                  (";; GGMS-FIX: init 0 = 0", "unknown directive 'GGMS-FIX' (did you mean 'ggms-fix'?)")] {
            let file = directory.appendingPathComponent("c.smt2")
            try (spec + "\n;; ggms-cube: 0 of 2\n\(directive)\n").write(to: file, atomically: true, encoding: .utf8)
            let run = try GGMSRunner.run(["synthesize", file.path, "--output", directory.appendingPathComponent("c.protocol").path])
            #expect(run.exitCode == 65, "\(directive)")
            #expect(run.stderr.contains("c.smt2:\(line):4: error: \(says)"), "\(run.stderr)")
        }
        // Blanks, semicolons and line ends may differ from what split writes; the directive
        // still counts. Comments that only mention ggms are comments.
        let file = directory.appendingPathComponent("c.smt2")
        let edited = spec + "\n;ggms-cube: 0 of 2 ; first half\n; ggms-no-encoder: slow here\n   ;;;  ggms-fix:  init 0 = 9\n"
        for text in [edited, edited.replacingOccurrences(of: "\n", with: "\r\n")] {
            try text.write(to: file, atomically: true, encoding: .utf8)
            let run = try GGMSRunner.run(["synthesize", file.path, "--output", directory.appendingPathComponent("c.protocol").path])
            #expect(run.exitCode == 65 && run.stderr.contains("c.smt2:\(line + 1):20: error: the cube does not fit the spec: init 0 = 9 is out of range"), "\(run.stderr)")
        }
    }

    /// A record cut short (a task killed while writing) is named with where its JSON ends.
    @Test func aTruncatedRecordIsLocated() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let split = try GGMSRunner.run(["split", "Specs/consensus3-short.smt2", "--cubes", "2", "--output-dir", directory.path])
        #expect(split.exitCode == 0, "\(split.stderr)")
        try Data("{\n  \"kind\": \"synthesize\",\n  \"spec\": ".utf8).write(to: directory.appendingPathComponent("cube-000.json"))
        let merge = try GGMSRunner.run(["merge", directory.path])
        #expect(merge.exitCode == 65)
        #expect(merge.stderr.contains("cube-000.json:3:11: error: not valid JSON: the file ends where a value"), "\(merge.stderr)")
    }
}

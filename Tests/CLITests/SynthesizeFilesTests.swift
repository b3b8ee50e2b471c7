import Foundation
import Testing

/// `ggms synthesize`'s result files end to end (README "ggms synthesize SPEC"): `--output` is
/// written through links and devices instead of replacing them, `-` prints the protocol alone on
/// stdout, and a run that finds nothing never passes an earlier protocol off as its own. Every
/// run writes into a fresh temporary directory.
@Suite(.timeLimit(.minutes(5))) struct SynthesizeFilesTests {
    /// Found in well under a second.
    static let consensus = "Specs/consensus3.smt2"
    /// Unrealizable, proved in well under a second.
    static let short = "Specs/consensus3-short.smt2"

    @Test(.timeLimit(.minutes(5)))
    func aLinkToARegularFileIsWrittenThrough() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fm = FileManager.default
        let real = directory.appendingPathComponent("real")
        try fm.createDirectory(at: real, withIntermediateDirectories: true)
        let target = real.appendingPathComponent("p.protocol")
        try "old\n".write(to: target, atomically: false, encoding: .utf8)
        try fm.setAttributes([.posixPermissions: 0o640], ofItemAtPath: target.path)
        let link = directory.appendingPathComponent("link.protocol")
        try fm.createSymbolicLink(atPath: link.path, withDestinationPath: "real/p.protocol")

        let output = try GGMSRunner.run(["synthesize", Self.consensus, "--output", link.path, "--quiet"])
        #expect(output.exitCode == 0, "stderr:\n\(output.stderr)")
        #expect(try fm.destinationOfSymbolicLink(atPath: link.path) == "real/p.protocol", "the link was replaced")
        let written = try String(contentsOf: target, encoding: .utf8)
        #expect(written.hasPrefix("# synthesized by ggms"), "\(target.path):\n\(written)")
        #expect((try fm.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int) == 0o640)
        #expect(try fm.contentsOfDirectory(atPath: real.path) == ["p.protocol"], "a temporary file was left behind")
        let record = try Scratch.jsonObject(directory.appendingPathComponent("link.json"))
        #expect(record["outcome"] as? String == "found")
        #expect(output.stdout.contains("wrote \(link.path) and \(directory.appendingPathComponent("link.json").path)"), "\(output.stdout)")
    }

    #if os(Linux)
    /// The reported bug: `--output /dev/stdout` replaced the link with a regular file and wrote
    /// `/dev/stdout.json`. Now the protocol goes to stdout and the report to stderr.
    @Test(.timeLimit(.minutes(5)), arguments: ["/dev/stdout", "/proc/self/fd/1", "LINK"])
    func standardOutputByAnyNameIsWrittenNotReplaced(_ name: String) throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var path = name
        if name == "LINK" {
            path = directory.appendingPathComponent("out.protocol").path
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "/proc/self/fd/1")
        }
        let output = try GGMSRunner.run(["synthesize", Self.consensus, "--output", path, "--quiet"])
        #expect(output.exitCode == 0, "stderr:\n\(output.stderr)")
        #expect(output.stdout.hasPrefix("# synthesized by ggms"), "stdout:\n\(output.stdout)")
        // The whole protocol, to its last rule (which protocol the run finds does not matter here).
        #expect(output.stdout.hasSuffix("\n") && output.stdout.split(separator: "\n").last?.trimmingCharacters(in: .whitespaces).hasPrefix("otherwise") == true,
                "stdout:\n\(output.stdout)")
        #expect(output.stderr.contains("found: a protocol verified for every execution"), "stderr:\n\(output.stderr)")
        #expect(Self.fileType("/dev/stdout") == S_IFLNK)
        if name == "LINK" { #expect(Self.fileType(path) == S_IFLNK) }
        #expect(!FileManager.default.fileExists(atPath: (path as NSString).deletingPathExtension + ".json"))
        #expect(!FileManager.default.fileExists(atPath: "/dev/stdout.json"))
    }

    /// A path that cannot be written is a usage error; when that shows only at the end (here:
    /// a directory that cannot be created under /proc, which root may seem to write in), the
    /// report still comes first, so the result is not lost.
    @Test(.timeLimit(.minutes(5)))
    func anUnwritablePathIsAUsageErrorAfterTheReport() throws {
        let path = "/proc/ggms-no-such-directory/x.protocol"
        let output = try GGMSRunner.run(["synthesize", Self.consensus, "--output", path, "--quiet"])
        #expect(output.exitCode == 64, "stderr:\n\(output.stderr)")
        #expect(output.stderr.hasPrefix("error: cannot write \(path) ("), "stderr:\n\(output.stderr)")
        if !output.stdout.isEmpty {
            #expect(output.stdout.contains("found: a protocol verified for every execution"), "stdout:\n\(output.stdout)")
            #expect(!output.stdout.contains("wrote "), "stdout:\n\(output.stdout)")
        }
    }
    #endif

    @Test(.timeLimit(.minutes(5)))
    func aDeviceIsWrittenAndGetsNoRecord() throws {
        let output = try GGMSRunner.run(["synthesize", Self.consensus, "--output", "/dev/null", "--quiet"])
        #expect(output.exitCode == 0, "stderr:\n\(output.stderr)")
        #expect(Self.fileType("/dev/null") == S_IFCHR)
        #expect(!FileManager.default.fileExists(atPath: "/dev/null.json"))
        #expect(output.stdout.hasSuffix("wrote /dev/null\n"), "stdout:\n\(output.stdout)")
    }

    @Test(.timeLimit(.minutes(5)))
    func aFIFOIsWrittenDirectly() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("pipe.protocol").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = Received()
        let reading = DispatchGroup()
        DispatchQueue.global().async(group: reading) {
            if let handle = FileHandle(forReadingAtPath: fifo) { received.set(handle.readDataToEndOfFile()) }
        }
        let output = try GGMSRunner.run(["synthesize", Self.consensus, "--output", fifo, "--quiet"])
        // Whatever happened, let the reader finish: a writer that opens and closes gives it EOF.
        let unblock = open(fifo, O_WRONLY | O_NONBLOCK)
        if unblock >= 0 { close(unblock) }
        reading.wait()
        #expect(output.exitCode == 0, "stderr:\n\(output.stderr)")
        #expect(String(decoding: received.data, as: UTF8.self).hasPrefix("# synthesized by ggms"))
        #expect(Self.fileType(fifo) == S_IFIFO)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("pipe.json").path))
    }

    /// `--output -`: stdout is the protocol file alone (it verifies), the report is on stderr,
    /// and the record is written only where `--record` says.
    @Test(.timeLimit(.minutes(5)))
    func dashPrintsTheProtocolAloneAndRecordIsExplicit() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let recordFile = directory.appendingPathComponent("run.json")
        let output = try GGMSRunner.run(["synthesize", Self.consensus, "--output", "-", "--record", recordFile.path, "--quiet"])
        #expect(output.exitCode == 0, "stderr:\n\(output.stderr)")
        #expect(output.stdout.hasPrefix("# synthesized by ggms"), "stdout:\n\(output.stdout)")
        #expect(output.stderr.contains("found: a protocol verified for every execution"), "stderr:\n\(output.stderr)")
        #expect(output.stderr.contains("wrote \(recordFile.path)\n"), "stderr:\n\(output.stderr)")
        let record = try Scratch.jsonObject(recordFile)
        let note = try #require(record["protocolFile"] as? [String: Any])
        #expect(note["path"] as? String == "-")
        #expect(note["writtenByThisRun"] as? Bool == true)
        #expect(record["protocolText"] as? String == output.stdout)

        let saved = directory.appendingPathComponent("saved.protocol")
        try output.stdout.write(to: saved, atomically: true, encoding: .utf8)
        let verified = try GGMSRunner.run(["verify", Self.consensus, saved.path])
        #expect(verified.exitCode == 0, "\(verified.stdout)\(verified.stderr)")
    }

    /// A run that finds nothing writes no protocol; an earlier run's protocol stays as it was and
    /// the new record says it is an earlier run's.
    @Test(.timeLimit(.minutes(5)))
    func aRunThatFindsNoneLeavesTheEarlierProtocolAndSaysSo() throws {
        let directory = try Scratch.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let protocolFile = directory.appendingPathComponent("x.protocol")
        let recordFile = directory.appendingPathComponent("x.json")

        let first = try GGMSRunner.run(["synthesize", Self.consensus, "--output", protocolFile.path, "--quiet"])
        #expect(first.exitCode == 0, "stderr:\n\(first.stderr)")
        let found = try Data(contentsOf: protocolFile)
        let firstNote = try #require(try Scratch.jsonObject(recordFile)["protocolFile"] as? [String: Any])
        #expect(firstNote["writtenByThisRun"] as? Bool == true)
        #expect(firstNote["fromAnEarlierRun"] as? Bool == false)

        let second = try GGMSRunner.run(["synthesize", Self.short, "--output", protocolFile.path, "--quiet"])
        #expect(second.exitCode == 1, "stderr:\n\(second.stderr)")
        #expect(try Data(contentsOf: protocolFile) == found)
        let record = try Scratch.jsonObject(recordFile)
        #expect(record["outcome"] as? String == "unrealizable")
        let note = try #require(record["protocolFile"] as? [String: Any])
        #expect(note["path"] as? String == protocolFile.path)
        #expect(note["writtenByThisRun"] as? Bool == false)
        #expect(note["fromAnEarlierRun"] as? Bool == true)
        #expect(second.stdout.contains("wrote \(recordFile.path); \(protocolFile.path) is an earlier run's protocol, left as it was (this run found none)"),
                "stdout:\n\(second.stdout)")

        // Without an earlier file there is nothing to leave.
        let fresh = directory.appendingPathComponent("fresh.protocol")
        let third = try GGMSRunner.run(["synthesize", Self.short, "--output", fresh.path, "--quiet"])
        #expect(third.exitCode == 1)
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
        let freshNote = try #require(try Scratch.jsonObject(directory.appendingPathComponent("fresh.json"))["protocolFile"] as? [String: Any])
        #expect(freshNote["fromAnEarlierRun"] as? Bool == false)
    }

    // MARK: - Helpers

    /// The type bits of `lstat` (the path itself, not what a link names).
    static func fileType(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }

    /// Bytes read on another thread.
    final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes = Data()
        func set(_ data: Data) { lock.lock(); bytes = data; lock.unlock() }
        var data: Data { lock.lock(); defer { lock.unlock() }; return bytes }
    }
}

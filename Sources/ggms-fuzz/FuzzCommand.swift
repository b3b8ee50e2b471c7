import ArgumentParser
import Foundation
import ReaderFuzzing

/// `ggms-fuzz`: fuzzes the spec and protocol readers in process (see README "Fuzzing the
/// readers"). Exits 0 when every input kept the readers' contract, 1 on a finding or a hang;
/// a crash kills it after naming the input in flight.
@main
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ggms-fuzz",
        abstract: "Fuzz the spec and protocol readers with mutated Specs/ and Protocols/ files.")

    @Option(help: "How many inputs to run.")
    var inputs = 100_000

    @Option(help: "The campaign's seed; input i is a function of the seed and i.")
    var seed: UInt64 = 1

    @Option(help: "The first input's index (to resume, or to split a campaign between processes).")
    var start = 0

    @Option(help: "Readers to fuzz, alternating: spec, protocol or spec,protocol.")
    var readers = "spec,protocol"

    @Option(help: "Directory of spec files to mutate (searched recursively).")
    var specs = "Specs"

    @Option(help: "Directory of protocol files to mutate (searched recursively).")
    var protocols = "Protocols"

    @Option(help: "Seconds one input may take before the run stops as hung.")
    var hangSeconds = 20.0

    @Option(help: "Write each finding's input to this directory as finding-INDEX.EXT.")
    var findingsDir: String?

    @Option(help: "How many of the most frequent rejection kinds to list per reader.")
    var showReasons = 12

    @Option(help: "Write input INDEX's bytes to stdout and judge it, instead of a campaign.")
    var replay: Int?

    mutating func validate() throws {
        guard inputs >= 0, start >= 0, hangSeconds > 0 else {
            throw ValidationError("--inputs and --start must be at least 0 and --hang-seconds above 0")
        }
        guard !chosenReaders.isEmpty, chosenReaders.count == readers.split(separator: ",").count else {
            throw ValidationError("--readers '\(readers)' is not a list of spec and protocol")
        }
    }

    private var chosenReaders: [Reader] { readers.split(separator: ",").compactMap { Reader(rawValue: String($0)) } }

    func run() throws {
        var corpus: [Reader: [[UInt8]]] = [:]
        for reader in chosenReaders {
            let directory = reader == .spec ? specs : protocols
            let files: [[UInt8]]
            do { files = try FuzzCampaign.corpusFiles(in: directory, for: reader) } catch {
                throw ValidationError("cannot read \(directory): \(error.localizedDescription); expected a directory of .\(reader.fileExtension) files")
            }
            guard !files.isEmpty else { throw ValidationError("no .\(reader.fileExtension) files under \(directory)") }
            corpus[reader] = files
        }
        let campaign = FuzzCampaign(seed: seed, corpus: corpus, readers: chosenReaders)
        if let replay {
            let (reader, bytes) = campaign.input(replay)
            FileHandle.standardOutput.write(Data(bytes))
            let verdict = campaign.run(replay).map(\.description) ?? "kept the contract"
            FileHandle.standardError.write(Data("input \(replay) (\(reader.rawValue), \(bytes.count) bytes): \(verdict)\n".utf8))
            throw ExitCode(verdict == "kept the contract" ? 0 : 1)
        }
        try runCampaign(campaign, corpusSizes: corpus.mapValues(\.count))
    }

    private func runCampaign(_ campaign: FuzzCampaign, corpusSizes: [Reader: Int]) throws {
        let sizes = chosenReaders.map { "\(corpusSizes[$0]!) \($0.rawValue) files" }.joined(separator: ", ")
        say("ggms-fuzz: seed \(seed), inputs \(start)..<\(start + inputs), corpus \(sizes)")
        CrashReport.install(seed: seed)
        Watchdog.start(limitSeconds: hangSeconds, seed: seed)
        let clock = ContinuousClock.now
        var tally = FuzzCampaign.Tally()
        var lastReport = ContinuousClock.now
        let chunk = 1_000
        var next = start
        while next < start + inputs {
            let end = min(next + chunk, start + inputs)
            campaign.run(next..<end, tally: &tally, onInput: { CrashReport.current.store($0, ordering: .relaxed) },
                         onFinding: { report($0) })
            next = end
            if lastReport.duration(to: .now) > .seconds(10) {
                lastReport = .now
                say("... \(tally.inputs) inputs, \(tally.findings) findings, "
                    + String(format: "%.0f s", Self.seconds(clock.duration(to: .now))))
            }
        }
        CrashReport.current.store(-1, ordering: .relaxed)
        let elapsed = Self.seconds(clock.duration(to: .now))
        let perReader = chosenReaders.map { "\($0.rawValue) \(tally.perReader[$0] ?? 0)" }.joined(separator: ", ")
        print("""
            inputs    \(tally.inputs) (\(perReader)), seed \(seed), indices \(start)..<\(start + inputs)
            time      \(String(format: "%.1f", elapsed)) s (\(String(format: "%.0f", Double(tally.inputs) / max(elapsed, 1e-9))) inputs/s)
            accepted  \(tally.accepted)
            rejected  \(tally.rejected) (located diagnostics)
            findings  \(tally.findings)
            slowest   input \(tally.slowestIndex), \(String(format: "%.3f", tally.slowestSeconds)) s
            """)
        for reader in chosenReaders {
            let top = (tally.reasons[reader] ?? [:]).sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(showReasons)
            guard !top.isEmpty else { continue }
            print("\(reader.rawValue) rejections, most frequent \(top.count) of \(tally.reasons[reader]!.count) kinds:")
            for (reason, count) in top { print(String(format: "  %9d  ", count) + reason) }
        }
        if tally.findings > 0 { throw ExitCode(1) }
    }

    private func report(_ finding: FuzzCampaign.Finding) {
        say("finding: \(finding) — replay: ggms-fuzz --seed \(seed) --readers \(readers) --replay \(finding.index)")
        guard let findingsDir else { return }
        let path = (findingsDir as NSString).appendingPathComponent("finding-\(finding.index).\(finding.reader.fileExtension)")
        try? FileManager.default.createDirectory(atPath: findingsDir, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data(finding.input))
    }

    private func say(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}

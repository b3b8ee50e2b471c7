import Foundation

/// A fuzzing campaign over the spec and protocol readers: input `i` is a pure function of the
/// seed and `i` (reader, corpus file, edits), so any input can be replayed alone.
///
/// Each input goes through `ReaderOracle.judge`; a crash or a hang is the caller's to catch
/// (the `ggms-fuzz` command watches the input in flight). Library code: it prints nothing.
public struct FuzzCampaign: Sendable {
    /// What one input was, and how the reader answered.
    public struct Finding: Sendable, CustomStringConvertible {
        public var index: Int
        public var reader: Reader
        public var input: [UInt8]
        public var problem: String
        public var description: String { "input \(index) (\(reader.rawValue)): \(problem)" }
    }

    /// Counts of a run.
    public struct Tally: Sendable {
        public var inputs = 0
        public var accepted = 0
        public var rejected = 0
        public var findings = 0
        /// Inputs per reader.
        public var perReader: [Reader: Int] = [:]
        /// Rejections per reader and reason (`ReaderOracle.reason(of:)`): which checks the
        /// inputs reached.
        public var reasons: [Reader: [String: Int]] = [:]
        /// The slowest input's seconds, and its index.
        public var slowestSeconds = 0.0
        public var slowestIndex = 0

        public init() {}
    }

    public let seed: UInt64
    /// The readers inputs are drawn for, in turn (input `i` goes to `readers[i % count]`).
    public let readers: [Reader]
    private let mutators: [Reader: Mutator]

    /// - Parameters:
    ///   - corpus: the files to mutate, per reader; every reader in `readers` needs at least one.
    ///   - readers: which readers to fuzz, alternating.
    /// - Precondition: `readers` is not empty and each has a non-empty corpus.
    public init(seed: UInt64, corpus: [Reader: [[UInt8]]], readers: [Reader] = Reader.allCases) {
        precondition(!readers.isEmpty, "no reader to fuzz")
        self.seed = seed
        self.readers = readers
        var mutators: [Reader: Mutator] = [:]
        for reader in readers {
            let files = corpus[reader] ?? []
            precondition(!files.isEmpty, "no corpus files for the \(reader.rawValue) reader")
            mutators[reader] = Mutator(corpus: files, dictionary: reader.dictionary)
        }
        self.mutators = mutators
    }

    /// Every regular file under `directory` (recursively) whose extension is the reader's.
    /// - Throws: Foundation's error if the directory cannot be listed.
    public static func corpusFiles(in directory: String, for reader: Reader) throws -> [[UInt8]] {
        let url = URL(fileURLWithPath: directory)
        guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: directory])
        }
        var files: [(String, [UInt8])] = []
        for case let file as URL in walker where file.pathExtension == reader.fileExtension {
            files.append((file.path, Array(try Data(contentsOf: file))))
        }
        return files.sorted { $0.0 < $1.0 }.map(\.1)  // a fixed order, so seeds replay anywhere
    }

    /// The reader and bytes of input `index`.
    public func input(_ index: Int) -> (reader: Reader, bytes: [UInt8]) {
        let reader = readers[index % readers.count]
        var random = FuzzRandom(seed: seed, index: index)
        return (reader, mutators[reader]!.input(using: &random))
    }

    /// Judges input `index`; nil when the reader kept its contract, else the finding.
    public func run(_ index: Int) -> Finding? {
        let (reader, bytes) = input(index)
        return run(bytes, reader: reader, index: index)
    }

    /// Judges `bytes` as input `index` of `reader`.
    func run(_ bytes: [UInt8], reader: Reader, index: Int) -> Finding? {
        switch ReaderOracle.judge(bytes, reader: reader) {
        case .accepted, .rejected: return nil
        case let .finding(problem): return Finding(index: index, reader: reader, input: bytes, problem: problem)
        }
    }

    /// Runs inputs `range` in order, adding to `tally`; calls `onInput` before each input (to
    /// let a watchdog see which one is in flight) and `onFinding` after each finding.
    public func run(_ range: Range<Int>, tally: inout Tally, onInput: (Int) -> Void = { _ in },
                    onFinding: (Finding) -> Void = { _ in }) {
        for index in range {
            onInput(index)
            let (reader, bytes) = input(index)
            let start = ContinuousClock.now
            let verdict = ReaderOracle.judge(bytes, reader: reader)
            let elapsed = start.duration(to: .now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            if seconds > tally.slowestSeconds { (tally.slowestSeconds, tally.slowestIndex) = (seconds, index) }
            tally.inputs += 1
            tally.perReader[reader, default: 0] += 1
            switch verdict {
            case .accepted: tally.accepted += 1
            case let .rejected(reason):
                tally.rejected += 1
                tally.reasons[reader, default: [:]][reason, default: 0] += 1
            case let .finding(problem):
                tally.findings += 1
                onFinding(Finding(index: index, reader: reader, input: bytes, problem: problem))
            }
        }
    }
}

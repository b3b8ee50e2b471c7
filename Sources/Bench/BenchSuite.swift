import Diagnostics
import Foundation
import SpecLanguage

/// One spec of a benchmark suite, with what the reports need to know about it.
public struct BenchSpec: Sendable {
    /// The path as the bench passes it to `ggms synthesize` (relative to the working directory
    /// when the suite was given relative).
    public var path: String
    /// The file name without `.smt2`, e.g. `consensus-n4-f2-r3`.
    public var name: String
    /// The file name up to `-n<digits>`, e.g. `consensus` (the whole name when it has no `-n<digits>`).
    public var family: String
    public var setting: Setting
    /// The spec's `:expect` attribute, if any.
    public var expect: Spec.Expectation?

    /// Whether runs on the spec are scored: only a spec with `:expect` says which answer is a
    /// success; without it the report shows the answers and their times, scored n/a.
    public var scored: Bool { expect != nil }

    /// Whether a run succeeds by proving that no protocol exists (otherwise by finding one).
    public var expectsUnrealizable: Bool { expect == .unrealizable }

    /// The answer that counts as success: `unrealizable` or `found`.
    public var successAnswer: BenchOutcome { expectsUnrealizable ? .unrealizable : .found }

    /// The plot panel and report section: the family, with unrealizable specs apart
    /// (`consensus (unrealizable)`).
    public var panel: String { expectsUnrealizable ? "\(family) (unrealizable)" : family }

    /// Whether a definite answer contradicts the spec's `:expect` (a soundness bug). Specs
    /// without `:expect` cannot be contradicted.
    public func contradicts(_ outcome: BenchOutcome) -> Bool {
        guard let expect else { return false }
        switch outcome {
        case .found: return expect == .unrealizable
        case .unrealizable: return expect == .realizable
        case .inconclusive, .harnessError, .interrupted: return false
        }
    }
}

extension BenchSpec: Codable {
    private enum CodingKeys: String, CodingKey { case path, name, family, setting, expect }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(String.self, forKey: .path)
        name = try c.decode(String.self, forKey: .name)
        family = try c.decode(String.self, forKey: .family)
        setting = try c.decode(Setting.self, forKey: .setting)
        let expectation = try c.decodeIfPresent(String.self, forKey: .expect)
        expect = try expectation.map { text in
            guard let value = Spec.Expectation(rawValue: text) else {
                throw DecodingError.dataCorruptedError(forKey: .expect, in: c, debugDescription: "expected realizable or unrealizable, not '\(text)'")
            }
            return value
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(path, forKey: .path)
        try c.encode(name, forKey: .name)
        try c.encode(family, forKey: .family)
        try c.encode(setting, forKey: .setting)
        try c.encodeIfPresent(expect?.rawValue, forKey: .expect)
    }
}

/// Reading a benchmark suite: every `*.smt2` file directly in one directory.
public enum BenchSuite {
    /// Loads and validates every spec in `directory` (a path as it exists on disk: the command
    /// line resolves the user's spelling first), ordered by family, then n, f, R and name.
    /// - Throws: `Diagnostic(.missingFile)` when the directory does not exist; `.usage` when it
    ///   is a file or holds no `.smt2` file; the spec's own diagnostic (`.badInput`, naming the
    ///   file) when a spec is malformed.
    /// - Complexity: one parse (and one Z3 context) per spec.
    public static func load(directory: String) throws(Diagnostic) -> [BenchSpec] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw Diagnostic(.missingFile, file: directory, message: "cannot read suite directory; expected an existing directory of .smt2 specs")
        }
        guard isDirectory.boolValue else {
            throw Diagnostic(.usage, file: nil, message: "--suite \(directory) is a file; expected a directory of .smt2 specs")
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".smt2") }.sorted()
        guard !names.isEmpty else {
            throw Diagnostic(.usage, file: nil, message: "suite \(directory) holds no .smt2 specs; expected at least one spec file in it")
        }
        var specs: [BenchSpec] = []
        for fileName in names {
            let path = (directory as NSString).appendingPathComponent(fileName)
            let spec = try Spec.load(path: path)
            let name = String(fileName.dropLast(".smt2".count))
            specs.append(BenchSpec(path: path, name: name, family: family(of: name), setting: spec.setting, expect: spec.expect))
        }
        return specs.sorted {
            let a = $0.setting, b = $1.setting
            return ($0.family, a.processes, a.crashes, a.rounds, $0.name) < ($1.family, b.processes, b.crashes, b.rounds, $1.name)
        }
    }

    /// The family of a spec named `name` (no extension): everything before the first
    /// `-n<digits>` component, e.g. `consensus-n4-f2-r3` → `consensus`.
    public static func family(of name: String) -> String {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() where index > 0 {
            if part.count > 1, part.first == "n", part.dropFirst().allSatisfy(\.isASCIIDigit) {
                return parts[..<index].joined(separator: "-")
            }
        }
        return name
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

import Diagnostics
import Foundation
import Game
import ProtocolLanguage
import SpecLanguage

/// Reading user files into values, with the file-level diagnostics.
enum Loading {
    static func spec(_ path: String) throws(Diagnostic) -> Spec {
        try Spec.load(path: path)
    }

    static func protocolDefinition(_ path: String) throws(Diagnostic) -> ProtocolDefinition {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw Diagnostic(.missingFile, file: path, message: "cannot read protocol file; expected an existing UTF-8 text file")
        }
        return try ProtocolDefinition.parse(text, file: path)
    }

    static func table(_ proto: ProtocolDefinition, for spec: Spec, file: String) throws(Diagnostic) -> TransitionTable {
        try TransitionTable.compile(proto, for: spec.setting, file: file)
    }

    /// `spec` with `processes` replaced by each value of an `A...B` range (or just `spec`).
    static func settings(of spec: Spec, range: String?) throws(Diagnostic) -> [Spec] {
        guard let range else { return [spec] }
        let parts = range.components(separatedBy: "...")
        let bounds = parts.count == 2 ? parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } : (Int(range).map { [$0, $0] } ?? [])
        guard bounds.count == 2, bounds[0] <= bounds[1] else {
            throw Diagnostic(.usage, file: nil, message: "--processes '\(range)' is not a range; expected A...B with A <= B, e.g. 3...8")
        }
        guard bounds[0] >= 2, bounds[1] <= Setting.maxProcesses else {
            throw Diagnostic(.usage, file: nil, message: "--processes \(range) is outside 2...\(Setting.maxProcesses); expected a range inside it")
        }
        var specs: [Spec] = []
        for n in bounds[0]...bounds[1] { specs.append(try spec.withProcesses(n)) }
        return specs
    }
}

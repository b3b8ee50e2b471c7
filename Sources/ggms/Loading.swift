import Diagnostics
import Foundation
import Game
import Interchange
import ProtocolLanguage
import SpecLanguage

/// Reading user files into values, with the file-level diagnostics.
enum Loading {
    static func spec(_ path: String) throws(Diagnostic) -> Spec {
        let path = resolve(path)
        try requireFile(path, kind: "spec", expected: "an SMT-LIB2 spec file")
        return try Spec.load(path: path)
    }

    /// A clear message for paths that cannot be a file: empty, or a directory (exit 66).
    static func requireFile(_ path: String, kind: String, expected: String) throws(Diagnostic) {
        guard !path.isEmpty else {
            throw Diagnostic(.missingFile, file: nil, message: "the \(kind) path is empty; expected the path of \(expected)")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Diagnostic(.missingFile, file: path, message: "is a directory; expected \(expected)")
        }
    }

    /// `path` as given when it exists; otherwise the path whose components match it ignoring
    /// case (so `specs/consensus3.smt2` finds `Specs/consensus3.smt2`), if exactly one does.
    static func resolve(_ path: String) -> String {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) { return path }
        var current = path.hasPrefix("/") ? "/" : "."
        var parts: [String] = []
        for component in path.split(separator: "/").map(String.init) {
            if component == "." { continue }
            let candidate = (current as NSString).appendingPathComponent(component)
            if fm.fileExists(atPath: candidate) {
                current = candidate
            } else {
                let matches = ((try? fm.contentsOfDirectory(atPath: current)) ?? []).filter { $0.lowercased() == component.lowercased() }
                guard matches.count == 1 else { return path }
                current = (current as NSString).appendingPathComponent(matches[0])
            }
            parts.append((current as NSString).lastPathComponent)
        }
        return path.hasPrefix("/") ? current : parts.joined(separator: "/")
    }

    static func protocolDefinition(_ path: String) throws(Diagnostic) -> ProtocolDefinition {
        let path = resolve(path)
        try requireFile(path, kind: "protocol", expected: "a protocol file")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic(.missingFile, file: path, message: "cannot read protocol file; expected an existing protocol file")
        }
        let text = try SourceText.decodeUTF8(data, file: path, expected: "a text file in the protocol language",
                                             lines: .anyNewline)
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
            throw Diagnostic(.usage, file: nil, message: "--processes '\(range)' is not a range; expected A...B with A <= B, e.g. 3...8, or A... for every n >= A")
        }
        guard bounds[0] >= 2, bounds[1] <= Setting.maxProcesses else {
            throw Diagnostic(.usage, file: nil, message: "--processes \(range) is outside 2...\(Setting.maxProcesses); expected a range inside it")
        }
        if spec.setting.identities, bounds[1] > SenderObservation.maxProcesses {
            throw Diagnostic(.usage, file: nil, message: "--processes \(range) goes above \(SenderObservation.maxProcesses), the most processes with identities (an observation records each sender); expected a range inside 2...\(SenderObservation.maxProcesses)")
        }
        var specs: [Spec] = []
        for n in bounds[0]...bounds[1] { specs.append(try spec.withProcesses(n)) }
        return specs
    }
}

extension Loading {
    /// A schedule file (`ggms simulate --schedule`): exit 66 when it is missing, 65 when it is
    /// malformed or not an execution of `setting` (`ScheduleFile`).
    static func schedule(_ path: String, setting: Setting, messageNames: [String]) throws(Diagnostic) -> Execution {
        try requireFile(path, kind: "schedule", expected: "a JSON schedule file")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic(.missingFile, file: path, message: "cannot read schedule file; expected an existing JSON schedule file")
        }
        let text = try SourceText.decodeUTF8(data, file: path, expected: "a JSON schedule", lines: .anyNewline)
        return try ScheduleFile.read(text, file: path, setting: setting, messageNames: messageNames)
    }
}

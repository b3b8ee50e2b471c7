import Diagnostics
import Foundation
import Records

/// Where `ggms synthesize` puts its results: decided and checked before the search starts (a
/// directory, or a place this process cannot write in, fails in a second, not after an hour's
/// run), written at the end.
///
/// - The protocol goes to `--output` (default `Results/<spec>.protocol`); `-` is standard
///   output. Paths are written through links and devices, never replacing them (`OutputFile`).
/// - The run record goes to `--record`, or else beside a protocol that is a regular file (the
///   same name with `.json`). Beside standard output, a device or a FIFO there is no record
///   unless `--record` asks for one.
/// - When the protocol or the record goes to standard output, the report goes to stderr, so
///   standard output holds that file alone; at most one of `--json`, `--output -` and
///   `--record -` may take standard output.
/// - A run that finds no protocol writes none and leaves an existing protocol file as it is; its
///   record says that file is an earlier run's (`protocolFile`), so a protocol and the record
///   beside it never pass for one run when they are not.
/// - The protocol and the record are staged, then renamed into place together: a failure leaves
///   both as they were.
struct SynthesisFiles {
    var protocolPath: String
    var protocolDestination: OutputFile.Destination
    /// Where the record goes; nil when nowhere.
    var recordPath: String?
    var recordDestination: OutputFile.Destination?

    static func plan(output: String?, record: String?, specName: String, json: Bool) throws(Diagnostic) -> SynthesisFiles {
        let protocolPath = output ?? "Results/\(specName).protocol"
        let protocolDestination = try destination(protocolPath, option: "--output")
        var recordPath = record
        if recordPath == nil, protocolDestination.isRegularFile {
            let beside = (protocolPath as NSString).deletingPathExtension + ".json"
            guard beside != protocolPath else {
                throw usage("--output \(protocolPath) ends in .json, so the run record beside it would replace it; expected a protocol path that does not end in .json, or --record FILE")
            }
            recordPath = beside
        }
        let recordDestination = try recordPath.map { path throws(Diagnostic) in try destination(path, option: "--record") }
        if let recordDestination, recordDestination == protocolDestination, recordDestination.isRegularFile {
            throw usage("--record \(recordPath!) is the protocol file itself; expected another file for the run record")
        }
        let onStandardOutput = [
            json ? "--json" : nil,
            protocolDestination.isStandardOutput ? "--output \(protocolPath)" : nil,
            recordDestination?.isStandardOutput == true ? "--record \(recordPath!)" : nil,
        ].compactMap { $0 }
        guard onStandardOutput.count <= 1 else {
            throw usage("\(onStandardOutput.joined(separator: " and ")) would each print on standard output; expected one of them")
        }
        return SynthesisFiles(protocolPath: protocolPath, protocolDestination: protocolDestination,
                              recordPath: recordPath, recordDestination: recordDestination)
    }

    /// Whether a file goes to standard output (the report then goes to stderr).
    var filesOnStandardOutput: Bool {
        protocolDestination.isStandardOutput || recordDestination?.isStandardOutput == true
    }

    /// What the record will say about the protocol file, for a run that `found` one or not.
    func note(found: Bool) -> ProtocolFileNote {
        var earlier = false
        if !found, case .regular(_, exists: true)? = try? OutputFile.destination(of: protocolPath) { earlier = true }
        return ProtocolFileNote(path: protocolPath, writtenByThisRun: found, fromAnEarlierRun: earlier)
    }

    /// Writes the protocol (when there is one) and the record (when it has a place).
    func write(protocolText: String?, recordText: String) throws(Diagnostic) {
        var files: [(text: String, path: String)] = []
        if let protocolText { files.append((protocolText, protocolPath)) }
        if let recordPath { files.append((recordText, recordPath)) }
        do throws(OutputFile.Failure) { try OutputFile.write(files) } catch {
            throw error.diagnostic(option: error.path == protocolPath ? "--output" : "--record")
        }
    }

    /// The line that says what was written, if anything is worth saying.
    func summary(_ note: ProtocolFileNote) -> String? {
        var written: [String] = []
        if note.writtenByThisRun, !protocolDestination.isStandardOutput { written.append(protocolPath) }
        if let recordPath, recordDestination?.isStandardOutput != true { written.append(recordPath) }
        var parts: [String] = []
        if !written.isEmpty { parts.append("wrote " + written.joined(separator: " and ")) }
        if note.fromAnEarlierRun {
            parts.append("\(protocolPath) is an earlier run's protocol, left as it was (this run found none)")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    private static func destination(_ path: String, option: String) throws(Diagnostic) -> OutputFile.Destination {
        do throws(OutputFile.Failure) {
            try OutputFile.checkWritable(path)
            return try OutputFile.destination(of: path)
        } catch {
            throw error.diagnostic(option: option)
        }
    }

    private static func usage(_ message: String) -> Diagnostic {
        Diagnostic(.usage, file: nil, message: message)
    }
}

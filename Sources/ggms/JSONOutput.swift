import ArgumentParser
import Diagnostics
import Foundation
import Records

/// JSON output with sorted keys.
///
/// A non-finite Double anywhere in the value (which plain JSON numbers cannot hold) is
/// written as the string `"inf"`, `"-inf"` or `"nan"` instead of failing the whole encoding.
enum JSONText {
    /// The encoder every JSON output uses.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// `value` as pretty-printed JSON.
    /// - Throws: the encoder's error (a bug in ggms: every value it prints is encodable).
    static func encoded(_ value: AnyEncodable) throws -> String {
        let data = try encoder().encode(value)
        guard let text = String(data: data, encoding: .utf8) else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "the encoder wrote bytes that are not UTF-8"))
        }
        return text
    }

    /// `value` as pretty-printed JSON; if it cannot be encoded (a bug), reports an internal
    /// error on stderr and exits 70 — never prints a partial or empty object.
    static func encode(_ value: AnyEncodable) -> String {
        do { return try encoded(value) } catch {
            _ = internalFailure("could not encode the result as JSON: \(error)")
            exit(ExitStatus.internalError)
        }
    }

    /// Prints a command's result record on stdout (`--json`); after it, a failure of the same
    /// command prints no error record (stdout holds one JSON object).
    static func printResult(_ value: some Encodable) {
        print(encode(AnyEncodable(value)))
        JSONErrors.shared.resultPrinted()
    }
}

struct AnyEncodable: Encodable {
    let encodeValue: (Encoder) throws -> Void
    init(_ value: some Encodable) { encodeValue = value.encode }
    func encode(to encoder: Encoder) throws { try encodeValue(encoder) }
}

/// Errors as JSON under `--json` (docs/json.md): `report` and `internalFailure` leave the
/// failure here, and `main` prints it as an `ErrorRecord` on stdout when the command ends with
/// exit 64, 65, 66 or 70 and printed no result.
final class JSONErrors: @unchecked Sendable {
    static let shared = JSONErrors()
    private let lock = NSLock()
    private var diagnostic: Diagnostic?
    private var printed = false

    /// Keeps the first failure reported (the one the command exits with).
    func failed(_ diagnostic: Diagnostic) {
        lock.withLock { if self.diagnostic == nil { self.diagnostic = diagnostic } }
    }

    func resultPrinted() { lock.withLock { printed = true } }

    /// Whether `arguments` (without the program name) ask for JSON: `--json` before any `--`.
    static func requested(_ arguments: [String]) -> Bool {
        (arguments.firstIndex(of: "--").map { Array(arguments[..<$0]) } ?? arguments).contains("--json")
    }

    /// The record to print for a command that failed with `code`, or nil (no JSON asked for, not
    /// a failure exit, or a result already printed).
    func record(arguments: [String], code: Int32, parserMessage: @autoclosure () -> String) -> ErrorRecord? {
        let failures = [ExitStatus.usage, ExitStatus.badInput, ExitStatus.missingFile, ExitStatus.internalError]
        guard Self.requested(arguments), failures.contains(code) else { return nil }
        let (diagnostic, printed) = lock.withLock { (self.diagnostic, self.printed) }
        guard !printed else { return nil }
        let kind = arguments.first.flatMap { name in
            GGMS.configuration.subcommands.contains { $0.configuration.commandName == name } ? name : nil
        } ?? "ggms"
        if let diagnostic, ExitStatus.code(for: diagnostic) == code { return ErrorRecord(kind: kind, diagnostic: diagnostic) }
        let message = parserMessage().trimmingCharacters(in: .whitespacesAndNewlines)
        return ErrorRecord(kind: kind, exitCode: code, message: message.isEmpty ? "exit \(code)" : message)
    }
}

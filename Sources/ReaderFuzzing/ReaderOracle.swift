import Diagnostics
import ProtocolLanguage
import SpecLanguage

/// What must hold when a reader reads any bytes at all: it either accepts them or throws a
/// `Diagnostic` that is bad input, names the file, has a line and a column inside the text,
/// and is one line that says what was expected. It never crashes or hangs (the caller watches
/// for those). An accepted protocol prints to text that reads back as the same protocol.
enum ReaderOracle {
    /// The reader's answer to one input, judged.
    enum Verdict: Equatable, Sendable {
        /// The reader accepted the input (and the acceptance checks passed).
        case accepted
        /// The reader rejected it with a diagnostic that meets the contract; `reason` is the
        /// message's kind (`ReaderOracle.reason(of:)`), for coverage statistics.
        case rejected(reason: String)
        /// A violation of the contract: what is wrong, with the diagnostic if there was one.
        case finding(String)
    }

    /// Runs `reader` on `bytes` the way the command line does (`SourceText.decodeUTF8`, then
    /// the parser) and judges the result.
    /// - Complexity: the reader's own (a spec that passes the syntax checks costs one Z3
    ///   context, about 5 ms).
    static func judge(_ bytes: [UInt8], reader: Reader) -> Verdict {
        let file = reader.fileName
        let text: String
        do {
            text = try SourceText.decodeUTF8(bytes, file: file, expected: "text", lines: reader.lineBreaks)
        } catch {
            // Bounds on the lossily decoded text: the bad byte's column is within its line.
            return check(error, in: String(decoding: bytes, as: UTF8.self), reader: reader)
        }
        do {
            switch reader {
            case .spec:
                let spec = try Spec.parse(text, file: file)
                return checkAccepted(spec)
            case .protocol:
                let definition = try ProtocolDefinition.parse(text, file: file)
                return checkRoundTrip(definition)
            }
        } catch {
            return check(error, in: text, reader: reader)
        }
    }

    /// The contract of a rejection.
    static func check(_ diagnostic: Diagnostic, in text: String, reader: Reader) -> Verdict {
        guard diagnostic.kind == .badInput else { return .finding("kind \(diagnostic.kind): \(diagnostic)") }
        guard diagnostic.file == reader.fileName else { return .finding("names another file: \(diagnostic)") }
        guard let line = diagnostic.line, let column = diagnostic.column else { return .finding("not located: \(diagnostic)") }
        let lengths = lineLengths(of: text, reader.lineBreaks)
        guard (1...lengths.count).contains(line) else {
            return .finding("line \(line) outside the text's \(lengths.count) lines: \(diagnostic)")
        }
        guard (1...(lengths[line - 1] + 1)).contains(column) else {
            return .finding("column \(column) outside line \(line) of \(lengths[line - 1]) scalars: \(diagnostic)")
        }
        let printed = diagnostic.description
        if let control = printed.unicodeScalars.first(where: { $0.properties.generalCategory == .control && $0 != "\n" }) {
            return .finding("printed diagnostic holds control character U+\(String(control.value, radix: 16, uppercase: true)): \(printed)")
        }
        guard printed.split(separator: "\n", omittingEmptySubsequences: false).count == 1 + diagnostic.notes.count else {
            return .finding("printed diagnostic is not one line per error and note: \(printed)")
        }
        guard diagnostic.message.contains("expected") else { return .finding("says nothing expected: \(diagnostic)") }
        return .rejected(reason: reason(of: diagnostic.message))
    }

    /// What kind of rejection a message is: the part before `;` with quoted text blanked and
    /// every word that holds a digit (`3`, `0xFF`, `p7`) replaced by `N`, so `unknown state 'c'`
    /// and `unknown state 'd'` count together.
    static func reason(of message: String) -> String {
        var unquoted = ""
        var quoted = false
        for character in message.prefix(while: { $0 != ";" }) {
            if character == "'" {
                if !quoted { unquoted += "'…'" }
                quoted.toggle()
            } else if !quoted {
                unquoted.append(character)
            }
        }
        var result = "", word = ""
        func flush() {
            result += word.contains(where: \.isNumber) ? "N" : word
            word = ""
        }
        for character in unquoted {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }

    /// What an accepted spec must satisfy (the type's own contract).
    static func checkAccepted(_ spec: Spec) -> Verdict {
        let s = spec.setting
        guard (2...Setting.maxProcesses).contains(s.processes), (0..<s.processes).contains(s.crashes),
              (1...Setting.maxRounds).contains(s.rounds), (1...Setting.maxValues).contains(s.inputs),
              (1...Setting.maxValues).contains(s.decisions), (1...Setting.maxStates).contains(s.states)
        else { return .finding("accepted a spec with setting \(s)") }
        guard !spec.properties.isEmpty else { return .finding("accepted a spec without assertions") }
        return .accepted
    }

    /// `parse(printed()) == definition`, as `ProtocolDefinition` promises for every valid one.
    static func checkRoundTrip(_ definition: ProtocolDefinition) -> Verdict {
        let printed = definition.printed()
        do {
            let again = try ProtocolDefinition.parse(printed, file: "printed.protocol")
            return again == definition ? .accepted : .finding("printed form reads back differently:\n\(printed)")
        } catch {
            return .finding("printed form is rejected (\(error)):\n\(printed)")
        }
    }

    /// Scalars per line (without terminators), lines ending as `breaks` says; independent of
    /// the readers' own line handling, which it checks.
    static func lineLengths(of text: String, _ breaks: SourceText.LineBreaks) -> [Int] {
        var lengths = [0]
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            switch (scalar, breaks) {
            case ("\n", .lineFeed):
                if afterCR { lengths[lengths.count - 1] -= 1 }  // "\r\n": the "\r" ends the line
                lengths.append(0)
            case ("\n", .anyNewline):
                if !afterCR { lengths.append(0) }
            case ("\r", .anyNewline):
                lengths.append(0)
            default:
                lengths[lengths.count - 1] += 1
            }
        }
        return lengths
    }
}

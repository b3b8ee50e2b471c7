import Diagnostics
import Testing

@Suite(.timeLimit(.minutes(5))) struct SourceTextTests {
    private func failure(_ bytes: [UInt8]) -> Diagnostic? {
        do {
            _ = try SourceText.decodeUTF8(bytes, file: "f.txt", expected: "text")
            Issue.record("accepted \(bytes)")
            return nil
        } catch {
            return error
        }
    }

    @Test func validTextDecodes() throws {
        #expect(try SourceText.decodeUTF8(Array("a é\r\nb".utf8), file: "f", expected: "x") == "a é\r\nb")
        #expect(try SourceText.decodeUTF8([UInt8](), file: "f", expected: "x") == "")
    }

    @Test func byteOrderMarkIsSkipped() throws {
        #expect(try SourceText.decodeUTF8([0xEF, 0xBB, 0xBF] + Array("(a)".utf8), file: "f", expected: "x") == "(a)")
        // Columns on line 1 do not count the mark.
        let error = failure([0xEF, 0xBB, 0xBF, UInt8(ascii: "a"), 0xFF])
        #expect(error?.line == 1 && error?.column == 2)
    }

    @Test func firstBadByteIsLocated() {
        // Line 3 (a CRLF ending counts once), after "é" (one scalar, two bytes) and "x".
        let error = failure(Array("one\r\ntwo\n".utf8) + [0xC3, 0xA9, UInt8(ascii: "x"), 0xFF, 0xFE])
        #expect(error?.kind == .badInput)
        #expect(error?.file == "f.txt")
        #expect(error?.line == 3)
        #expect(error?.column == 3)
        #expect(error?.message.contains("byte 0xFF") == true)
        #expect(error?.message.contains("expected text, in UTF-8") == true)
    }

    @Test func protocolLinesAlsoEndAtALoneCarriageReturn() throws {
        let bytes = Array("a\rb\r\nc\nd".utf8) + [0xFF]
        let protocolError = #expect(throws: Diagnostic.self) {
            try SourceText.decodeUTF8(bytes, file: "p", expected: "x", lines: .anyNewline)
        }
        #expect(protocolError?.line == 4 && protocolError?.column == 2)
        let specError = #expect(throws: Diagnostic.self) { try SourceText.decodeUTF8(bytes, file: "s", expected: "x") }
        #expect(specError?.line == 3 && specError?.column == 2)
    }

    @Test func truncatedSequenceAndLoneContinuationAreLocated() {
        #expect(failure([UInt8(ascii: "a"), 0xC3])?.column == 2)
        #expect(failure([0x80])?.column == 1)
        #expect(failure([0x0A, 0x0A, 0xE2, 0x82, UInt8(ascii: "b")])?.line == 3)
        #expect(failure([0xED, 0xA0, 0x80])?.message.contains("0xED") == true)  // an encoded surrogate
    }
}

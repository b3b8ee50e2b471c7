import Foundation
import Records
import Testing

/// `RecordProblem`: where a record's JSON breaks, judged by Foundation's own parser, and which
/// field a well-formed record gets wrong.
@Suite(.timeLimit(.minutes(5)))
struct RecordProblemTests {
    struct Shape: Codable { var spec: String; var runs: [Run]; struct Run: Codable { var seconds: Double } }

    func problem(_ text: String) -> RecordProblem {
        let data = Data(text.utf8)
        do {
            _ = try JSONDecoder().decode(Shape.self, from: data)
            Issue.record("\(text) decoded")
            return RecordProblem(DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "decoded")), data: data)
        } catch {
            return RecordProblem(error, data: data)
        }
    }

    @Test func syntaxErrorsAreLocated() {
        let cut = problem("{\n  \"spec\": \"a\",\n  \"runs\": [")
        #expect(cut.line == 3 && cut.column == 12 && cut.text.contains("the file ends where a value"), "\(cut)")
        let comma = problem("{\"spec\": \"a\" \"runs\": []}")
        #expect(comma.line == 1 && comma.column == 14 && comma.text.contains("',' or '}'"), "\(comma)")
        let empty = problem("")
        #expect(empty.line == 1 && empty.column == 1 && empty.text == "an empty file, not JSON")
        let zero = problem("{\"spec\": \"a\", \"runs\": [{\"seconds\": 01}]}")
        #expect(zero.line == 1 && zero.column == 37, "\(zero)")
        let crlf = problem("\u{FEFF}{\r\n  \"spec\": \"é\",\r\n  \"runs\": [{\"seconds\": 1e999}]\r\n}")
        #expect(crlf.line == 3 && crlf.column == 24 && crlf.text.contains("too large"), "\(crlf)")
        #expect(problem("[]").text == "the file's top level is not an object")
        let after = problem("{\"spec\": \"a\", \"runs\": []} x")
        #expect(after.column == 27 && after.text.contains("text follows"), "\(after)")
    }

    @Test func fieldProblemsAreNamed() {
        #expect(problem("{\"runs\": []}").text == "the field 'spec' is missing")
        #expect(problem("{\"spec\": 3, \"runs\": []}").text == "the field 'spec' is not a string")
        #expect(problem("{\"spec\": \"a\", \"runs\": [{\"seconds\": 1}, {\"seconds\": \"x\"}]}").text == "the field 'runs[1].seconds' is not a number")
        #expect(problem("{\"spec\": \"a\", \"runs\": [{}]}").text == "the field 'runs[0].seconds' is missing")
        #expect(problem("{\"spec\": \"a\", \"runs\": [{}]}").line == nil)
    }

    /// Where Foundation's parser fails, the scanner finds the break, and what the scanner calls
    /// JSON Foundation reads, on random edits of a record (bytes from JSON's own alphabet, so
    /// both read the same characters). Foundation also takes a comma before `}`, which RFC 8259
    /// does not; `RecordProblem` locates a break only when Foundation's parser failed.
    @Test func theScannerAgreesWithFoundation() throws {
        let base = Array("{\"spec\": \"a b\", \"runs\": [{\"seconds\": -1.5e3}, {\"seconds\": 0}], \"ok\": [true, false, null, \"\\n\"]}".utf8)
        let alphabet = Array("{}[]:,\" 0123456789-+.eEtrufalsn\\x".utf8)
        var rng = SystemRandomNumberGenerator()
        var disagreements: [String] = []
        for _ in 0..<3000 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[i] = alphabet.randomElement(using: &rng)!
                case 1: bytes.remove(at: i)
                default: bytes.insert(alphabet.randomElement(using: &rng)!, at: i)
                }
                if bytes.isEmpty { bytes = [0x20] }
            }
            let data = Data(bytes)
            let foundation = (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) != nil
            let corrupt = DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not JSON"))
            let ours = RecordProblem(corrupt, data: data).line == nil
            let text = String(decoding: bytes, as: UTF8.self)
            let laxComma = text.range(of: ",[ ]*[}\\]]", options: .regularExpression) != nil
            if foundation ? !ours && !laxComma : ours { disagreements.append(text) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }
}

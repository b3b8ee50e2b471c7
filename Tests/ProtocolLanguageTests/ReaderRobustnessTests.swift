import Diagnostics
import ProtocolLanguage
import Testing

/// Regressions for the protocol reader (issue "Reader robustness"): positions under every line
/// ending, NUL characters, and columns that count Unicode scalars as in specs.
@Suite(.timeLimit(.minutes(5))) struct ProtocolReaderRobustnessTests {
    static let lines = ["# header", "states a b", "init 0 -> a, 1 -> b", "decide a -> 0, b -> 1", "next", "  heard(a) >= 1 -> c",
                        "  otherwise -> self"]

    private func error(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
        do {
            _ = try ProtocolDefinition.parse(text, file: "p.protocol")
            Issue.record("accepted", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func unknownStateIsOnItsLineUnderEveryLineEnding(_ ending: String) {
        let diagnostic = error(Self.lines.joined(separator: ending) + ending)
        #expect(diagnostic?.line == 6 && diagnostic?.column == 20, "\(String(describing: diagnostic))")
        #expect(diagnostic?.message.contains("unknown state 'c'") == true)
    }

    @Test func missingSectionIsAtTheEndOfTheLastLine() {
        let diagnostic = error("states a\r\ninit 0 -> a\r\ndecide a -> 0\r\n")
        #expect(diagnostic?.line == 3 && diagnostic?.column == 14, "\(String(describing: diagnostic))")
    }

    @Test func crlfAndLoneCRParseLikeLineFeeds() throws {
        var fixed = Self.lines
        fixed[5] = "  heard(a) >= 1 -> b"
        let plain = try ProtocolDefinition.parse(fixed.joined(separator: "\n"), file: "p")
        #expect(try ProtocolDefinition.parse(fixed.joined(separator: "\r\n"), file: "p") == plain)
        #expect(try ProtocolDefinition.parse(fixed.joined(separator: "\r"), file: "p") == plain)
        #expect(try ProtocolDefinition.parse(fixed.joined(separator: "\r\r\n"), file: "p") == plain)  // blank lines between
        #expect(plain.comments == ["header"])
    }

    @Test func nulIsRejectedEvenInAComment() {
        let diagnostic = error("# a \u{0} comment\nstates a\n")
        #expect(diagnostic?.line == 1 && diagnostic?.column == 5, "\(String(describing: diagnostic))")
        #expect(diagnostic?.message.contains("NUL character") == true)
        #expect(error("states a\u{0}\n")?.column == 9)
    }

    @Test func columnsCountScalarsNotCharacters() {
        // "e\u{301}" is one Character but two scalars: the combining mark is at scalar column 20.
        var lines = Self.lines
        lines[0] = "# caf\u{65}\u{301}"
        lines[5] = "  heard(a) >= 1 -> b # e\u{301}"
        lines[6] = "  heard(a) < 1 -> e\u{301}"
        let diagnostic = error(lines.joined(separator: "\n"))
        #expect(diagnostic?.line == 7 && diagnostic?.column == 20, "\(String(describing: diagnostic))")
        #expect(diagnostic?.message.contains("unexpected character '\\u{0301}'") == true, "\(String(describing: diagnostic))")
    }
}

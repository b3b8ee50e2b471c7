import Foundation
import Testing
@testable import ReaderFuzzing

/// A bounded fuzzing campaign over both readers, from the shipped `Specs/` and `Protocols/`
/// (and two protocols with a message alphabet and a partial `decide` from the CLI fixtures):
/// every input is accepted or rejected with a located, one-line `Diagnostic`, and nothing
/// crashes or hangs. `ggms-fuzz` runs the same campaign for as many inputs as asked.
@Suite(.timeLimit(.minutes(5))) struct ReaderFuzzingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Protocols that use `messages`, `send` and a partial `decide`.
    static let alphabetFixtures = ["floodset-memory.protocol", "early-zero.protocol"]

    static func campaign(seed: UInt64, readers: [Reader] = Reader.allCases) throws -> FuzzCampaign {
        var corpus: [Reader: [[UInt8]]] = [:]
        corpus[.spec] = try FuzzCampaign.corpusFiles(in: root.appendingPathComponent("Specs").path, for: .spec)
        let fixtures = root.appendingPathComponent("Tests/CLITests/Fixtures")
        corpus[.protocol] = try FuzzCampaign.corpusFiles(in: root.appendingPathComponent("Protocols").path, for: .protocol)
            + alphabetFixtures.map { Array(try Data(contentsOf: fixtures.appendingPathComponent($0))) }
        return FuzzCampaign(seed: seed, corpus: corpus, readers: readers)
    }

    @Test func protocolReaderKeepsItsContract() throws {
        let campaign = try Self.campaign(seed: 2024, readers: [.protocol])
        var tally = FuzzCampaign.Tally()
        campaign.run(0..<4_000, tally: &tally, onFinding: { Issue.record("\($0)\n\(String(decoding: $0.input, as: UTF8.self))") })
        #expect(tally.inputs == 4_000)
        #expect(tally.accepted > 0 && tally.rejected > 0, "accepted \(tally.accepted), rejected \(tally.rejected)")
    }

    @Test func specReaderKeepsItsContract() throws {
        let campaign = try Self.campaign(seed: 2024, readers: [.spec])
        var tally = FuzzCampaign.Tally()
        campaign.run(0..<2_000, tally: &tally, onFinding: { Issue.record("\($0)\n\(String(decoding: $0.input, as: UTF8.self))") })
        #expect(tally.inputs == 2_000)
        #expect(tally.accepted > 0 && tally.rejected > 0, "accepted \(tally.accepted), rejected \(tally.rejected)")
    }

    @Test func inputsReplayFromSeedAndIndex() throws {
        let a = try Self.campaign(seed: 7), b = try Self.campaign(seed: 7), c = try Self.campaign(seed: 8)
        #expect(a.input(12_345).bytes == b.input(12_345).bytes)
        #expect(a.input(12_345).reader == .protocol && a.input(12_344).reader == .spec)
        #expect((0..<20).contains { a.input($0).bytes != c.input($0).bytes })
    }

    @Test func oracleFlagsBrokenDiagnostics() {
        #expect(ReaderOracle.lineLengths(of: "ab\r\ncd\re\n", .lineFeed) == [2, 4, 0])
        #expect(ReaderOracle.lineLengths(of: "ab\r\ncd\re\n", .anyNewline) == [2, 2, 1, 0])
        // The old NUL bug: a spec rejected as an internal error.
        let nul = Array("(set-info :processes 3)\n(set-info :crashes 1)\n(set-info :rounds 2)\n; \u{0}\n(assert true)\n".utf8)
        #expect(ReaderOracle.judge(nul, reader: .spec) == .rejected(reason: "NUL character (U+N) in the text"))
        #expect(ReaderOracle.judge(Array("states a\nnext\n".utf8), reader: .protocol)
                == .rejected(reason: "missing '…' section"))
        #expect(ReaderOracle.judge(Array("states a\ninit 0 -> a\ndecide a -> 0\nnext\notherwise -> a\n".utf8),
                                   reader: .protocol) == .accepted)
        let alphabet = "states a b\nmessages m\ninit 0 -> a\nsend a -> m, b -> m\ndecide\nnext\nheard(m) >= 1 -> b\n"
        #expect(ReaderOracle.judge(Array(alphabet.utf8), reader: .protocol) == .accepted)
        #expect(ReaderOracle.judge(Array(alphabet.replacingOccurrences(of: ", b -> m", with: "").utf8), reader: .protocol)
                == .rejected(reason: "state '…' has no send entry"))
    }
}

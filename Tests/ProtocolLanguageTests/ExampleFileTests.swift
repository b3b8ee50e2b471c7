import Foundation
import ProtocolLanguage
import Testing

/// The protocol files shipped in `Protocols/` parse, round-trip, and — where they carry no
/// end-of-line comments — are already in printed normal form.
@Suite(.timeLimit(.minutes(5))) struct ExampleFileTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Protocols")

    static var files: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".protocol") }.sorted().map { directory.appendingPathComponent($0) }
    }

    @Test func examplesParseAndRoundTrip() throws {
        let files = Self.files
        #expect(!files.isEmpty, "no .protocol files in \(Self.directory.path)")
        for url in files {
            let text = try String(contentsOf: url, encoding: .utf8)
            let p = try ProtocolDefinition.parse(text, file: url.lastPathComponent)
            #expect(try ProtocolDefinition.parse(p.printed(), file: "printed") == p, "\(url.lastPathComponent)")
            let hasTrailingComments = text.split(separator: "\n").contains { line in
                !line.hasPrefix("#") && line.contains("#")
            }
            if !hasTrailingComments {
                #expect(p.printed() == text, "\(url.lastPathComponent) is not in normal form")
            }
        }
    }
}

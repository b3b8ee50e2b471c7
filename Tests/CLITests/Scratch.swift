import Foundation
import Testing

/// Fresh temporary directories for runs that write files, and reading what they wrote.
enum Scratch {
    /// A new empty directory under the temporary directory; the caller removes it.
    static func directory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ggms-cli-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// A JSON object file (a run record).
    static func jsonObject(_ file: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    }
}

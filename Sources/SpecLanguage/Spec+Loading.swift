import Diagnostics
import Foundation

extension Spec {
    /// Reads and validates the spec file at `path` (see `parse(_:file:)`).
    /// - Throws: `Diagnostic(.missingFile)` if the file cannot be read; `.badInput` if it is not
    ///   UTF-8 text (located at the first bad byte) or not a valid spec.
    /// - Complexity: linear in the file's size, plus one Z3 context.
    public static func load(path: String) throws(Diagnostic) -> Spec {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path)
        else {
            throw Diagnostic(.missingFile, file: path, message: "cannot read spec file; expected an existing SMT-LIB2 file")
        }
        return try parse(SourceText.decodeUTF8(data, file: path, expected: "an SMT-LIB2 script"), file: path)
    }
}

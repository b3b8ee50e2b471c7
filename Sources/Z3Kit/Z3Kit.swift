import CZ3

/// Facts about the Z3 library this process is linked against.
public enum Z3Kit {
    /// Z3's full version string, e.g. `4.8.12.0`, for run records.
    /// - Complexity: O(1); safe from any thread (reads a constant of the library).
    public static var version: String {
        guard let text = Z3_get_full_version() else { return "unknown" }
        return String(cString: text)
    }
}

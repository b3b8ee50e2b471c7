import BLASKit
import Z3Kit

/// The version of ggms itself (`ggms --version`, every JSON record, protocol file comments).
public enum GGMSVersion {
    public static let current = "0.1.0"
}

/// The versions a run depended on: ggms, and the Z3 and OpenBLAS it was linked against. Every
/// JSON record ggms prints or writes carries them under `versions`.
public struct ToolVersions: Codable, Sendable, Equatable {
    public var ggms: String
    public var z3: String
    public var openblas: String

    /// The versions of this process.
    public init() {
        ggms = GGMSVersion.current
        z3 = Z3Kit.version
        openblas = BLAS.version
    }
}

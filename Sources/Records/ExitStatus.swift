import Diagnostics

/// The documented exit codes of every ggms command (README "Exit codes"), shared by the command
/// line, which exits with them, and the bench harness, which reads them from child processes.
public enum ExitStatus {
    /// Verified / found.
    public static let success: Int32 = 0
    /// Violated / no protocol exists.
    public static let negative: Int32 = 1
    /// Inconclusive: budget, interruption or solver.
    public static let inconclusive: Int32 = 3
    /// Impossible command-line parameters.
    public static let usage: Int32 = 64
    /// Malformed input data (spec or protocol).
    public static let badInput: Int32 = 65
    /// An input file is missing.
    public static let missingFile: Int32 = 66
    /// A bug in ggms (Z3 failures included).
    public static let internalError: Int32 = 70

    /// The exit code a diagnostic of this kind ends the command with.
    public static func code(for diagnostic: Diagnostic) -> Int32 {
        switch diagnostic.kind {
        case .badInput: return badInput
        case .missingFile: return missingFile
        case .usage: return usage
        case .internalError: return internalError
        }
    }
}

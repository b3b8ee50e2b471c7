import ArgumentParser
import Diagnostics

/// The documented exit codes (README "Exit codes").
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

    static func code(for diagnostic: Diagnostic) -> Int32 {
        switch diagnostic.kind {
        case .badInput: return badInput
        case .missingFile: return missingFile
        case .usage: return usage
        case .internalError: return internalError
        }
    }
}

/// Prints a diagnostic (its error line and notes) to stderr and returns the exit to throw.
func report(_ diagnostic: Diagnostic) -> ExitCode {
    Terminal.error(diagnostic.description)
    return ExitCode(ExitStatus.code(for: diagnostic))
}

/// Prints an internal error to stderr and returns exit 70.
func internalFailure(_ what: Any) -> ExitCode {
    Terminal.error("internal error: \(what) (this is a bug in ggms; please report it with the command line)")
    return ExitCode(ExitStatus.internalError)
}

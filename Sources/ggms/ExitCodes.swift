import ArgumentParser
import Diagnostics
import Records

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

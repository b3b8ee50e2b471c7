import ArgumentParser
import Diagnostics
import Records

/// Prints a diagnostic (its error line and notes) to stderr and returns the exit to throw.
/// Under `--json`, `main` also prints it as an error record on stdout (`JSONErrors`).
func report(_ diagnostic: Diagnostic) -> ExitCode {
    Terminal.error(diagnostic.description)
    JSONErrors.shared.failed(diagnostic)
    return ExitCode(ExitStatus.code(for: diagnostic))
}

/// Prints an internal error to stderr and returns exit 70.
func internalFailure(_ what: Any) -> ExitCode {
    let diagnostic = Diagnostic(.internalError, file: nil, message: "\(what) (this is a bug in ggms; please report it with the command line)")
    Terminal.error(diagnostic.headline)
    JSONErrors.shared.failed(diagnostic)
    return ExitCode(ExitStatus.internalError)
}

/// A failure reported by Z3 through its C API, turned into a Swift value.
///
/// Z3Kit installs no error handler (the default one calls `exit(1)`); after every fallible call
/// it reads `Z3_get_error_code` and throws one of these instead.
public enum Z3Error: Error, Hashable, Sendable, CustomStringConvertible {
    /// `Z3_mk_context_rc` returned no context (out of memory or a broken installation).
    case contextCreationFailed
    /// An API call failed: `code` is the raw `Z3_error_code`, `message` Z3's text for it.
    /// A sort error or an invalid argument here is a bug in the caller, not bad user input.
    case api(code: Int, message: String)
    /// `Z3_parse_smtlib2_string` rejected its input; the error carries the input's own position.
    case parse(Z3ParseError)

    public var description: String {
        switch self {
        case .contextCreationFailed: return "Z3 could not create a context"
        case let .api(code, message): return "Z3 error \(code): \(message)"
        case let .parse(error): return error.description
        }
    }
}

import CZ3

/// A reference-counted Z3 context (`Z3_mk_context_rc`) with no error handler installed.
///
/// Every object made from a context (sorts, declarations, terms, solvers, models) keeps it
/// alive, so it is released only after the last of them. A context is not thread-safe and is
/// deliberately not `Sendable`: create one inside the task that uses it.
///
/// Errors: Z3's default handler would call `exit(1)`; this context installs none, and every
/// fallible call reads `Z3_get_error_code` and throws a `Z3Error` instead.
///
/// - Complexity: creating a context costs about 5 ms; reuse it (and its solvers) for many queries.
public final class Z3Context {
    let pointer: OpaquePointer
    /// Who may stop this context's checks (`Z3Interrupter`, deadlines); see `Z3InterruptState`.
    let interruptState: Z3InterruptState

    /// Creates a context.
    /// - Throws: `Z3Error.contextCreationFailed` if Z3 returns no context.
    public init() throws(Z3Error) {
        _ = Z3Context.processParameters
        guard let config = Z3_mk_config() else { throw .contextCreationFailed }
        let context = Z3_mk_context_rc(config)
        Z3_del_config(config)
        guard let context else { throw .contextCreationFailed }
        Z3_set_error_handler(context, nil)
        pointer = context
        interruptState = Z3InterruptState(context: context)
    }

    /// Z3's process-wide parameters, set once before the first context is made (Swift runs a
    /// static initializer once, with other threads waiting), so no check ever reads them while
    /// they change.
    ///
    /// `model.compact=false`: `Z3_solver_get_model` no longer compresses each model (a rewrite
    /// of its function interpretations into a smaller form; every value a model gives stays the
    /// same). Its cost grows with the model, which holds every variable an incremental solver
    /// ever made, so late in long runs it cost as much as the checks: CEGIS on consensus (6,4)
    /// one round short went from 17.2–17.6 s to 14.7–14.9 s, the same 815 candidates.
    private static let processParameters: Void = {
        Z3_global_param_set("model.compact", "false")
    }()

    deinit {
        interruptState.contextClosed()
        Z3_del_context(pointer)
    }

    /// Throws the pending API error, if any, and clears it.
    /// - Complexity: O(1).
    func checkError() throws(Z3Error) {
        let code = Z3_get_error_code(pointer)
        guard code != Z3_OK else { return }
        throw takeError(code)
    }

    /// The error for `code` as a `Z3Error.api`, clearing Z3's pending error.
    func takeError(_ code: Z3_error_code) -> Z3Error {
        let message = Z3_get_error_msg(pointer, code).map { String(cString: $0) } ?? "unknown error"
        clearError()
        return .api(code: Int(code.rawValue), message: message)
    }

    /// The error after a constructor returned NULL (a generic one if Z3 set no code).
    func failure() -> Z3Error {
        let code = Z3_get_error_code(pointer)
        if code == Z3_OK { return .api(code: -1, message: "Z3 returned no object") }
        return takeError(code)
    }

    /// Resets Z3's pending error code. Some calls (the SMT-LIB2 parser among them) do not clear a
    /// stale error on success, so call this before such a call.
    func clearError() {
        Z3_set_error(pointer, Z3_OK)
    }

    /// Makes a Z3 symbol for `name` (symbols are owned by the context; no reference count).
    func symbol(_ name: String) -> Z3_symbol? {
        Z3_mk_string_symbol(pointer, name)
    }
}

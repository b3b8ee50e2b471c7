import CZ3

/// An incremental Z3 solver (`Z3_mk_solver`) with its own reference.
///
/// Reuse one solver for many related queries: an incremental check on a live solver costs tens
/// of microseconds where a fresh context costs milliseconds. Not `Sendable`.
///
/// Time limits: a check is bounded by the engine itself, never by Z3's `timeout` parameter (which
/// deadlocks in Debian's Z3 4.8.12): `setTimeout` sets a budget per check and `check(deadline:)`
/// an instant, and `Z3Watchdog` interrupts a check that runs past either. Such a check answers
/// `.unknown(reason: Z3CheckResult.timedOut)`; one stopped by `Z3Interrupter` answers
/// `.unknown(reason: Z3CheckResult.interrupted)`. Both are safe with many contexts on many threads.
///
/// Signals: Z3 by default replaces the process's SIGINT handler while a check runs and turns
/// Ctrl-C into a cancelled check, so the application never hears of it (the check answers
/// `unknown` and work goes on). Every solver made here turns that off (solver parameter
/// `ctrl_c` false): Ctrl-C belongs to the application, which stops a check with
/// `Z3Interrupter`.
public final class Z3Solver {
    /// The context this solver lives in; kept alive by the solver.
    public let context: Z3Context
    let pointer: OpaquePointer
    /// The bound on each check set by `setTimeout`; nil for none.
    public private(set) var timeout: Duration?

    /// Creates an empty solver for the default (combined) strategy.
    /// - Throws: `Z3Error.api` if Z3 returns no solver.
    public init(context: Z3Context) throws(Z3Error) {
        guard let raw = Z3_mk_solver(context.pointer) else { throw context.failure() }
        self.context = context
        self.pointer = raw
        Z3_solver_inc_ref(context.pointer, raw)
        try setParameter("ctrl_c", false)
    }

    /// Creates an empty solver specialised for `logic` (`Z3_mk_solver_for_logic`); `"QF_FD"`
    /// gives Z3's incremental SAT solver (Booleans, cardinality constraints, finite domains),
    /// which handles assumptions and unsat cores far faster than the general solver.
    /// - Throws: `Z3Error.api` if Z3 returns no solver.
    public init(context: Z3Context, logic: String) throws(Z3Error) {
        guard let raw = Z3_mk_solver_for_logic(context.pointer, context.symbol(logic)) else { throw context.failure() }
        self.context = context
        self.pointer = raw
        Z3_solver_inc_ref(context.pointer, raw)
        try setParameter("ctrl_c", false)
    }

    deinit {
        Z3_solver_dec_ref(context.pointer, pointer)
    }

    /// Bounds every later `check` to `milliseconds` of wall time, enforced by the engine
    /// (`Z3Watchdog`), not by Z3's timer. A check that runs out answers
    /// `.unknown(reason: Z3CheckResult.timedOut)`. Does not throw; kept `throws` for callers
    /// that set several parameters in one `do`.
    public func setTimeout(milliseconds: UInt32) throws(Z3Error) {
        timeout = .milliseconds(Int(max(milliseconds, 1)))
    }

    /// Sets an unsigned-integer solver parameter (see `z3 -p`).
    /// - Precondition: `name` is not `timeout` (Z3's timer deadlocks in 4.8.12; use `setTimeout`).
    /// - Throws: `Z3Error.api` if Z3 rejects the parameter.
    public func setParameter(_ name: String, _ value: UInt32) throws(Z3Error) {
        precondition(name != "timeout", "Z3Solver: Z3's timeout parameter deadlocks in 4.8.12; use setTimeout(milliseconds:)")
        try withParams { params in Z3_params_set_uint(context.pointer, params, context.symbol(name), value) }
    }

    /// Sets a Boolean solver parameter (see `z3 -p`).
    /// - Throws: `Z3Error.api` if Z3 rejects the parameter.
    public func setParameter(_ name: String, _ value: Bool) throws(Z3Error) {
        try withParams { params in Z3_params_set_bool(context.pointer, params, context.symbol(name), value) }
    }

    /// Sets a symbol-valued solver parameter (see `z3 -p`), e.g. `phase` to `always_false`.
    /// - Throws: `Z3Error.api` if Z3 rejects the parameter.
    public func setParameter(_ name: String, symbol value: String) throws(Z3Error) {
        try withParams { params in Z3_params_set_symbol(context.pointer, params, context.symbol(name), context.symbol(value)) }
    }

    private func withParams(_ fill: (OpaquePointer) -> Void) throws(Z3Error) {
        guard let params = Z3_mk_params(context.pointer) else { throw context.failure() }
        Z3_params_inc_ref(context.pointer, params)
        defer { Z3_params_dec_ref(context.pointer, params) }
        fill(params)
        try context.checkError()
        Z3_solver_set_params(context.pointer, pointer, params)
        try context.checkError()
    }

    /// Adds `term` to the solver's assertions at the current scope.
    /// - Throws: `Z3Error.api` unless `term` is a Boolean of this solver's context.
    public func assert(_ term: Z3AST) throws(Z3Error) {
        Z3_solver_assert(context.pointer, pointer, term.pointer)
        try context.checkError()
    }

    /// Opens a scope: assertions added after it are removed by the matching `pop`.
    public func push() {
        Z3_solver_push(context.pointer, pointer)
    }

    /// Closes `count` scopes. Precondition: at least `count` scopes are open.
    public func pop(_ count: Int = 1) {
        precondition(count <= scopes, "Z3Solver.pop: more pops than open scopes")
        Z3_solver_pop(context.pointer, pointer, UInt32(count))
    }

    /// The number of open scopes.
    public var scopes: Int {
        Int(Z3_solver_get_num_scopes(context.pointer, pointer))
    }

    /// Checks the assertions together with `assumptions` (Boolean terms assumed true for this
    /// check only), stopping at the earlier of `deadline` and now plus `timeout`.
    ///
    /// Soundness: `.unknown` (deadline, interruption, incompleteness, or a Z3 failure, whose
    /// message becomes the reason) is never `.sat` or `.unsat`. A check stopped by its deadline
    /// answers `.unknown(reason: Z3CheckResult.timedOut)`, one stopped by `Z3Interrupter`
    /// `.unknown(reason: Z3CheckResult.interrupted)`; after an interrupt no check starts.
    /// - Complexity: NP-hard in general and undecidable with quantifiers; bounded by the
    ///   deadline plus a few milliseconds (the watchdog's repeat interval).
    public func check(assumptions: [Z3AST] = [], deadline: ContinuousClock.Instant? = nil) -> Z3CheckResult {
        let bound = [deadline, timeout.map { ContinuousClock.now + $0 }].compactMap { $0 }.min()
        let state = context.interruptState
        guard let serial = state.begin(deadline: bound) else { return .unknown(reason: Z3CheckResult.interrupted) }
        let raw = uncheckedCheck(assumptions)
        switch state.end(serial) {
        case .normal: return raw
        case .stopped where !isDefinite(raw): return .unknown(reason: Z3CheckResult.interrupted)
        case .expired where !isDefinite(raw): return .unknown(reason: Z3CheckResult.timedOut)
        default: return raw
        }
    }

    private func isDefinite(_ result: Z3CheckResult) -> Bool {
        result == .sat || result == .unsat
    }

    private func uncheckedCheck(_ assumptions: [Z3AST]) -> Z3CheckResult {
        let result: Z3_lbool
        if assumptions.isEmpty {
            result = Z3_solver_check(context.pointer, pointer)
        } else {
            let raws: [Z3_ast?] = assumptions.map { $0.pointer }
            result = Z3_solver_check_assumptions(context.pointer, pointer, UInt32(raws.count), raws)
        }
        let code = Z3_get_error_code(context.pointer)
        if code != Z3_OK { return .unknown(reason: context.takeError(code).description) }
        if result == Z3_L_TRUE { return .sat }
        if result == Z3_L_FALSE { return .unsat }
        return .unknown(reason: reasonUnknown)
    }

    /// The assumptions of the last check that together are already unsatisfiable (a subset
    /// of the terms passed to `check(assumptions:)`, as Z3 returns them; not necessarily
    /// minimal). The last check must have answered `.unsat`.
    /// - Returns: nil when Z3 could not give the core (an API failure), which a caller must
    ///   not mistake for an empty core (an empty core means the assertions alone are unsat).
    /// - Complexity: O(core size).
    public func unsatCore() -> [Z3AST]? {
        guard let vector = Z3_solver_get_unsat_core(context.pointer, pointer) else {
            context.clearError()
            return nil
        }
        Z3_ast_vector_inc_ref(context.pointer, vector)
        defer { Z3_ast_vector_dec_ref(context.pointer, vector) }
        let size = Z3_ast_vector_size(context.pointer, vector)
        var core: [Z3AST] = []
        for i in 0..<size {
            guard let term = Z3_ast_vector_get(context.pointer, vector, i) else {
                context.clearError()
                return nil
            }
            core.append(Z3AST(context, term))
        }
        guard Z3_get_error_code(context.pointer) == Z3_OK else {
            context.clearError()
            return nil
        }
        return core
    }

    /// Why the last check answered unknown (`Z3_solver_get_reason_unknown`).
    public var reasonUnknown: String {
        Z3_solver_get_reason_unknown(context.pointer, pointer).map { String(cString: $0) } ?? "unknown"
    }

    /// The model of the last check, which must have answered `.sat`; nil if there is none.
    public func model() -> Z3Model? {
        guard let raw = Z3_solver_get_model(context.pointer, pointer) else {
            context.clearError()
            return nil
        }
        return Z3Model(context, raw)
    }
}

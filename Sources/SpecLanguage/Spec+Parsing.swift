import Diagnostics
import Z3Kit

extension Spec {
    /// Reads and fully validates a spec (docs/spec-format.md) from `text`.
    ///
    /// Checks, in order: S-expression syntax; that every command is `set-info`, `set-logic`,
    /// `define-fun`, `define-sort`, `assert`, `check-sat` or `exit`; the `set-info` attributes
    /// (`:processes`, `:crashes`, `:rounds` required); at least one `assert`; and finally Z3's
    /// own parse and sort check of the definitions and assertions against `Proc`, `input`,
    /// `decision`, `correct` at `n = :processes`.
    ///
    /// - Parameters:
    ///   - text: the SMT-LIB2 script.
    ///   - file: the path to name in diagnostics and in `Spec.file`.
    /// - Throws: `Diagnostic(.badInput)` naming the file, line and column, what is wrong and
    ///   what was expected; `.internalError` if Z3 itself fails (a bug, not the spec's).
    /// - Complexity: linear in `text`, plus one Z3 context (about 5 ms).
    public static func parse(_ text: String, file: String) throws(Diagnostic) -> Spec {
        let spec = try SpecParser.parse(text, file: file)
        try spec.validateWithSolver(usageKind: .badInput)
        return spec
    }

    /// The same spec at `n` processes: the assertions are re-read by Z3 with `p0 … p(n-1)`.
    ///
    /// `text` and `properties` are unchanged; `setting.processes`, `mentionedProcesses` and
    /// `isSymmetric` follow `n`.
    /// - Throws: `Diagnostic(.usage)` if `n` is outside `2...Setting.maxProcesses`, if
    ///   `setting.crashes >= n`, or if an assertion names a process constant `pK` with `K >= n`.
    /// - Complexity: linear in `text`, plus one Z3 context (about 5 ms).
    public func withProcesses(_ n: Int) throws(Diagnostic) -> Spec {
        guard (2...Setting.maxProcesses).contains(n) else {
            throw Diagnostic(.usage, file: file,
                             message: "cannot use \(n) processes; expected a number in 2...\(Setting.maxProcesses)")
        }
        guard setting.crashes < n else {
            throw Diagnostic(.usage, file: file,
                             message: "cannot use \(n) processes with \(setting.crashes) crashes; "
                             + "expected more than \(setting.crashes) processes")
        }
        if setting.identities, n > SenderObservation.maxProcesses {
            throw Diagnostic(.usage, file: file,
                             message: "cannot use \(n) processes with identities; expected at most \(SenderObservation.maxProcesses) (an observation records each sender)")
        }
        var copy = self
        copy.setting.processes = n
        // A round carries n(n-1) messages: losing up to more than that is losing up to all.
        copy.setting.losses = min(setting.losses, n * (n - 1))
        copy.attributeLocations[.processes] = nil
        copy.recomputeSymmetry()
        try copy.validateWithSolver(usageKind: .usage)
        return copy
    }

    /// Has Z3 parse the assertions in a throwaway context.
    private func validateWithSolver(usageKind: Diagnostic.Kind) throws(Diagnostic) {
        let context: Z3Context
        do {
            context = try Z3Context()
        } catch {
            throw Diagnostic(.internalError, file: file, message: "\(error); Z3 is unusable, not the spec — please report it")
        }
        _ = try solverAssertions(in: context, usageKind: usageKind)
    }
}

import Diagnostics

/// Catches a protocol given where a spec belongs, or a spec where a protocol belongs, by the
/// file names alone, before either file is read: the parse error the other language would give
/// (`malformed token '#'`) says nothing about the real mistake. Each is a usage error (64).
enum ArgumentRoles {
    static func isProtocol(_ path: String) -> Bool { path.lowercased().hasSuffix(".protocol") }
    static func isSpec(_ path: String) -> Bool { path.lowercased().hasSuffix(".smt2") }

    /// `ggms verify SPEC PROTOCOL`.
    static func verify(spec: String, protocolFile: String) throws(Diagnostic) {
        if isProtocol(spec) && isSpec(protocolFile) {
            throw usage("the spec and the protocol are swapped: \(spec) is a protocol and \(protocolFile) a spec; expected the spec first: ggms verify \(protocolFile) \(spec)")
        }
        if isProtocol(spec) {
            throw usage("\(spec) is a protocol where the spec belongs; expected a spec (.smt2) first: ggms verify SPEC PROTOCOL")
        }
        if isSpec(protocolFile) {
            throw usage("\(protocolFile) is a spec where the protocol belongs; expected a protocol (.protocol) second: ggms verify SPEC PROTOCOL")
        }
    }

    /// `ggms synthesize SPEC`.
    static func synthesize(spec: String) throws(Diagnostic) {
        if isProtocol(spec) {
            throw usage("\(spec) is a protocol; expected a spec (.smt2) to synthesize for (to check a protocol: ggms verify SPEC \(spec))")
        }
    }

    /// `ggms show PROTOCOL --table SPEC`.
    static func showTable(file: String, spec: String) throws(Diagnostic) {
        if isSpec(file) && isProtocol(spec) {
            throw usage("the protocol and the spec are swapped: \(file) is a spec and \(spec) a protocol; expected ggms show \(spec) --table \(file)")
        }
        if isProtocol(spec) {
            throw usage("--table \(spec) is a protocol; expected a spec (.smt2) whose setting the table is printed in")
        }
    }

    private static func usage(_ message: String) -> Diagnostic {
        Diagnostic(.usage, file: nil, message: message)
    }
}

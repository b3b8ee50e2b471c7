import ArgumentParser
import Diagnostics
import Foundation
import Interchange
import ProtocolLanguage
import SpecLanguage

/// `ggms export --promela SPEC PROTOCOL`: the protocol in the spec's setting as a Promela model
/// for SPIN (`PromelaModel`).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a protocol in a spec's setting as a model for another tool (Promela for SPIN).",
        discussion: """
        The model plays every execution of the bounded setting (inputs, the fault model's \
        adversary, the rounds) and asserts the spec's properties at the end. A property Promela \
        cannot state is named in a comment and on stderr. Check the model with: \
        spin -a model.pml && gcc -O2 -DSAFETY -o pan pan.c && ./pan. \
        Exit codes: 0 written, 64 usage, 65 malformed spec or protocol, 66 missing file, 70 internal error.
        """)

    @Flag(help: "Write a Promela model (the only format so far; required).") var promela = false
    @Argument(help: "The spec (SMT-LIB2, .smt2).") var spec: String
    @Argument(help: "The protocol (.protocol).") var protocolFile: String
    @Option(help: "Where to write the model (default: standard output; - for standard output).")
    var output: String = "-"
    @Option(help: "Export at N processes instead of the spec's :processes.")
    var processes: Int?
    @Option(help: "Z3 timeout per property, in milliseconds, at least 1 (to confirm a quantifier-free form).")
    var solverTimeout: UInt32 = 10_000

    func run() throws {
        guard promela else {
            throw report(Diagnostic(.usage, file: nil, message: "no format given; expected --promela (ggms export --promela SPEC PROTOCOL)"))
        }
        guard solverTimeout >= 1 else {
            throw report(Diagnostic(.usage, file: nil, message: "--solver-timeout 0 is below 1 millisecond; expected at least 1 millisecond"))
        }
        let model: PromelaModel
        do {
            try ArgumentRoles.verify(spec: spec, protocolFile: protocolFile)
            var loaded = try Loading.spec(spec)
            if let processes { loaded = try loaded.withProcesses(processes) }
            let proto = try Loading.protocolDefinition(protocolFile)
            model = try PromelaModel.generate(spec: loaded, proto: proto, protocolFile: protocolFile,
                                              timeoutMilliseconds: solverTimeout)
        } catch { throw report(error) }
        do { try OutputFile.write(model.text, to: output) } catch { throw report(error.diagnostic(option: "--output")) }
        for property in model.unstated {
            Terminal.error("\(spec): warning: the model does not check \(property.name): \(property.reason ?? "Promela cannot state it")")
        }
    }
}

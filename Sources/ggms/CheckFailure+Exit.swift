import ArgumentParser
import Checking
import Diagnostics
import ProtocolLanguage

extension CheckFailure {
    /// How a command ends when a check of `proto` (read from `protocolFile`, compiled at `n`
    /// processes) fails: a gap is the input's fault — bad input (exit 65), pointing at the last
    /// rule, where a covering rule would go, and naming `n`; every other failure (a replay that
    /// disagrees with the checker, Z3 failing) is a bug in ggms (exit 70). Prints the one line
    /// on stderr and returns the exit to throw.
    func exit(protocolFile: String, proto: ProtocolDefinition, processes n: Int) -> ExitCode {
        guard isInputError else { return internalFailure(self) }
        let location = proto.rules.last?.location
        return report(Diagnostic(.badInput, file: protocolFile, line: location?.line, column: location?.column,
                                 message: "at n = \(n), \(self)"))
    }
}

import ArgumentParser
import Checking
import Diagnostics
import Foundation
import Game
import ProtocolLanguage
import Records
import SpecLanguage

/// `ggms verify SPEC PROTOCOL --processes A...` (no upper bound): the every-n check.
extension VerifyCommand {
    /// The `A` of `--processes A...` when the range has no upper bound; nil otherwise.
    static func everyNLowerBound(_ range: String?) -> Int? {
        guard let range else { return nil }
        let text = range.trimmingCharacters(in: .whitespaces)
        guard text.hasSuffix("...") else { return nil }
        return Int(text.dropLast(3).trimmingCharacters(in: .whitespaces))
    }

    /// Checks the protocol for every `n >= from` and prints the verdict; exits 0 verified,
    /// 1 violated, 3 unknown, 65 outside the fragment or a reachable gap, 70 engine failure.
    func runEveryN(from: Int) throws {
        let token = CancellationToken()
        let signalSource = Terminal.cancelOnInterrupt(token)
        defer { signalSource.cancel() }
        let base: Spec, proto: ProtocolDefinition, specAtA: Spec
        do throws(Diagnostic) {
            try ArgumentRoles.verify(spec: spec, protocolFile: protocolFile)
            base = try Loading.spec(spec)
            proto = try Loading.protocolDefinition(protocolFile)
            guard from >= 2 else {
                throw Diagnostic(.usage, file: nil, message: "--processes \(from)... starts below 2; expected A... with A >= 2")
            }
            specAtA = try base.withProcesses(from)
        } catch { throw report(error) }
        let checker = EveryNChecker(proto: proto, spec: specAtA, protocolFile: protocolFile,
                                    timeoutMilliseconds: solverTimeout, cancellation: token)
        // Input outside the fragment or that does not compile is rejected before anything is printed.
        do { _ = try checker.checkInput() } catch { throw exit(for: error, spec: specAtA, proto: proto, processes: from) }
        if !json {
            Terminal.printNow(EveryNText.header(spec: spec, setting: VerifyResult.SettingSummary(specAtA.setting),
                                                protocolFile: protocolFile, protocolName: proto.name))
        }
        let progress = Terminal.Progress(quiet: quiet || json)
        progress.update("verifying every n >= \(from) (every-n: one Z3 query over counts)", seconds: 0)
        let outcome: EveryNReport
        do {
            outcome = try checker.check()
        } catch {
            progress.finish()
            if !json { Terminal.printNow(VerifySummary.stopped(at: nil)) }
            throw exit(for: error, spec: specAtA, proto: proto, processes: from)
        }
        progress.finish()
        let result = EveryNResult(spec: specAtA, specFile: spec, protocolFile: protocolFile, proto: proto, report: outcome)
        if json {
            JSONText.printResult(result)
        } else {
            print(EveryNText.body(result))
        }
        switch outcome.verdict {
        case .verified: return
        case .violated: throw ExitCode(ExitStatus.negative)
        case .unknown: throw ExitCode(ExitStatus.inconclusive)
        }
    }

    /// The located message and exit for a failed every-n check.
    private func exit(for failure: EveryNFailure, spec: Spec, proto: ProtocolDefinition, processes: Int) -> ExitCode {
        switch failure {
        case .input(let diagnostic): return report(diagnostic)
        case .gap(let gap, let n):
            return CheckFailure.gap(gap).exit(protocolFile: protocolFile, proto: proto, processes: n, crashes: spec.setting.crashes)
        case .check(let failure):
            return failure.exit(protocolFile: protocolFile, proto: proto, processes: processes, crashes: spec.setting.crashes)
        case .unsupported(let reason):
            var file = self.spec, location: SourceLocation?
            switch reason {
            case .readsIdentity: file = protocolFile; location = reason.location
            case .faultModel: location = spec.attributeLocation("faults")
            case .losses: location = spec.attributeLocation("losses")
            case .earlyDecision: location = spec.attributeLocation("early-decision")
            case .identities: location = spec.attributeLocation("identities")
            case .asymmetricSpec, .mixedQuantifier, .tooManyRepresentatives: break
            }
            return report(Diagnostic(.badInput, file: location?.file ?? file, line: location?.line, column: location?.column,
                                     message: "cannot verify for every n: \(reason)"))
        }
    }
}

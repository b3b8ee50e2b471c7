import Checking
import Game
import SpecLanguage

/// What `verify` knows about one n before its check runs — the spec, the protocol and how the
/// checker will treat them — rendered as the first three lines of that n's text
/// (`VerifyText.header`), printed before the check starts.
struct VerifyHeader {
    var spec: String
    var setting: VerifyResult.SettingSummary
    var symmetricSpec: Bool
    var protocolFile: String
    var protocolName: String?
    var checker: CheckerKind
    /// Whether permuted executions are merged (the fast checker on a symmetric spec and a
    /// table not by sender: `FastChecker.mergesPermutedExecutions`).
    var mergedSymmetric: Bool
    /// Whether the table reads `id` and who sent what (the reason nothing is merged).
    var readsIdentities: Bool
}

extension VerifyHeader {
    /// The header of the check `checker` is about to run on `table` against `spec`.
    init(spec: Spec, specFile: String, protocolFile: String, protocolName: String?, checker: CheckerKind,
         table: TransitionTable, options: CheckOptions) {
        self.init(spec: specFile, setting: VerifyResult.SettingSummary(spec.setting), symmetricSpec: spec.isSymmetric,
                  protocolFile: protocolFile, protocolName: protocolName, checker: checker,
                  mergedSymmetric: checker == .fast && FastChecker.mergesPermutedExecutions(table: table, spec: spec, options: options),
                  readsIdentities: table.bySender)
    }
}

extension VerifyResult {
    /// The header as the check reported it.
    var header: VerifyHeader {
        VerifyHeader(spec: spec, setting: setting, symmetricSpec: symmetricSpec, protocolFile: protocolFile,
                     protocolName: protocolName, checker: checker, mergedSymmetric: mergedSymmetric,
                     readsIdentities: readsIdentities)
    }
}

extension VerifyResult.SettingSummary {
    /// `setting` with the optional fields set only where they differ from the crash-fault
    /// defaults, so crash-fault results read as they always did.
    init(_ s: Setting) {
        self.init(processes: s.processes, crashes: s.crashes, rounds: s.rounds, inputs: s.inputs, decisions: s.decisions,
                  faults: s.faults == .crash ? nil : s.faults.name, losses: s.losses == 0 ? nil : s.losses,
                  earlyDecision: s.earlyDecision ? true : nil, identities: s.identities ? true : nil)
    }
}

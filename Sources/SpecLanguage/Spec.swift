import Diagnostics

/// A validated specification (docs/spec-format.md): the game's setting plus the assertions that must
/// hold on every outcome.
///
/// A `Spec` is a plain value (no Z3 objects): it can cross tasks. It has been checked
/// completely — S-expression syntax, commands, `set-info` attributes, and Z3's own parse and
/// sort check of every assertion against the engine's vocabulary at `setting.processes` — so a
/// `SpecEvaluator` built from it only fails if Z3 itself does.
public struct Spec: Sendable {
    /// The spec file's path as the user gave it (used verbatim in messages).
    public var file: String
    /// The file's full text.
    public var text: String
    /// The game parameters from the `set-info` attributes (or `withProcesses`).
    public var setting: Setting
    /// The `:expect` attribute: whether a protocol is supposed to exist, if the spec says.
    public var expect: Expectation?
    /// One entry per `assert`, in file order; `OutcomeVerdict.fails(property:)` indexes this.
    public var properties: [Property]
    /// True iff no assertion or definition names a process constant `pK` with `K < n`, so the
    /// checker may merge executions that differ by a permutation of processes.
    /// Conservative: a bound variable spelled `p0` also counts as a mention.
    public var isSymmetric: Bool
    /// The `K` of every process constant `pK` (`K < n`) the spec names, ascending, no repeats.
    public var mentionedProcesses: [Int]
    /// Whether the spec reads `(index p)`, which tells processes apart (then not symmetric).
    public var readsIndex: Bool
    /// Whether the spec reads any of `Spec.derivedTerms` (only then are their definitions
    /// given to Z3, so specs without them are solved exactly as before).
    public internal(set) var readsDerived: Bool
    /// The outcome's terms defined from `input`, `decision` and `correct` (`SpecVocabulary.derived`).
    static let derivedTerms: Set<String> = ["index", "decided", "decision-round", "faults", "lost"]

    /// `text` with every command Z3 must not see (`set-info`, `set-logic`, `check-sat`, `exit`)
    /// blanked to spaces, newlines kept, so Z3's positions are the file's own.
    var solverText: String
    /// Every `K` of a symbol spelled `pK` anywhere in definitions and assertions, ascending.
    var processSymbols: [Int]
    /// Where each attribute the file sets has its value; `withProcesses` drops `.processes`.
    var attributeLocations: [SpecAttribute: SourceLocation]

    /// The assertions' names, in order (for `ggms show`).
    /// - Complexity: O(`properties.count`).
    public var propertyNames: [String] { properties.map(\.name) }

    init(file: String, text: String, setting: Setting, expect: Expectation?, properties: [Property],
         solverText: String, processSymbols: [Int], readsIndex: Bool = false, readsDerived: Bool = false,
         attributeLocations: [SpecAttribute: SourceLocation] = [:]) {
        self.readsIndex = readsIndex
        self.readsDerived = readsDerived
        self.file = file
        self.text = text
        self.setting = setting
        self.expect = expect
        self.properties = properties
        self.solverText = solverText
        self.processSymbols = processSymbols
        self.attributeLocations = attributeLocations
        self.mentionedProcesses = []
        self.isSymmetric = true
        recomputeSymmetry()
    }

    /// Where the file sets attribute `name` (`"states"` or `":states"`): the location of its
    /// value in `(set-info :states 3)`. Nil when the file does not set it (the default applies),
    /// for `processes` once `withProcesses` has replaced it, and for an unknown name.
    /// - Complexity: O(1).
    public func attributeLocation(_ name: String) -> SourceLocation? {
        SpecAttribute(rawValue: name.hasPrefix(":") ? String(name.dropFirst()) : name).flatMap { attributeLocations[$0] }
    }

    /// Sets `mentionedProcesses` and `isSymmetric` for the current `setting.processes`.
    mutating func recomputeSymmetry() {
        mentionedProcesses = processSymbols.filter { $0 < setting.processes }
        isSymmetric = mentionedProcesses.isEmpty && !readsIndex
    }
}

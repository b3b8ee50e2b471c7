import Game
import Records
import Search
import SpecLanguage

/// What `ggms merge DIR --json` prints (docs/json.md).
struct MergeResult: Encodable {
    var kind = RecordKind.merge
    var versions = ToolVersions()
    /// `found` (a cube's protocol, verified again here), `unrealizable` (every cube refuted) or
    /// `inconclusive` (`reason` names the cubes still open).
    var outcome: SynthesisOutcome.Kind
    var reason: String?
    var spec: String
    var setting: Setting
    var directory: String
    var cubes: Int
    var refuted: Int
    /// Inconclusive: the cubes no run refuted (absent otherwise).
    var open: [Int]?
    var runsRecorded: Int
    /// The recorded cube runs' seconds, summed.
    var seconds: Double
    /// Found: the cube, its run record, the protocol and the re-verification here.
    var foundInCube: Int?
    var record: String?
    var protocolText: String?
    var trust: TrustReport?
    /// The cube of an earlier split whose cubes these are (`ggms split` of a cube file): the
    /// answer is that cube's, not the whole spec's. Absent for a split of the spec.
    var within: Within?

    struct Within: Encodable {
        var index: Int
        var count: Int
    }

    init(outcome: SynthesisOutcome.Kind, spec: Spec, directory: String, cubes: Int, refuted: Int, open: [Int],
         runsRecorded: Int, seconds: Double) {
        self.outcome = outcome
        self.spec = spec.file
        setting = spec.setting
        self.directory = directory
        self.cubes = cubes
        self.refuted = refuted
        self.open = open.isEmpty ? nil : open
        self.runsRecorded = runsRecorded
        self.seconds = seconds
    }
}

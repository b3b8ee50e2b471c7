import Utilities

/// A `set-info` attribute a spec may set (docs/spec-format.md), with the values it allows.
enum SpecAttribute: String, CaseIterable, Sendable {
    case processes
    case crashes
    /// `:faulty F`: the same bound as `:crashes` under its newer name (a spec sets one of them).
    case faulty
    /// `:faults MODEL`: the fault model (docs/spec-format.md); `crash` by default.
    case faults
    /// `:losses L`: messages the adversary may also lose per round on any links; 0 by default.
    case losses
    case rounds
    case inputs
    case decisions
    case states
    case roundAware = "round-aware"
    /// `:messages M`: synthesis chooses `send : state -> 0..M-1` (at most `:states`).
    case messages
    /// `:early-decision true`: a process decides the first time it is in a deciding state.
    case earlyDecision = "early-decision"
    /// `:identities true`: processes know their index and who sent each message.
    case identities
    case expect

    /// The attribute as written in a spec, e.g. `:round-aware`.
    var keyword: String { ":" + rawValue }

    /// Whether a spec must set it.
    /// (`:crashes` and `:faulty` are required as a pair: exactly one of them; see `SpecParser`.)
    var isRequired: Bool { self == .processes || self == .rounds }

    /// The numeric range it allows, nil for a symbolic attribute. `crashes` is further bounded
    /// by `processes` (checked once both are known).
    var range: ClosedRange<Int>? {
        switch self {
        case .processes: return 2...Setting.maxProcesses
        case .crashes, .faulty: return 0...(Setting.maxProcesses - 1)
        case .losses: return 0...(Setting.maxProcesses * (Setting.maxProcesses - 1))
        case .rounds: return 1...Setting.maxRounds
        case .inputs, .decisions: return 1...Setting.maxValues
        case .states, .messages: return 1...Setting.maxStates
        case .roundAware, .earlyDecision, .identities, .expect, .faults: return nil
        }
    }

    /// The symbols it allows, empty for a numeric attribute.
    var symbols: [String] {
        switch self {
        case .roundAware, .earlyDecision, .identities: return ["true", "false"]
        case .expect: return Spec.Expectation.allCases.map(\.rawValue)
        case .faults: return SpecAttribute.faultModels
        default: return []
        }
    }

    /// What a value should look like, for messages: `a numeral in 1...64`, `true or false`.
    var expectedValue: String {
        if let range { return "a numeral in \(range.lowerBound)...\(range.upperBound)" }
        guard symbols.count > 2 else { return symbols.joined(separator: " or ") }
        return "one of " + symbols.joined(separator: ", ")
    }

    /// The value of this attribute that `word` is likely a typo of (a wrong case included), if any.
    func suggestion(for word: String) -> String? {
        if let exact = symbols.first(where: { $0.lowercased() == word.lowercased() }) { return exact }
        return Spelling.suggestion(for: word, among: symbols)
    }

    /// An example command, for messages about a missing attribute.
    var example: String {
        switch self {
        case .processes: return "(set-info :processes N)"
        case .crashes: return "(set-info :crashes F)"
        case .rounds: return "(set-info :rounds R)"
        default: return "(set-info \(keyword) \(symbols.first ?? "1"))"
        }
    }

    /// The fault models the spec language names (`:faults`), in the order the docs list them.
    static let faultModels = FaultKind.allCases.map(\.name)

    /// Every attribute, as `:processes, :crashes, …`, for messages.
    static var allKeywords: String { allCases.map(\.keyword).joined(separator: ", ") }

    /// The known attribute `name` is a likely typo of, by `Spelling.suggestion`, if any.
    static func suggestion(for name: String) -> SpecAttribute? {
        Spelling.suggestion(for: name, among: allCases.map(\.rawValue)).flatMap(SpecAttribute.init(rawValue:))
    }
}

import Search

/// A synthesis outcome without its payload, for tests to compare (`SynthesisOutcome` carries
/// the inconclusive reason, so it is not `Equatable`).
enum SearchAnswer: Equatable {
    case found, unrealizable, inconclusive

    init(_ outcome: SynthesisOutcome) {
        switch outcome {
        case .found: self = .found
        case .unrealizable: self = .unrealizable
        case .inconclusive: self = .inconclusive
        }
    }
}

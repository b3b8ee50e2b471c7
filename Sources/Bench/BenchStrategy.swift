import Diagnostics
import Foundation
import Utilities

/// A strategy `ggms bench` compares. Each is a way of running `ggms synthesize`: one of its
/// `--strategy` values, or an ablation of `ggms`: `ggms-no-encoder` (`--no-encoder`, a uniform
/// prior) or `ggms-no-symbolic` (`--no-symbolic-learning`, the explicit counterexample pool only).
public enum BenchStrategy: String, CaseIterable, Sendable, Codable {
    case ggms
    case ggmsNoEncoder = "ggms-no-encoder"
    case ggmsNoSymbolic = "ggms-no-symbolic"
    case mcts
    case mctsDFS = "mcts-dfs"
    case dfs
    case cegis
    case random

    /// Whether the strategy can prove that no protocol exists. Incomplete strategies (`mcts`,
    /// `random`) only ever find protocols, so the bench does not run them on specs that expect
    /// `unrealizable`.
    public var isComplete: Bool { self != .mcts && self != .random }

    /// Whether the strategy ignores the seed; the bench runs such strategies with seed 1 only.
    public var isDeterministic: Bool { self == .dfs || self == .cegis }

    /// The seeds to run for `seeds` requested seeds: `1...seeds`, or just 1 when deterministic.
    /// - Precondition: `seeds >= 1`.
    public func seedsToRun(_ seeds: Int) -> [Int] {
        precondition(seeds >= 1, "seeds must be at least 1 (validated by the command)")
        return isDeterministic ? [1] : Array(1...seeds)
    }

    /// The `ggms synthesize` arguments that select this strategy.
    public var synthesizeArguments: [String] {
        switch self {
        case .ggmsNoEncoder: return ["--strategy", "ggms", "--no-encoder"]
        case .ggmsNoSymbolic: return ["--strategy", "ggms", "--no-symbolic-learning"]
        default: return ["--strategy", rawValue]
        }
    }

    /// Every strategy, in the default order, as the `--strategies` default.
    public static let defaultList = allCases.map(\.rawValue).joined(separator: ",")

    /// Parses a comma-separated list such as `ggms,dfs`; case and spaces around names are ignored and a
    /// repeated name counts once (first occurrence keeps its place).
    /// - Throws: `Diagnostic(.usage)` for an unknown or empty name, or an empty list.
    public static func parseList(_ text: String) throws(Diagnostic) -> [BenchStrategy] {
        let expected = "expected a comma-separated list of \(allCases.map(\.rawValue).joined(separator: ", "))"
        var list: [BenchStrategy] = []
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        for name in names {
            guard let strategy = BenchStrategy(rawValue: name.lowercased()) else {
                var what = name.isEmpty ? "an empty strategy name in --strategies '\(text)'" : "unknown strategy '\(name)'"
                if let guess = Spelling.suggestion(for: name.lowercased(), among: allCases.map(\.rawValue)) { what += " (did you mean '\(guess)'?)" }
                throw Diagnostic(.usage, file: nil, message: "\(what); \(expected)")
            }
            if !list.contains(strategy) { list.append(strategy) }
        }
        return list
    }
}


import Bench
import Diagnostics
import Search

/// Numbers on the command line that a user may type negative. Such options are parsed
/// `.unconditional`ly, so `--seed -1` reads `-1` as the value instead of failing with "Missing
/// value" (argument-parser would take it for an option), and are checked here with a usage
/// error (64) that says what was expected.
enum NumberArguments {
    /// A random seed: a whole number from 0 to 2^64 - 1.
    static func seed(_ text: String, option: String = "--seed") throws(Diagnostic) -> UInt64 {
        if let value = UInt64(text) { return value }
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        let whole = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
        let what = !whole ? "is not a whole number" : text.hasPrefix("-") ? "is negative" : "is too large"
        throw Diagnostic(.usage, file: nil, message: "\(option) \(text) \(what); expected a seed from 0 to \(UInt64.max)")
    }

    /// A time limit in seconds: finite and above 0.
    static func seconds(_ value: Double, option: String = "--time-limit", expected: String = "a time limit above 0") throws(Diagnostic) {
        guard value > 0, value.isFinite else {
            throw Diagnostic(.usage, file: nil, message: "\(option) \(BenchFormat.plain(value)) is not a positive number of seconds; expected \(expected)")
        }
    }

    /// `--counterexamples K`: 1...64, and above 1 only with `--strategy cegis` (the one strategy
    /// that reads it).
    /// - Throws: `Diagnostic` (usage) otherwise.
    static func counterexamples(_ k: Int, strategy: SynthesisOptions.Strategy) throws(Diagnostic) {
        guard k == 1 || strategy == .cegis else {
            throw Diagnostic(.usage, file: nil, message: "--counterexamples \(k) applies to --strategy cegis only; expected --strategy cegis, or no --counterexamples")
        }
        guard (1...64).contains(k) else {
            throw Diagnostic(.usage, file: nil, message: "--counterexamples \(k) is outside 1...64; expected how many counterexamples a failing candidate's check collects")
        }
    }

    /// `--candidate-order`: only with `--strategy cegis` (the one strategy that reads it).
    /// - Throws: `Diagnostic` (usage) otherwise.
    static func candidateOrder(_ order: CandidateOrder?, strategy: SynthesisOptions.Strategy) throws(Diagnostic) {
        guard let order, strategy != .cegis else { return }
        throw Diagnostic(.usage, file: nil, message: "--candidate-order \(order.rawValue) applies to --strategy cegis only; expected --strategy cegis, or no --candidate-order")
    }
}

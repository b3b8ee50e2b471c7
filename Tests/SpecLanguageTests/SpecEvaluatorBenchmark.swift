import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SpecLanguage
import Testing
import Utilities

/// This thread's CPU time in microseconds (steadier than wall time on a shared machine).
private func cpuMicroseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1e6 + Double(time.tv_nsec) / 1e3
}

/// Per-outcome cost of the evaluator on the consensus spec. Off by default (it prints timings);
/// run with `GGMS_BENCH=1 swift test -c release --filter SpecEvaluatorBenchmark`.
@Suite("SpecEvaluator benchmark", .enabled(if: ProcessInfo.processInfo.environment["GGMS_BENCH"] != nil), .timeLimit(.minutes(5)))
struct SpecEvaluatorBenchmark {
    /// Distinct outcomes with at most `crashes` crashed processes, mostly agreeing ones.
    private func sample(processes n: Int, crashes f: Int, count: Int) -> [Outcome] {
        var generator = SplitMix64(seed: 42)  // seeded, so the sampled outcomes replay
        var seen = Set<Outcome>()
        var result: [Outcome] = []
        var attempts = 0
        while result.count < count, attempts < count * 50 {
            attempts += 1
            let crashed = Set((0..<Int.random(in: 0...f, using: &generator)).map { _ in Int.random(in: 0..<n, using: &generator) })
            let common = Int.random(in: 0...1, using: &generator)
            let agree = Bool.random(using: &generator)
            let entries = (0..<n).map { p -> ProcessOutcome in
                let input = Int.random(in: 0...1, using: &generator)
                if crashed.contains(p) { return ProcessOutcome(input: input, correct: false, decision: -1, rounds: 2) }
                return ProcessOutcome(input: input, correct: true,
                                      decision: agree ? common : Int.random(in: 0...1, using: &generator), rounds: 2)
            }
            let outcome = Outcome(entries)
            if seen.insert(outcome).inserted { result.append(outcome) }
        }
        return result
    }

    private func measure(processes n: Int, count: Int) throws {
        var spec = try SpecFixtures.parse(SpecFixtures.consensus)
        if n != 3 { spec = try spec.withProcesses(n) }
        let outcomes = sample(processes: n, crashes: spec.setting.crashes, count: count)
        let setupStart = cpuMicroseconds()
        let evaluator = try SpecEvaluator(spec: spec)
        let setup = cpuMicroseconds() - setupStart
        var holds = 0, fails = 0, unknown = 0
        let start = cpuMicroseconds()
        for outcome in outcomes {
            switch evaluator.evaluate(outcome) {
            case .holds: holds += 1
            case .fails: fails += 1
            case .unknown: unknown += 1
            }
        }
        let elapsed = cpuMicroseconds() - start
        let cachedStart = cpuMicroseconds()
        for outcome in outcomes { _ = evaluator.evaluate(outcome) }
        let cached = cpuMicroseconds() - cachedStart
        let count = Double(outcomes.count)
        print("n=\(n): setup \(Int(setup)) µs CPU; \(outcomes.count) distinct outcomes "
              + "(\(holds) hold, \(fails) fail, \(unknown) unknown), \(evaluator.queries) solver checks, "
              + "\(Int(elapsed / count)) µs CPU/outcome; cached \(cached / count) µs CPU/outcome")
        #expect(unknown == 0)
    }

    @Test func consensusAtThree() throws { try measure(processes: 3, count: 216) }
    @Test func consensusAtSixteen() throws { try measure(processes: 16, count: 3000) }
}

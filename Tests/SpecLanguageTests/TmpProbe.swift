import Foundation
import SpecLanguage
import Testing

@Suite(.enabled(if: ProcessInfo.processInfo.environment["GGMS_PROBE"] != nil))
struct TmpProbe {
    func run(_ body: String, _ n: Int) throws {
        var spec = try SpecFixtures.parse(SpecFixtures.minimal(body))
        if n != 3 { spec = try spec.withProcesses(n) }
        let evaluator = try SpecEvaluator(spec: spec)
        var g = SystemRandomNumberGenerator()
        var outcomes = Set<Outcome>()
        while outcomes.count < 2000 {
            outcomes.insert(Outcome((0..<n).map { _ in ProcessOutcome(input: Int.random(in: 0...1, using: &g), correct: true, decision: Int.random(in: 0...1, using: &g)) }))
        }
        let clock = ContinuousClock()
        let start = clock.now
        var fails = 0
        for o in outcomes { if case .fails = evaluator.evaluate(o) { fails += 1 } }
        let d = clock.now - start
        print("n=\(n) \(body.prefix(60)): \(Double(d.components.attoseconds) / 1e12 / 2000 + Double(d.components.seconds) * 1e6 / 2000) µs/outcome, fails \(fails), queries \(evaluator.queries)")
    }
    @Test func probe() throws {
        for n in [3, 16] {
            try run("(assert true)", n)
            try run("(assert (= (decision p0) (decision p1)))", n)
            try run("(assert (or (correct p0) (= (decision p0) 0)))", n)
            try run(String(SpecFixtures.consensus.split(separator: "\n").dropFirst(9).joined(separator: "\n")), n)
        }
    }
}

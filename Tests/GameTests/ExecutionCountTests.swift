import SpecLanguage
import Testing
@testable import Game

@Suite(.timeLimit(.minutes(5))) struct ExecutionCountTests {
    /// Independent count: enumerate crash sets and receiver subsets literally.
    func literalCount(_ s: Setting) -> Double {
        func rounds(_ r: Int, alive: Int, budget: Int) -> Double {
            if r > s.rounds { return 1 }
            var total = 0.0
            for mask in 0..<(1 << alive) where mask.nonzeroBitCount <= budget {
                let x = mask.nonzeroBitCount
                let receiverChoices = Double(1 << ((alive - x) * x))
                total += receiverChoices * rounds(r + 1, alive: alive - x, budget: budget - x)
            }
            return total
        }
        var inputs = 1.0
        for _ in 0..<s.processes { inputs *= Double(s.inputs) }
        return inputs * rounds(1, alive: s.processes, budget: s.crashes)
    }

    @Test func matchesLiteralEnumeration() {
        for n in 2...5 {
            for f in 0..<n {
                for r in 1...3 {
                    let s = Setting(processes: n, crashes: f, rounds: r, inputs: 2)
                    #expect(ExecutionCount.raw(s) == literalCount(s), "n=\(n) f=\(f) R=\(r)")
                }
            }
        }
        #expect(ExecutionCount.raw(Setting(processes: 3, crashes: 1, rounds: 2)) == 200)
    }

    @Test func binomials() {
        #expect(ExecutionCount.binomial(5, 2) == 10)
        #expect(ExecutionCount.binomial(16, 8) == 12870)
        #expect(ExecutionCount.binomial(3, 4) == 0)
    }
}

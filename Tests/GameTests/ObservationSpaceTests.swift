import Testing
@testable import Game

@Suite(.timeLimit(.minutes(5))) struct ObservationSpaceTests {
    @Test(arguments: [(3, 1, 2), (4, 2, 3), (6, 4, 2), (16, 14, 2), (5, 3, 3)])
    func enumeratesExactlyTheValidObservations(n: Int, f: Int, k: Int) {
        let space = ObservationSpace(processes: n, maxMissing: f, stateCount: k)
        // Count heard vectors summing to n-1-m, for m = 0...f: C(n-1-m+k-1, k-1).
        var expected = 0
        for m in 0...min(f, n - 1) { expected += Int(ExecutionCount.binomial(n - 1 - m + k - 1, k - 1)) }
        #expect(space.count == expected)
        for (i, o) in space.observations.enumerated() {
            #expect(space.index(of: o) == i)
            #expect((0..<k).map(o.heard).reduce(0, +) + o.missing == n - 1)
            #expect(o.missing <= f)
        }
        #expect(Set(space.observations).count == space.count)
    }

    @Test func rejectsImpossibleObservations() {
        let space = ObservationSpace(processes: 4, maxMissing: 1, stateCount: 2)
        #expect(space.index(of: Observation(heard: [1, 0], missing: 2)) == nil)   // missing > f
        #expect(space.index(of: Observation(heard: [2, 2], missing: 0)) == nil)   // sums to 4, not 3
    }

    @Test func packsCounts() {
        let o = Observation(heard: [3, 0, 62], missing: 5)
        #expect(o.heard(0) == 3 && o.heard(1) == 0 && o.heard(2) == 62 && o.missing == 5)
        #expect(o.describe(stateNames: ["a", "b", "c"]) == "heard(a)=3 heard(b)=0 heard(c)=62 missing=5")
    }
}

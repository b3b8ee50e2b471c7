/// One answer from the answers of a split's cubes (docs/cubes.md): found when any cube found a
/// protocol, no protocol only when every cube was refuted, otherwise inconclusive, naming the
/// cubes still open (no answer yet, or an inconclusive one).
public enum CubeAnswer {
    /// What one cube's run said, as its record keeps it.
    public struct Run: Codable, Sendable, Equatable {
        /// The cube's index, or `wholeSpace` for the search of the whole space that `CubeRunner`
        /// runs beside the cubes.
        public var index: Int
        /// `found`, `unrealizable` or `inconclusive` (`SynthesisOutcome.name`).
        public var outcome: String
        public var reason: String?
        public var seconds: Double
        /// The strategy of a `wholeSpace` run (`ggms`, or `cegis` for the one `CubeRunner` runs
        /// beside it) and of a cube's run by another strategy than the run's (beside `ggms`,
        /// `cegis`: the companion's sweep and every cube search, `CubeRunner.cubeStrategy`); nil
        /// for a cube's run by the run's own strategy.
        public var strategy: String?

        public init(index: Int, outcome: SynthesisOutcome, seconds: Double) {
            self.index = index
            self.outcome = outcome.name
            if case .inconclusive(let r) = outcome { reason = r }
            self.seconds = seconds
        }
    }

    /// The index of a run over the whole space (no cube).
    public static let wholeSpace = -1

    /// The merged outcome of `count` cubes from the runs known (a cube may have several runs:
    /// any found or refuted run settles it; a refuted `wholeSpace` run settles them all), and
    /// the cubes still open, in increasing order. With `count` 0, only a found protocol or a
    /// refuted `wholeSpace` run is an answer.
    /// - Complexity: O(count + runs).
    public static func merge(count: Int, runs: [Run]) -> (outcome: SynthesisOutcome, open: [Int]) {
        if runs.contains(where: { $0.outcome == SynthesisOutcome.found.name }) { return (.found, []) }
        let refuted = Set(runs.filter { $0.outcome == SynthesisOutcome.unrealizable.name }.map(\.index))
        if refuted.contains(wholeSpace) { return (.unrealizable, []) }
        // No cubes (`CubeRunner` on threads that all search the whole space): only a refuted
        // whole space is a refutation.
        if count == 0 {
            let reasons = Set(runs.compactMap(\.reason)).sorted()
            return (.inconclusive(reason: "the whole space is still open" + (reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; "))), [])
        }
        let open = (0..<count).filter { !refuted.contains($0) }
        if open.isEmpty { return (.unrealizable, []) }
        // The open cubes' reasons, and the whole-space searches' (which cover them too).
        let reasons = Set(runs.filter { open.contains($0.index) || $0.index == wholeSpace }.compactMap(\.reason)).sorted()
        let names = open.count <= 12 ? open.map(String.init).joined(separator: ", ") : open.prefix(12).map(String.init).joined(separator: ", ") + ", …"
        var reason = "\(open.count) of \(count) cubes still open (\(names))"
        if !reasons.isEmpty { reason += ": " + reasons.joined(separator: "; ") }
        return (.inconclusive(reason: reason), open)
    }
}

import Foundation
import Diagnostics
import Game
import SpecLanguage

/// Entry point for every strategy: the tree search (`Synthesizer`: ggms, mcts, mcts-dfs, dfs) or
/// a baseline (`CEGISSynthesizer`, `RandomSynthesizer`).
public enum Synthesis {
    /// Runs `options.strategy` on `spec`, then (unless `options.simplify` is off) moves the found
    /// table's entries towards `self` where it still verifies (`Simplification`). See each
    /// synthesizer for soundness and cost.
    /// - Throws: `Diagnostic` when the setting is too large for a table or Z3 rejects the spec.
    public static func run(spec: Spec, options: SynthesisOptions) throws(Diagnostic) -> SynthesisResult {
        try requireTableFits(spec)
        let clock = Stopwatch()
        var result: SynthesisResult
        switch options.strategy {
        case .cegis: result = try CEGISSynthesizer(spec: spec, options: options).run()
        case .random: result = try RandomSynthesizer(spec: spec, options: options).run()
        case .ggms, .mcts, .mctsDFS, .dfs: result = try Synthesizer(spec: spec, options: options).run()
        }
        if options.simplify, case .found = result.outcome, let table = result.table {
            let simple = Simplification.simplified(Trust.completed(table), spec: spec,
                                                   deadline: options.timeLimit.map(clock.instant(after:)),
                                                   cancellation: options.cancellation)
            result.table = simple.table
            result.stats.simplifiedEntries = simple.entriesMoved + (simple.rulesChanged ? 1 : 0)
            let total = clock.seconds
            result.stats.simplifySeconds = max(total - result.stats.totalSeconds, 0)
            result.stats.totalSeconds = total
        }
        return result
    }

    /// - Throws: `Diagnostic` (bad input) when the setting's table cannot be held
    ///   (`n^states > ObservationSpace.maxRadixSize`), located at the spec's `:states` value
    ///   with a note at `:processes`.
    static func requireTableFits(_ spec: Spec) throws(Diagnostic) {
        let s = spec.setting
        guard !ObservationSpace.fits(processes: s.processes, stateCount: s.states) else { return }
        let most = (1...s.states).last { ObservationSpace.fits(processes: s.processes, stateCount: $0) } ?? 0
        let message = "':states' is \(s.states), too many for synthesis at n = \(s.processes) "
            + "(the table's observations are indexed by n^states); expected n^states <= \(ObservationSpace.maxRadixSize), "
            + "here at most \(most) states"
        var diagnostic = spec.attributeLocation("states").map { Diagnostic(.badInput, at: $0, message: message) }
            ?? Diagnostic(.badInput, file: spec.file, message: message)
        if let processes = spec.attributeLocation("processes") {
            diagnostic.notes.append(.init(at: processes, "n = \(s.processes) is set here"))
        }
        throw diagnostic
    }
}

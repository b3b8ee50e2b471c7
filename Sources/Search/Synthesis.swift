import Diagnostics
import Game
import SpecLanguage

/// Entry point for every strategy: the tree search (`Synthesizer`: ggms, mcts, mcts-dfs, dfs) or
/// a baseline (`CEGISSynthesizer`, `RandomSynthesizer`).
public enum Synthesis {
    /// Runs `options.strategy` on `spec`. See each synthesizer for soundness and cost.
    /// - Throws: `Diagnostic` when the setting is too large for a table or Z3 rejects the spec.
    public static func run(spec: Spec, options: SynthesisOptions) throws(Diagnostic) -> SynthesisResult {
        try requireTableFits(spec)
        switch options.strategy {
        case .cegis: return try CEGISSynthesizer(spec: spec, options: options).run()
        case .random: return try RandomSynthesizer(spec: spec, options: options).run()
        case .ggms, .mcts, .mctsDFS, .dfs: return try Synthesizer(spec: spec, options: options).run()
        }
    }

    /// - Throws: `Diagnostic` (bad input) when the setting's table cannot be held.
    static func requireTableFits(_ spec: Spec) throws(Diagnostic) {
        let s = spec.setting
        guard ObservationSpace.fits(processes: s.processes, stateCount: s.states) else {
            throw Diagnostic(.badInput, file: spec.file, message: "a table with \(s.states) states at n = \(s.processes) is too large; expected n^states <= \(ObservationSpace.maxRadixSize)")
        }
    }
}

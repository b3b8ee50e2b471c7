import Checking
import Diagnostics
import Game
import SpecLanguage
import Utilities

/// The `random` baseline (issue 4): draws whole tables uniformly (every `init`, `send`, `decide`
/// and `next` entry independently) and checks each with the exhaustive checker, until one verifies.
///
/// Soundness: a table is returned only when verified. Incomplete: it never proves that no
/// protocol exists (it ends inconclusive at the time limit). Cost: one exhaustive check per draw.
public final class RandomSynthesizer {
    private var baseline: BaselineRun
    private let emptyTable: TransitionTable
    /// The cube's fixed entries (none without a cube): every draw keeps them.
    private let space: StrategySpace
    private var random: SplitMix64

    public var spec: Spec { baseline.spec }
    public var options: SynthesisOptions { baseline.options }

    /// - Throws: `Diagnostic` when Z3 rejects the spec.
    public init(spec: Spec, options: SynthesisOptions) throws(Diagnostic) {
        baseline = try BaselineRun(spec: spec, options: options)
        space = StrategySpace(setting: spec.setting, cube: options.cube)
        emptyTable = space.emptyTable
        random = SplitMix64(searchSeed: options.seed)
    }

    /// Draws and checks until a table verifies, the time limit passes or the run is cancelled.
    /// - Throws: `SearchFailure` when a check fails (an engine failure, never an answer).
    public func search() throws(SearchFailure) -> SynthesisResult {
        while true {
            if let stop = baseline.stopReason { return baseline.result(stop, found: nil) }
            baseline.step()
            let candidate = draw()
            if try baseline.check(candidate).verdict.isVerified { return baseline.result(.found, found: candidate) }
        }
    }

    /// A uniformly random complete table: every `init`, `send` (with a message alphabet),
    /// `decide` (under early decision "does not decide" is one of its `D + 1` actions) and `next`
    /// entry independently. - Complexity: O(entries).
    private func draw() -> TransitionTable {
        let s = spec.setting
        var t = emptyTable
        for v in t.initial.indices { t.initial[v] = UInt8(Int.random(in: 0..<s.states, using: &random)) }
        if t.hasAlphabet {
            for k in t.send.indices { t.send[k] = UInt8(Int.random(in: 0..<t.messageCount, using: &random)) }
        }
        let decideActions = t.actionCount(of: .decision(state: 0))
        for k in t.decision.indices { t.set(.decision(state: k), to: Int.random(in: 0..<decideActions, using: &random)) }
        for e in t.next.indices { t.next[e] = UInt8(Int.random(in: 0..<s.states, using: &random)) }
        for i in 0..<space.count where space.fixed(i) >= 0 { t.set(space.entries[i], to: Int(space.fixed(i))) }
        return t
    }
}

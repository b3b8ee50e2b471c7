import ArgumentParser
import Foundation
import Search
import SpecLanguage
import Utilities

/// What the synthesis front ends (`synthesize`, `replay`, `bench-synthesis`) share: the progress
/// line and the run with its error mapping.
enum SynthesisFrontEnd {
    /// The progress callback: iterations, the best table so far in raw executions (never a
    /// rounded share), freezes, checks, backtracks, seconds.
    static func callback(strategy: SynthesisOptions.Strategy, progress: Terminal.Progress) -> @Sendable (SynthesisProgress) -> Void {
        { p in
            let best = p.best.map {
                "best fails on \(formatCount($0.failing)) of \(formatCount($0.total))"
                    + ($0.unset > 0 ? ", \(formatCount($0.unset)) unset" : "")
                    + ($0.undecided > 0 ? ", \(formatCount($0.undecided)) undecided" : "")
            } ?? "no table scored yet"
            progress.update("synthesizing (\(strategy.rawValue)): \(plural(p.iterations, "iteration")), \(best), \(formatCount(p.frozenEntries)) frozen, \(plural(p.checkerCalls, "check")), \(plural(p.backtracks, "backtrack")), \(String(format: "%.1f", p.seconds)) s" + (p.cubes.map { ", \(formatCount($0.settled)) of \(plural($0.total, "cube")) settled" } ?? ""), seconds: p.seconds)
        }
    }

    /// Runs the whole pipeline; a bad spec exits 65, an engine failure 70.
    static func run(spec: Spec, options: SynthesisOptions, progress: Terminal.Progress) throws -> SynthesisResult {
        defer { progress.finish() }
        do {
            return try Synthesis.run(spec: spec, options: options)
        } catch {
            progress.finish()
            switch error {
            case .input(let diagnostic): throw report(diagnostic)
            case .engine(let what): throw internalFailure(what)
            }
        }
    }
}

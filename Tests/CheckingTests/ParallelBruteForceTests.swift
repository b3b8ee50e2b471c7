import Game
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Checking

/// The brute-force reference on several threads (`CheckOptions.threads`) against itself on one,
/// on seeded random tables under every fault model, lossy links, message alphabets, early
/// decision and identities: the same verdict, the same first counterexample (the same
/// execution, replayed), the same counts, prefixes and distinct outcomes (in counting mode the
/// same failing ones); and on tables with unset entries the same gap.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ParallelBruteForceTests {
    typealias Case = DifferentialCase

    static let cases: [Case] = FaultKind.allCases.flatMap { model -> [Case] in
        let byzantine = model == .byzantine
        return [
            Case(setting: Setting(processes: 3, crashes: 1, rounds: 2, faults: model), states: 2, roundAware: false, count: 12),
            Case(setting: Setting(processes: 3, crashes: 1, rounds: 1, inputs: 3, decisions: 3, faults: model), states: 3,
                 roundAware: true, count: 8),
            Case(setting: Setting(processes: 3, crashes: 1, rounds: 1, faults: model, losses: 1), states: 2, roundAware: false,
                 count: 8),
            Case(setting: Setting(processes: byzantine ? 4 : 3, crashes: 1, rounds: byzantine ? 1 : 2, faults: model, earlyDecision: true),
                 states: 3, roundAware: false, count: 8, messages: 2),
            Case(setting: Setting(processes: 3, crashes: 1, rounds: 2, faults: model, identities: true), states: 2,
                 roundAware: false, count: 12, bySender: true),
        ]
    }

    @Test(arguments: cases)
    func severalThreadsAnswerAsOne(_ c: Case) throws {
        let s = c.setting
        var rng = SplitMix64(seed: UInt64(s.processes * 1000 + s.rounds * 100 + c.states * 10 + s.losses)
                             &+ UInt64(FaultKind.allCases.firstIndex(of: s.faults)! * 100_000) &+ (s.identities ? 7 : 0))
        let specs = try c.specs
        let evaluators = try specs.map { try SpecEvaluator(spec: $0) }
        var verdicts: [Verdict.Kind: Int] = [:]
        for index in 0..<c.count {
            let table = RandomTables.make(s, stateCount: c.states, roundAware: c.roundAware, messageCount: c.messages,
                                          bySender: c.bySender, using: &rng)
            let which = index % specs.count
            let spec = specs[which], evaluator = evaluators[which]
            let label = "\(c) #\(index) \(spec.file)"
            for mode in [CheckOptions.Mode.firstViolation, .count] {
                let one = try BruteForceChecker(table: table, spec: spec, evaluator: try SpecEvaluator(spec: spec),
                                                options: CheckOptions(mode: mode)).check()
                var options = CheckOptions(mode: mode)
                options.threads = 1 + index % 3 + 1  // 2, 3 or 4: parts do not always divide evenly
                let several = try BruteForceChecker(table: table, spec: spec, evaluator: evaluator, options: options).check()
                #expect(several.verdict.kind == one.verdict.kind, "\(label) \(mode)")
                #expect(several.rawExecutionsCovered == one.rawExecutionsCovered, "\(label) \(mode)")
                #expect(several.rawExecutionsTotal == one.rawExecutionsTotal, "\(label) \(mode)")
                #expect(several.rawExecutionsFailing == one.rawExecutionsFailing, "\(label) \(mode)")
                #expect(several.statesExplored == one.statesExplored, "\(label) \(mode)")
                #expect(several.distinctOutcomes == one.distinctOutcomes, "\(label) \(mode)")
                if case .violated(let first) = one.verdict, case .violated(let other) = several.verdict {
                    #expect(other.execution == first.execution, "\(label) \(mode): not the first counterexample")
                    #expect(other.failedProperty == first.failedProperty, "\(label) \(mode)")
                }
                if mode == .count { verdicts[one.verdict.kind, default: 0] += 1 }
            }
            // The same table with a quarter of its `next` entries unset: the same first gap.
            var holes = table
            for e in holes.next.indices where Int.random(in: 0..<4, using: &rng) == 0 { holes.next[e] = TransitionTable.undefined }
            var options = CheckOptions()
            options.threads = 3
            let oneGap = Result { () throws(CheckFailure) in try BruteForceChecker(table: holes, spec: spec, evaluator: evaluator).check() }
            let severalGap = Result { () throws(CheckFailure) in
                try BruteForceChecker(table: holes, spec: spec, evaluator: evaluator, options: options).check()
            }
            switch (oneGap, severalGap) {
            case (.failure(.gap(let a)), .failure(.gap(let b))): #expect(a == b, "\(label): another gap first")
            case (.success(let a), .success(let b)): #expect(a.verdict.kind == b.verdict.kind, "\(label) with holes")
            default: Issue.record("\(label) with holes: \(oneGap) against \(severalGap)")
            }
        }
        #expect((verdicts[.verified] ?? 0) > 0 && (verdicts[.violated] ?? 0) > 0, "\(c): \(verdicts)")
    }

    /// A cancelled check on several threads ends `unknown("interrupted")`, as on one.
    @Test func cancelledOnSeveralThreads() throws {
        let setting = Setting(processes: 3, crashes: 1, rounds: 2)
        let spec = try Spec.parse(TestSpecs.consensus(n: 3, f: 1, rounds: 2, inputs: 2), file: "consensus.smt2")
        let table = try TransitionTable.compile(TestProtocols.floodset, for: setting, file: "floodset.protocol")
        let token = CancellationToken()
        token.cancel()
        var options = CheckOptions(cancellation: token)
        options.threads = 2
        let report = try BruteForceChecker(table: table, spec: spec, evaluator: try SpecEvaluator(spec: spec), options: options).check()
        guard case .unknown(let reason) = report.verdict else {
            Issue.record("got \(report.verdict)")
            return
        }
        #expect(reason == "interrupted")
    }

    /// The parts enumerate the input vectors in order: their fixed prefixes are the base-I
    /// numbers 0, 1, … with the first process most significant.
    @Test func partsCoverTheInputVectorsInOrder() {
        let parts = BruteForceParts(setting: Setting(processes: 4, crashes: 1, rounds: 1, inputs: 3, decisions: 3), threads: 2)
        #expect(parts.count == 9 && parts.fixed == 2)
        #expect((0..<parts.count).map(parts.inputs(of:)) == [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2], [2, 0], [2, 1], [2, 2]])
        let one = BruteForceParts(setting: Setting(processes: 4, crashes: 1, rounds: 1), threads: 1)
        #expect(one.count == 1 && one.fixed == 0)
        let few = BruteForceParts(setting: Setting(processes: 2, crashes: 1, rounds: 1), threads: 8)
        #expect(few.count == 4 && few.fixed == 2)
    }
}

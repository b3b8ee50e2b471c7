import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Checking

/// The checkers' contract on incomplete tables: a gap that some execution reaches is thrown as
/// `ProtocolGap` whatever else is wrong with the table — also when a violation exists, and
/// whichever of the two a checker's order meets first — so `FastChecker`, `BruteForceChecker`
/// and `SymbolicChecker` agree on every table (README: a reachable observation with no
/// matching rule is an error, exit 65).
@Suite(.serialized, .timeLimit(.minutes(5))) struct GapPriorityTests {
    typealias Case = DifferentialCase

    static let cases: [Case] = [
        Case(setting: Setting(processes: 3, crashes: 1, rounds: 2, inputs: 2, decisions: 2), states: 2, roundAware: false, count: 60),
        Case(setting: Setting(processes: 3, crashes: 1, rounds: 2, inputs: 2, decisions: 2), states: 2, roundAware: true, count: 60),
        Case(setting: Setting(processes: 3, crashes: 2, rounds: 2, inputs: 2, decisions: 2), states: 3, roundAware: false, count: 40),
        Case(setting: Setting(processes: 4, crashes: 1, rounds: 2, inputs: 2, decisions: 2), states: 2, roundAware: true, count: 30),
    ]

    /// What a checker answered: the verdict's kind, or a gap.
    enum Answer: CustomStringConvertible {
        case verdict(Verdict.Kind)
        case gap(ProtocolGap)
        /// What the checkers must agree on: the verdict's kind, or that there is a gap (not
        /// which one: each checker meets the first in its own order).
        enum Kind: Hashable { case verdict(Verdict.Kind), gap }
        var description: String {
            switch self {
            case .verdict(let kind): return kind.rawValue
            case .gap(let gap): return "gap (\(gap))"
            }
        }
        var isGap: Bool { kind == .gap }
        var kind: Kind { if case .verdict(let kind) = self { return .verdict(kind) } else { return .gap } }
    }

    /// The check's verdict or gap; any other failure is rethrown (an engine failure fails the test).
    static func answer(_ checker: any Checker) throws -> Answer {
        do { return .verdict(try checker.check().verdict.kind) } catch {
            guard case .gap(let gap) = error else { throw error }
            return .gap(gap)
        }
    }

    /// Expects the check to throw `CheckFailure.gap`.
    static func expectGap(_ checker: any Checker, sourceLocation: SourceLocation = #_sourceLocation) {
        let failure = #expect(throws: CheckFailure.self, "\(checker.kind)", sourceLocation: sourceLocation) { try checker.check() }
        guard case .gap? = failure else {
            Issue.record("\(checker.kind): expected a gap, got \(String(describing: failure))", sourceLocation: sourceLocation)
            return
        }
    }

    /// Random tables with `next` entries removed (each with probability 2–15 %), on symmetric and
    /// asymmetric specs: the three checkers give the same answer, in first-violation and in
    /// counting mode; a thrown gap is an undefined entry; a gap is thrown exactly when some
    /// execution reaches one (the gap-skipping check's `gaps`). The sample must contain tables
    /// that both reach a gap and violate the spec among the executions that reach none — the
    /// tables on which the checkers used to disagree.
    @Test(arguments: cases)
    func checkersAgreeOnTablesWithGapsAndViolations(_ c: Case) throws {
        var rng = SplitMix64(seed: 0x6A9 &+ UInt64(c.setting.processes * 1000 + c.setting.crashes * 100 + c.states * 10 + (c.roundAware ? 1 : 0)))
        let n = c.setting.processes, f = c.setting.crashes, r = c.setting.rounds
        let specs = [
            try Spec.parse(TestSpecs.consensus(n: n, f: f, rounds: r), file: "consensus.smt2"),
            try Spec.parse(TestSpecs.asymmetric(n: n, f: f, rounds: r), file: "asymmetric.smt2"),
        ]
        let evaluators = try specs.map { try SpecEvaluator(spec: $0) }
        var tally: [Answer.Kind: Int] = [:]
        var gapAndViolation = 0
        for index in 0..<c.count {
            var table = RandomTables.make(c.setting, stateCount: c.states, roundAware: c.roundAware, using: &rng)
            let removal = [0.02, 0.05, 0.15][index % 3]
            for e in table.next.indices where Double.random(in: 0..<1, using: &rng) < removal {
                table.next[e] = TransitionTable.undefined
            }
            let which = (index / 3) % specs.count
            let spec = specs[which], evaluator = evaluators[which]
            let label = "\(c) #\(index) \(spec.file)"

            var skipping = CheckOptions(mode: .count)
            skipping.gaps = .skip
            let skipped = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: skipping).check()
            let reachesGap = !skipped.gaps.isEmpty

            let fast = try Self.answer(FastChecker(table: table, spec: spec, evaluator: evaluator))
            let brute = try Self.answer(BruteForceChecker(table: table, spec: spec, evaluator: evaluator))
            let symbolic = try Self.answer(SymbolicChecker(table: table, spec: spec, evaluator: evaluator, timeoutMilliseconds: 60_000))
            let counting = CheckOptions(mode: .count)
            let fastCount = try Self.answer(FastChecker(table: table, spec: spec, evaluator: evaluator, options: counting))
            let bruteCount = try Self.answer(BruteForceChecker(table: table, spec: spec, evaluator: evaluator, options: counting))

            #expect(fast.isGap == reachesGap, "\(label): fast \(fast), gaps skipped: \(skipped.gaps)")
            #expect(fast.kind == brute.kind && fast.kind == symbolic.kind,
                    "\(label): fast \(fast), brute \(brute), symbolic \(symbolic)")
            #expect(fastCount.kind == fast.kind && bruteCount.kind == fast.kind,
                    "\(label): counting: fast \(fastCount), brute \(bruteCount)")
            for case .gap(let gap) in [fast, brute, symbolic, fastCount, bruteCount] {
                #expect(table.nextState(round: gap.round, id: 0, state: gap.state, observation: gap.observation) == nil,
                        "\(label): \(gap) names a defined entry")
            }
            if reachesGap && skipped.verdict.kind == .violated { gapAndViolation += 1 }
            tally[fast.kind, default: 0] += 1
        }
        #expect(gapAndViolation >= 3, "\(c): \(gapAndViolation) tables with a gap and a violation; \(tally)")
        #expect((tally[.verdict(.violated)] ?? 0) > 0, "\(c): \(tally)")
    }

    static let consensus3 = try! Spec.parse(TestSpecs.consensus(n: 3, f: 1, rounds: 2), file: "consensus3.smt2")

    /// Two protocols from the tester's report (F4), each with a reachable gap and a violation:
    /// with the first the fast checker used to meet the gap first and brute force the
    /// violation, with the second the other way round.
    static let gapAndViolation = [
        """
        states 0 1
        init 0 -> 0, 1 -> 1
        decide 0 -> 0, 1 -> 1
        next
          missing == 0 -> 1
          round == 1 -> self
        """,
        """
        states 0 1
        init 0 -> 0, 1 -> 1
        decide 0 -> 0, 1 -> 1
        next
          heard(1) == 2 -> 0
          heard(0) >= 1 -> 0
          heard(0) == 0 and round == 1 -> self
        """,
    ]

    @Test(arguments: gapAndViolation.indices)
    func reachableGapWinsOverAViolation(_ index: Int) throws {
        let spec = Self.consensus3
        let proto = try ProtocolDefinition.parse(Self.gapAndViolation[index], file: "p.protocol")
        let table = try TransitionTable.compile(proto, for: spec.setting, file: "p.protocol")
        let evaluator = try SpecEvaluator(spec: spec)
        // The protocol is also wrong: with the gaps skipped, the spec fails.
        var skipping = CheckOptions()
        skipping.gaps = .skip
        #expect(try FastChecker(table: table, spec: spec, evaluator: evaluator, options: skipping).check().verdict.kind == .violated)
        Self.expectGap(FastChecker(table: table, spec: spec, evaluator: evaluator))
        Self.expectGap(BruteForceChecker(table: table, spec: spec, evaluator: evaluator))
        Self.expectGap(SymbolicChecker(table: table, spec: spec, evaluator: evaluator))
        Self.expectGap(FastChecker(table: table, spec: spec, evaluator: evaluator, options: CheckOptions(useSymmetry: false)))
    }

    /// Undefined entries that no execution reaches change nothing: the verdict is the spec's.
    @Test func unreachableUndefinedEntriesAreNoGap() throws {
        let spec = Self.consensus3
        // FloodSet with a third state that no process ever enters, and no rule for it.
        let proto = try ProtocolDefinition.parse("""
            states 0 1 2
            init 0 -> 0, 1 -> 1
            decide 0 -> 0, 1 -> 1, 2 -> 0
            next
              self == 2 and heard(2) >= 3 -> 2
              heard(0) >= 1 and not self == 2 -> 0
              self == 0 or self == 1 -> self
            """, file: "p.protocol")
        let table = try TransitionTable.compile(proto, for: spec.setting, file: "p.protocol")
        #expect(table.next.contains(TransitionTable.undefined), "the table should have an undefined entry")
        let evaluator = try SpecEvaluator(spec: spec)
        #expect(try FastChecker(table: table, spec: spec, evaluator: evaluator).check().verdict.isVerified)
        #expect(try BruteForceChecker(table: table, spec: spec, evaluator: evaluator).check().verdict.isVerified)
    }

    /// A gap pass that is cancelled ends the check as `unknown("interrupted")`, never a pass.
    @Test func cancelledGapPassIsInterrupted() throws {
        let spec = Self.consensus3
        let proto = try ProtocolDefinition.parse(Self.gapAndViolation[0], file: "p.protocol")
        let table = try TransitionTable.compile(proto, for: spec.setting, file: "p.protocol")
        let token = CancellationToken()
        token.cancel()
        let options = CheckOptions(cancellation: token)
        let fast = try FastChecker(table: table, spec: spec, evaluator: try SpecEvaluator(spec: spec), options: options).check()
        let brute = try BruteForceChecker(table: table, spec: spec, evaluator: try SpecEvaluator(spec: spec), options: options).check()
        for report in [fast, brute] {
            guard case .unknown(let reason) = report.verdict else {
                Issue.record("\(report.checker.rawValue): expected unknown, got \(report.verdict.name)")
                continue
            }
            #expect(reason == "interrupted")
        }
    }
}

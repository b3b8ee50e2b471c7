import Foundation
import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Checking

/// The fast checker on tables whose observations are by sender (`:identities`, `next` reads
/// `id` and `from`) against the brute-force reference, on seeded random protocols under every
/// fault model, with and without lossy links, message alphabets, early decision and
/// round-aware tables: the same verdict, the same raw-execution counts (the adversary's closed
/// form's, too), the same number of failing raw executions; every counterexample is one the
/// adversary may choose and replays to a violation. On partial tables with gaps skipped, the
/// gap weight, the failing count and the unset entries reached equal a brute-force
/// enumeration's (`SkippingReference`), and with gaps failing both checkers throw a gap on the
/// same tables. A counted table under identities still merges permutations.
@Suite(.serialized, .timeLimit(.minutes(3))) struct IdentityDifferentialTests {
    typealias Case = DifferentialCase

    static func setting(_ faults: FaultKind, n: Int, f: Int, rounds: Int, losses: Int = 0, early: Bool = false) -> Setting {
        Setting(processes: n, crashes: f, rounds: rounds, inputs: 2, decisions: 2, faults: faults, losses: losses,
                earlyDecision: early, identities: true)
    }

    static var scale: Int { Int(ProcessInfo.processInfo.environment["GGMS_DIFFERENTIAL_SCALE"] ?? "") ?? 1 }

    /// Complete tables by sender: at least 1,000 at scale 1, every fault model.
    static let cases: [Case] = {
        var cases: [Case] = [
            Case(setting: setting(.crash, n: 3, f: 1, rounds: 2), states: 2, roundAware: false, count: 60, bySender: true),
            Case(setting: setting(.crash, n: 3, f: 1, rounds: 2, early: true), states: 3, roundAware: false, count: 50,
                 messages: 2, bySender: true),
            Case(setting: setting(.crash, n: 4, f: 1, rounds: 1), states: 2, roundAware: false, count: 40, bySender: true),
            Case(setting: setting(.crash, n: 3, f: 2, rounds: 2), states: 3, roundAware: true, count: 30, bySender: true),
            Case(setting: setting(.crash, n: 3, f: 1, rounds: 1, losses: 1, early: true), states: 3, roundAware: false,
                 count: 40, messages: 2, bySender: true),
            Case(setting: setting(.crash, n: 3, f: 1, rounds: 1), states: 3, roundAware: true, count: 80, messages: 2,
                 bySender: true),
        ]
        for model in [FaultKind.sendOmission, .receiveOmission, .generalOmission] {
            // General omission has the most raw executions (every link of a faulty process).
            let general = model == .generalOmission
            cases += [
                Case(setting: setting(model, n: 3, f: 1, rounds: 2), states: 2, roundAware: false, count: general ? 15 : 50,
                     bySender: true),
                Case(setting: setting(model, n: 3, f: 1, rounds: 1, early: true), states: 3, roundAware: true, count: 80,
                     messages: 2, bySender: true),
                Case(setting: setting(model, n: 4, f: 1, rounds: 1), states: 2, roundAware: false, count: general ? 12 : 30,
                     bySender: true),
                Case(setting: setting(model, n: 3, f: 1, rounds: 1, losses: 1), states: 2, roundAware: false,
                     count: general ? 25 : 40, bySender: true),
            ]
        }
        cases += [
            Case(setting: setting(.byzantine, n: 3, f: 1, rounds: 2), states: 2, roundAware: false, count: 25, bySender: true),
            Case(setting: setting(.byzantine, n: 4, f: 1, rounds: 1, early: true), states: 3, roundAware: false, count: 15,
                 messages: 2, bySender: true),
            Case(setting: setting(.byzantine, n: 3, f: 1, rounds: 2, early: true), states: 3, roundAware: true, count: 40,
                 messages: 1, bySender: true),
            Case(setting: setting(.byzantine, n: 3, f: 1, rounds: 1, losses: 1), states: 2, roundAware: false, count: 40,
                 bySender: true),
            Case(setting: setting(.byzantine, n: 3, f: 1, rounds: 1, early: true), states: 3, roundAware: false, count: 60,
                 messages: 2, bySender: true),
        ]
        return cases.map { c in
            var c = c
            c.count *= scale
            return c
        }
    }()

    /// A seed fixed by the case (FNV-1a over its description).
    static func seed(_ c: Case) -> UInt64 {
        c.description.utf8.reduce(0xcbf2_9ce4_8422_2325 as UInt64) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    @Test func casesCoverAtLeastAThousandTables() {
        #expect(Self.cases.reduce(0) { $0 + $1.count } >= 1_000 * Self.scale)
        #expect(Set(Self.cases.map(\.setting.faults)) == Set(FaultKind.allCases))
        #expect(Self.cases.contains { $0.setting.losses > 0 } && Self.cases.contains { $0.messages != nil }
                && Self.cases.contains { $0.setting.earlyDecision } && Self.cases.contains { $0.roundAware })
    }

    @Test(arguments: cases)
    func fastEqualsBruteForce(_ c: Case) throws {
        let s = c.setting
        var rng = SplitMix64(seed: Self.seed(c))
        let specs = try c.specs
        #expect(specs.contains { $0.file == "designated.smt2" })
        let evaluators = try specs.map { try SpecEvaluator(spec: $0) }
        let messageCount = c.messages ?? c.states
        let closedForm = Adversary(s, messageCount: messageCount).rawExecutions
        var verdicts: [Verdict.Kind: Int] = [:]
        for index in 0..<c.count {
            let table = RandomTables.make(s, stateCount: c.states, roundAware: c.roundAware, messageCount: c.messages,
                                          bySender: true, using: &rng)
            let which = index % specs.count
            let spec = specs[which], evaluator = evaluators[which]
            let counting = CheckOptions(mode: .count)
            let brute = try BruteForceChecker(table: table, spec: spec, evaluator: evaluator, options: counting).check()
            let fast = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: counting).check()
            let label = "\(c) #\(index) \(spec.file)"
            #expect(brute.rawExecutionsCovered == closedForm, "\(label)")
            #expect(fast.rawExecutionsCovered == brute.rawExecutionsCovered, "\(label)")
            #expect(fast.rawExecutionsTotal == closedForm, "\(label)")
            #expect(fast.rawExecutionsFailing == brute.rawExecutionsFailing, "\(label)")
            #expect(fast.verdict.kind == brute.verdict.kind, "\(label)")
            #expect(!fast.mergedSymmetric, "\(label)")

            let first = try FastChecker(table: table, spec: spec, evaluator: evaluator).check()
            #expect(first.verdict.kind == brute.verdict.kind, "\(label)")
            if case .violated(let cex) = first.verdict {
                #expect(throws: Never.self) { try Simulator.validate(cex.execution, for: s, messageCount: messageCount) }
                let replayed = try Counterexample.replay(cex.execution, table: table, spec: spec, evaluator: evaluator)
                #expect(replayed.outcome == cex.outcome, "\(label)")
                #expect(cex.failedPropertyName == spec.properties[cex.failedProperty].name)
            }
            verdicts[first.verdict.kind, default: 0] += 1
        }
        #expect((verdicts[.verified] ?? 0) > 0 && (verdicts[.violated] ?? 0) > 0, "\(c): \(verdicts)")
    }

    /// Partial tables by sender (`next` entries removed with probability 2–15 %, sometimes a
    /// `send` or `decide` entry too).
    static let partialCases: [Case] = FaultKind.allCases.flatMap { model -> [Case] in
        [
            Case(setting: setting(model, n: 3, f: 1, rounds: 2, early: model == .crash || model == .sendOmission),
                 states: 2, roundAware: false, count: 16 * scale, messages: model == .byzantine ? 2 : nil, bySender: true),
            Case(setting: setting(model, n: 3, f: 1, rounds: 1, losses: 1), states: 3, roundAware: true, count: 12 * scale,
                 messages: 2, bySender: true),
        ]
    }

    @Test(arguments: partialCases)
    func gapsAgreeWithReference(_ c: Case) throws {
        let s = c.setting
        var rng = SplitMix64(seed: Self.seed(c) &+ 0x6A9)
        let specs = try c.specs
        let evaluators = try specs.map { try SpecEvaluator(spec: $0) }
        var reachingGaps = 0, failingBesideGaps = 0
        for index in 0..<c.count {
            var table = RandomTables.make(s, stateCount: c.states, roundAware: c.roundAware, messageCount: c.messages,
                                          bySender: true, using: &rng)
            let removal = [0.02, 0.05, 0.15][index % 3]
            for e in table.next.indices where Double.random(in: 0..<1, using: &rng) < removal {
                table.next[e] = TransitionTable.undefined
            }
            if index % 4 == 1 { table.decision[Int.random(in: 0..<c.states, using: &rng)] = TransitionTable.noDecision }
            if index % 4 == 3, c.messages != nil { table.send[Int.random(in: 0..<c.states, using: &rng)] = TransitionTable.undefined }
            let which = index % specs.count
            let spec = specs[which], evaluator = evaluators[which]
            let label = "\(c) #\(index) \(spec.file)"

            let reference = SkippingReference(table: table, evaluator: evaluator)
            reference.run()
            var skipping = CheckOptions(mode: .count)
            skipping.gaps = .skip
            skipping.collectReads = true
            let fast = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: skipping).check()
            #expect(fast.rawExecutionsCovered == reference.total, "\(label)")
            #expect(fast.rawExecutionsTotal == reference.total, "\(label)")
            #expect(fast.rawExecutionsInGaps == reference.gap, "\(label)")
            #expect(fast.rawExecutionsFailing == reference.failing, "\(label)")
            #expect(Set(fast.gaps.keys) == reference.gapEntries, "\(label)")
            #expect(fast.readEntries == reference.reads, "\(label)")
            #expect((fast.verdict.kind == .violated) == (reference.failing > 0), "\(label)")
            if reference.gap > 0 { reachingGaps += 1 }
            if reference.gap > 0 && reference.failing > 0 { failingBesideGaps += 1 }
            if case .violated(let cex) = fast.verdict {
                // Among the executions that reach no gap: it replays.
                #expect(throws: Never.self) { try Simulator.validate(cex.execution, for: s, messageCount: table.messageCount) }
            }

            // Gaps failing: a gap is thrown exactly when a `next` gap (or an unset `init`) is
            // reachable, as the brute force throws it, and it names an unset entry.
            // (Only where `send` and `decide` are complete: an unset `decide` means "does not
            // decide" there under early decision, and the skipping run stops at it.)
            guard !table.send.contains(TransitionTable.undefined),
                  !table.decision.contains(TransitionTable.noDecision) else { continue }
            let reachesNextGap = reference.gapEntries.contains { if case .next = $0 { return true } else { return false } }
            let fastFailing = try Self.gap(FastChecker(table: table, spec: spec, evaluator: evaluator))
            let bruteFailing = try Self.gap(BruteForceChecker(table: table, spec: spec, evaluator: evaluator))
            #expect((fastFailing != nil) == reachesNextGap && (bruteFailing != nil) == reachesNextGap, "\(label)")
            if let gap = fastFailing {
                #expect(gap.id != nil, "\(label)")
                #expect(table.nextState(round: gap.round, id: gap.id ?? 0, state: gap.state, observation: gap.observation) == nil,
                        "\(label): \(gap) names a defined entry")
            }
        }
        #expect(reachingGaps > 0 && failingBesideGaps > 0, "\(c): \(reachingGaps) reach gaps, \(failingBesideGaps) also fail")
    }

    /// The gap the check throws, nil when it gives a verdict; other failures are rethrown.
    static func gap(_ checker: any Checker) throws -> ProtocolGap? {
        do { _ = try checker.check() } catch {
            guard case .gap(let gap) = error else { throw error }
            return gap
        }
        return nil
    }

    /// A counted table in a setting with identities (its rules read neither `id` nor `from`):
    /// the simulator's observations name senders, the counted space indexes them by counts, and
    /// on a symmetric spec the fast checker still merges permuted executions and agrees with
    /// the brute force.
    @Test func countedTableUnderIdentitiesStillMerges() throws {
        var merged = 0, replayed = 0
        for model in FaultKind.allCases {
            let s = Self.setting(model, n: 3, f: 1, rounds: model == .crash ? 2 : 1, losses: model == .crash ? 0 : 1)
            let c = Case(setting: s, states: 2, roundAware: false, count: 10)
            var rng = SplitMix64(seed: Self.seed(c))
            let specs = try c.specs
            let evaluators = try specs.map { try SpecEvaluator(spec: $0) }
            for index in 0..<c.count {
                let table = RandomTables.make(s, stateCount: c.states, roundAware: false, using: &rng)
                #expect(!table.bySender)
                let which = index % specs.count
                let spec = specs[which], evaluator = evaluators[which]
                let label = "\(c) #\(index) \(spec.file)"
                let counting = CheckOptions(mode: .count)
                let brute = try BruteForceChecker(table: table, spec: spec, evaluator: evaluator, options: counting).check()
                let fast = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: counting).check()
                #expect(fast.mergedSymmetric == spec.isSymmetric, "\(label)")
                #expect(fast.rawExecutionsCovered == brute.rawExecutionsCovered, "\(label)")
                #expect(fast.rawExecutionsFailing == brute.rawExecutionsFailing, "\(label)")
                #expect(fast.verdict.kind == brute.verdict.kind, "\(label)")
                if case .violated(let cex) = try FastChecker(table: table, spec: spec, evaluator: evaluator).check().verdict {
                    // Replayed under identities: its observations name their senders.
                    #expect(cex.trace.observations.joined().contains { $0?.senders != nil }, "\(label)")
                    replayed += 1
                }
                if fast.mergedSymmetric { merged += 1 }
            }
        }
        #expect(merged > 0 && replayed > 0, "\(merged) merged, \(replayed) counterexamples")
    }
}

/// The by-sender exploration beyond the brute force's reach: a counted table copied into a
/// table by sender (every row of every id reads only the counts) is the same protocol, so its
/// check gives the counted check's verdict and counts; and cancellation stops it.
@Suite(.serialized, .timeLimit(.minutes(3))) struct SenderSearchTests {
    /// `counted` with observations by sender: each entry takes the counted entry of its counts.
    static func bySender(_ counted: TransitionTable) -> TransitionTable {
        var table = TransitionTable(setting: counted.setting, stateCount: counted.stateCount, roundAware: counted.roundAware,
                                    stateNames: counted.stateNames,
                                    messageCount: counted.hasAlphabet ? counted.messageCount : nil,
                                    messageNames: counted.messageNames, bySender: true)
        table.initial = counted.initial
        table.send = counted.send
        table.decision = counted.decision
        for e in table.next.indices {
            let info = table.informationSet(ofEntry: e)
            let o = counted.space.index(of: info.observation)!
            table.next[e] = counted.next[counted.entryIndex(round: info.round ?? 1, id: 0, state: info.state, observation: o)]
        }
        return table
    }

    static func setting(_ faults: FaultKind, n: Int, f: Int, rounds: Int, losses: Int = 0, early: Bool = false) -> Setting {
        IdentityDifferentialTests.setting(faults, n: n, f: f, rounds: rounds, losses: losses, early: early)
    }

    @Test func bySenderCopyAgreesWithCountedCheck() throws {
        let settings = [
            Self.setting(.crash, n: 5, f: 2, rounds: 3),
            Self.setting(.crash, n: 4, f: 1, rounds: 2, losses: 1, early: true),
            Self.setting(.sendOmission, n: 4, f: 1, rounds: 2),
            Self.setting(.generalOmission, n: 4, f: 1, rounds: 2, early: true),
            Self.setting(.byzantine, n: 4, f: 1, rounds: 2),
        ]
        var rng = SplitMix64(seed: 0x1D5)
        for s in settings {
            let c = DifferentialCase(setting: s, states: 2, roundAware: false, count: 6, bySender: true)
            let specs = try c.specs
            let evaluators = try specs.map { try SpecEvaluator(spec: $0) }
            for index in 0..<c.count {
                let counted = index == 0 ? try TransitionTable.compile(TestProtocols.floodset, for: s, file: "floodset.protocol")
                    : RandomTables.make(s, stateCount: 2, roundAware: index % 2 == 0, using: &rng)
                let table = Self.bySender(counted)
                let which = index % specs.count
                let spec = specs[which], evaluator = evaluators[which]
                let label = "\(c) #\(index) \(spec.file)"
                let counting = CheckOptions(mode: .count)
                let reference = try FastChecker(table: counted, spec: spec, evaluator: evaluator, options: counting).check()
                let fast = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: counting).check()
                #expect(fast.verdict.kind == reference.verdict.kind, "\(label)")
                #expect(fast.rawExecutionsCovered == reference.rawExecutionsCovered, "\(label)")
                #expect(fast.rawExecutionsCovered == Adversary(s, messageCount: table.messageCount).rawExecutions, "\(label)")
                #expect(fast.rawExecutionsFailing == reference.rawExecutionsFailing, "\(label)")
                #expect(!fast.mergedSymmetric && fast.statesExplored > 0 && fast.distinctOutcomes > 0, "\(label)")
                if case .violated(let cex) = try FastChecker(table: table, spec: spec, evaluator: evaluator).check().verdict {
                    #expect(throws: Never.self) { try Simulator.validate(cex.execution, for: s, messageCount: table.messageCount) }
                }
            }
        }
    }

    /// Relays: adopt what `p0` sent (when it arrived), and `p0` keeps its value. Its rules read
    /// `from`, so it compiles to a table by sender under identities.
    static let relay = ProtocolDefinition(
        name: "relay", states: ["0", "1"], initial: [InitEntry(input: 0, state: 0), InitEntry(input: 1, state: 1)],
        decisions: [DecideEntry(state: 0, decision: 0), DecideEntry(state: 1, decision: 1)],
        rules: [
            Rule(guard: .comparison(.id, .eq, .literal(0)), target: .stay),
            Rule(guard: .from(.literal(0), .eq, 0), target: .state(0)),
            Rule(guard: .from(.literal(0), .eq, 1), target: .state(1)),
            Rule(guard: nil, target: .stay),
        ])

    /// A protocol that reads `id` and `from`, compiled, against the brute force under every model.
    @Test func compiledRelayAgreesWithBruteForce() throws {
        var violated = 0
        for model in FaultKind.allCases {
            let s = Self.setting(model, n: 3, f: 1, rounds: model == .generalOmission ? 1 : 2)
            let table = try TransitionTable.compile(Self.relay, for: s, file: "relay.protocol")
            #expect(table.bySender)
            let c = DifferentialCase(setting: s, states: 2, roundAware: false, count: 1, bySender: true)
            for spec in try c.specs {
                let evaluator = try SpecEvaluator(spec: spec)
                let label = "\(c) \(spec.file)"
                let counting = CheckOptions(mode: .count)
                let brute = try BruteForceChecker(table: table, spec: spec, evaluator: evaluator, options: counting).check()
                let fast = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: counting).check()
                #expect(fast.verdict.kind == brute.verdict.kind, "\(label)")
                #expect(fast.rawExecutionsCovered == brute.rawExecutionsCovered, "\(label)")
                #expect(fast.rawExecutionsFailing == brute.rawExecutionsFailing, "\(label)")
                if fast.verdict.kind == .violated { violated += 1 }
            }
        }
        #expect(violated > 0)
    }

    @Test func cancelStopsTheSenderSearch() throws {
        let spec = try Spec.parse(TestSpecs.under(IdentityDifferentialTests.setting(.crash, n: 3, f: 1, rounds: 2),
                                                  CancellationTests.undecidable), file: "cubes.smt2")
        #expect(spec.setting.identities)
        let table = Self.bySender(try TransitionTable.compile(TestProtocols.floodset, for: spec.setting, file: "floodset.protocol"))
        let evaluator = try SpecEvaluator(spec: spec, timeoutMilliseconds: 120_000)
        let token = CancellationToken()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { token.cancel() }
        let start = ContinuousClock.now
        let report = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: CheckOptions(cancellation: token)).check()
        guard case .unknown(let reason) = report.verdict else {
            Issue.record("expected unknown, got \(report.verdict.name)")
            return
        }
        #expect(reason == "interrupted")
        #expect(ContinuousClock.now - start < .seconds(60))
        #expect(report.rawExecutionsCovered == 0)
    }
}

import Foundation
import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Checking

/// The symbolic checker (one Z3 query over every execution) against the fast checker: same
/// verdicts on the shipped specs and protocols, on seeded random tables, and on the textbook
/// FloodSet facts; every counterexample it returns replays and really fails.
@Suite(.serialized, .timeLimit(.minutes(5))) struct SymbolicCheckerTests {
    /// The repository root: three levels above this file.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let floodset = TestProtocols.floodset

    /// A generous per-query bound: these checks take milliseconds; `unknown` fails the test.
    static let timeout: UInt32 = 60_000

    func symbolic(_ table: TransitionTable, _ spec: Spec, _ evaluator: SpecEvaluator,
                  options: CheckOptions = CheckOptions()) throws(CheckFailure) -> CheckReport {
        try SymbolicChecker(table: table, spec: spec, evaluator: evaluator, options: options,
                            timeoutMilliseconds: Self.timeout).check()
    }

    /// Checks a counterexample independently of the checker that produced it: the simulator
    /// runs its execution again and the evaluator finds the same property failing on it.
    func confirm(_ report: CheckReport, _ table: TransitionTable, _ spec: Spec, _ evaluator: SpecEvaluator,
                 _ label: String) throws {
        guard case .violated(let cex) = report.verdict else { return }
        try Simulator.validate(cex.execution, for: table.setting)
        #expect(cex.execution.rounds.map(\.crashes.count).reduce(0, +) <= table.setting.crashes, "\(label)")
        let trace = try Simulator.run(table, cex.execution)
        #expect(trace == cex.trace, "\(label)")
        let outcome = Simulator.outcome(table, cex.execution, trace)
        #expect(outcome == cex.outcome, "\(label)")
        #expect(evaluator.evaluate(outcome) == .fails(property: cex.failedProperty), "\(label)")
        #expect(cex.failedPropertyName == spec.properties[cex.failedProperty].name, "\(label)")
    }

    // MARK: Shipped files

    @Test func shippedSpecsAndProtocolsAgreeWithFastChecker() throws {
        let fm = FileManager.default
        let specDirectories = ["Specs", "Specs/bench"].map { Self.root.appendingPathComponent($0) }
        var specPaths: [URL] = []
        for directory in specDirectories {
            let names = try fm.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".smt2") }.sorted()
            specPaths += names.map { directory.appendingPathComponent($0) }
        }
        let protocolDirectory = Self.root.appendingPathComponent("Protocols")
        let protocolPaths = try fm.contentsOfDirectory(atPath: protocolDirectory.path).filter { $0.hasSuffix(".protocol") }
            .sorted().map { protocolDirectory.appendingPathComponent($0) }
        #expect(specPaths.count >= 5 && protocolPaths.count >= 4)
        let protocols = try protocolPaths.map { url in
            (url.lastPathComponent, try ProtocolDefinition.parse(try String(contentsOf: url, encoding: .utf8), file: url.path))
        }
        var compared = 0
        var verdicts: [Verdict.Kind: Int] = [:]
        for specPath in specPaths {
            let spec = try Spec.load(path: specPath.path)
            let evaluator = try SpecEvaluator(spec: spec)
            for (name, proto) in protocols {
                // A protocol fits a spec when it compiles for its setting (inputs, decisions).
                guard let table = try? TransitionTable.compile(proto, for: spec.setting, file: name) else { continue }
                let label = "\(specPath.lastPathComponent) × \(name)"
                let fast = try FastChecker(table: table, spec: spec, evaluator: evaluator).check()
                let symbolic = try symbolic(table, spec, evaluator)
                #expect(symbolic.verdict.kind == fast.verdict.kind, "\(label)")
                #expect(symbolic.checker == .symbolic && !symbolic.mergedSymmetric, "\(label)")
                try confirm(symbolic, table, spec, evaluator, label)
                compared += 1
                verdicts[symbolic.verdict.kind, default: 0] += 1
            }
        }
        #expect(compared >= 90, "only \(compared) spec/protocol pairs fit")
        #expect((verdicts[.verified] ?? 0) >= 10 && (verdicts[.violated] ?? 0) >= 10, "\(verdicts)")
    }

    // MARK: Random tables

    typealias Case = DifferentialCase

    /// 240 tables in all, round-aware and not, 2 and 3 inputs.
    static let cases: [Case] = [
        Case(setting: Setting(processes: 3, crashes: 1, rounds: 2, inputs: 2, decisions: 2), states: 2, roundAware: false, count: 50),
        Case(setting: Setting(processes: 3, crashes: 1, rounds: 2, inputs: 2, decisions: 2), states: 2, roundAware: true, count: 40),
        Case(setting: Setting(processes: 3, crashes: 1, rounds: 1, inputs: 3, decisions: 3), states: 3, roundAware: false, count: 40),
        Case(setting: Setting(processes: 3, crashes: 2, rounds: 2, inputs: 2, decisions: 2), states: 3, roundAware: false, count: 30),
        Case(setting: Setting(processes: 2, crashes: 1, rounds: 2, inputs: 3, decisions: 3), states: 2, roundAware: true, count: 30),
        Case(setting: Setting(processes: 4, crashes: 1, rounds: 2, inputs: 2, decisions: 2), states: 3, roundAware: true, count: 25),
        Case(setting: Setting(processes: 4, crashes: 2, rounds: 2, inputs: 2, decisions: 2), states: 2, roundAware: false, count: 25),
    ]

    @Test(arguments: cases)
    func randomTablesAgreeWithFastChecker(_ c: Case) throws {
        var rng = SplitMix64(seed: 0x5EB0 &+ UInt64(c.setting.processes * 1000 + c.setting.crashes * 100 + c.states * 10 + (c.roundAware ? 1 : 0)))
        let specs = try c.specs
        #expect(specs.map(\.isSymmetric) == [true, true, false, true, false])
        let evaluators = try specs.map { try SpecEvaluator(spec: $0) }
        var verdicts: [Verdict.Kind: Int] = [:]
        for index in 0..<c.count {
            let table = RandomTables.make(c.setting, stateCount: c.states, roundAware: c.roundAware, using: &rng)
            let which = index % specs.count
            let spec = specs[which], evaluator = evaluators[which]
            let fast = try FastChecker(table: table, spec: spec, evaluator: evaluator).check()
            let symbolic = try symbolic(table, spec, evaluator)
            let label = "\(c) #\(index) \(spec.file)"
            #expect(symbolic.verdict.kind == fast.verdict.kind, "\(label)")
            try confirm(symbolic, table, spec, evaluator, label)
            if case .verified = symbolic.verdict {
                #expect(symbolic.rawExecutionsCovered == ExecutionCount.raw(c.setting), "\(label)")
            }
            verdicts[symbolic.verdict.kind, default: 0] += 1
        }
        // The sample must exercise both verdicts, or the comparison proves little.
        #expect((verdicts[.verified] ?? 0) > 0 && (verdicts[.violated] ?? 0) > 0, "\(c): \(verdicts)")
    }

    /// Tables with some `next` entries cleared: the symbolic checker throws a `ProtocolGap` exactly
    /// when the fast checker, exploring everything, does, and the gap it names is a real one;
    /// with gaps skipped, the verdicts agree.
    @Test func gapsAgreeWithFastChecker() throws {
        let setting = Setting(processes: 3, crashes: 1, rounds: 2, inputs: 2, decisions: 2)
        let spec = try Spec.parse(TestSpecs.consensus(n: 3, f: 1, rounds: 2), file: "consensus.smt2")
        let evaluator = try SpecEvaluator(spec: spec)
        var rng = SplitMix64(seed: 0x6A95)
        var gaps = 0
        var verdicts: [Verdict.Kind: Int] = [:]
        for index in 0..<40 {
            var table = RandomTables.make(setting, stateCount: 2, roundAware: index % 2 == 0, using: &rng)
            for e in table.next.indices where Double.random(in: 0..<1, using: &rng) < 0.04 {
                table.next[e] = TransitionTable.undefined
            }
            let label = "gap table #\(index)"
            var fastGap: ProtocolGap?
            do { _ = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: CheckOptions(mode: .count)).check() }
            catch { fastGap = try Self.gap(error) }
            var symbolicGap: ProtocolGap?
            var report: CheckReport?
            do { report = try symbolic(table, spec, evaluator) } catch { symbolicGap = try Self.gap(error) }
            #expect((fastGap == nil) == (symbolicGap == nil), "\(label): fast \(String(describing: fastGap)), symbolic \(String(describing: symbolicGap))")
            if let gap = symbolicGap {
                #expect(table.nextState(round: gap.round, id: 0, state: gap.state, observation: gap.observation) == nil, "\(label)")
                gaps += 1
            } else if let report {
                let fast = try FastChecker(table: table, spec: spec, evaluator: evaluator).check()
                #expect(report.verdict.kind == fast.verdict.kind, "\(label)")
                verdicts[report.verdict.kind, default: 0] += 1
            }
            var skipping = CheckOptions()
            skipping.gaps = .skip
            let fastSkip = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: skipping).check()
            let symbolicSkip = try symbolic(table, spec, evaluator, options: skipping)
            #expect(symbolicSkip.verdict.kind == fastSkip.verdict.kind, "\(label) skipping gaps")
            try confirm(symbolicSkip, table, spec, evaluator, label)
        }
        #expect(gaps > 0 && !verdicts.isEmpty, "\(gaps) gaps, \(verdicts)")
    }

    /// The gap of a failed check; any other failure is rethrown (an engine failure fails the test).
    static func gap(_ failure: CheckFailure) throws -> ProtocolGap {
        guard case .gap(let gap) = failure else { throw failure }
        return gap
    }

    @Test func protocolWithoutOtherwiseThrowsItsGap() throws {
        let proto = TestProtocols.floodsetWithoutOtherwise
        let spec = try Spec.parse(TestSpecs.consensus(n: 3, f: 1, rounds: 2), file: "c.smt2")
        let table = try TransitionTable.compile(proto, for: spec.setting, file: "gap.protocol")
        let evaluator = try SpecEvaluator(spec: spec)
        for kind in CheckerKind.allCases {
            let failure = #expect(throws: CheckFailure.self, "\(kind)") {
                try kind.checker(table: table, spec: spec, evaluator: evaluator).check()
            }
            guard case .gap? = failure else { Issue.record("\(kind): expected a gap, got \(String(describing: failure))"); continue }
        }
    }

    // MARK: Textbook facts

    func floodset(n: Int, f: Int, rounds: Int) throws -> (CheckReport, TransitionTable, Spec, SpecEvaluator) {
        let spec = try Spec.parse(TestSpecs.consensus(n: n, f: f, rounds: rounds), file: "c.smt2")
        let table = try TransitionTable.compile(Self.floodset, for: spec.setting, file: "floodset.protocol")
        let evaluator = try SpecEvaluator(spec: spec)
        return (try symbolic(table, spec, evaluator), table, spec, evaluator)
    }

    @Test func floodsetNeedsFPlusOneRoundsWhenNAtLeastFPlus2() throws {
        for n in 3...5 {
            for f in 1...(n - 2) {
                let (enough, _, _, _) = try floodset(n: n, f: f, rounds: f + 1)
                #expect(enough.verdict.kind == .verified, "n=\(n) f=\(f) R=f+1")
                #expect(enough.rawExecutionsCovered == enough.rawExecutionsTotal)
                let (short, table, spec, evaluator) = try floodset(n: n, f: f, rounds: f)
                #expect(short.verdict.kind == .violated, "n=\(n) f=\(f) R=f")
                if case .violated(let cex) = short.verdict { #expect(cex.failedPropertyName == "agreement") }
                try confirm(short, table, spec, evaluator, "n=\(n) f=\(f) R=f")
            }
        }
    }

    @Test func floodsetNeedsOnlyFRoundsWhenNIsFPlus1() throws {
        for n in 2...4 {
            #expect(try floodset(n: n, f: n - 1, rounds: n - 1).0.verdict.kind == .verified, "n=\(n) f=\(n - 1) R=f")
        }
    }

    /// Applications the substitution cannot see — `input`, `decision`, `correct` of a `Proc`
    /// term that is not a constant — still mean the outcome's values (the vocabulary is tied).
    @Test func nonConstantProcessArgumentsAreTied() throws {
        let leader = "(ite (correct p0) p0 p1)"
        let texts = [
            // FloodSet keeps agreement, so this holds…
            "(assert (=> (and (correct \(leader)) (correct p2)) (= (decision \(leader)) (decision p2))))",
            // …but a correct process need not decide its own input.
            "(assert (=> (correct \(leader)) (= (decision \(leader)) (input \(leader)))))",
        ]
        var verdicts: [Verdict.Kind] = []
        for text in texts {
            let spec = try Spec.parse(TestSpecs.header(n: 3, f: 1, rounds: 2) + text, file: "tied.smt2")
            let table = try TransitionTable.compile(Self.floodset, for: spec.setting, file: "floodset.protocol")
            let evaluator = try SpecEvaluator(spec: spec)
            let fast = try FastChecker(table: table, spec: spec, evaluator: evaluator).check()
            let report = try symbolic(table, spec, evaluator)
            #expect(report.verdict.kind == fast.verdict.kind, "\(text)")
            try confirm(report, table, spec, evaluator, text)
            verdicts.append(report.verdict.kind)
        }
        #expect(verdicts == [.verified, .violated])
    }

    // MARK: Reports

    @Test func asymmetricSpecIsCheckedWithoutSymmetry() throws {
        let spec = try Spec.load(path: Self.root.appendingPathComponent("Tests/CLITests/Fixtures/leader.smt2").path)
        #expect(!spec.isSymmetric)
        let table = try TransitionTable.compile(Self.floodset, for: spec.setting, file: "floodset.protocol")
        let evaluator = try SpecEvaluator(spec: spec)
        let report = try symbolic(table, spec, evaluator)
        #expect(!report.mergedSymmetric)
        guard case .violated(let cex) = report.verdict else {
            Issue.record("expected a violation of follow-p0, got \(report.verdict.name)")
            return
        }
        #expect(cex.failedPropertyName == "follow-p0")
        try confirm(report, table, spec, evaluator, "leader")
    }

    @Test func reportStatesWhatWasEncoded() throws {
        let (report, _, _, _) = try floodset(n: 3, f: 1, rounds: 2)
        #expect(report.checker == .symbolic)
        #expect(!report.mergedSymmetric)
        #expect(report.statesExplored == 3 * 3)
        #expect(report.solverChecks == 1)
        #expect(report.rawExecutionsFailing == nil)
        #expect(report.rawExecutionsTotal == 200 && report.rawExecutionsCovered == 200)
    }

    @Test func timeoutIsUnknownNeverAPass() throws {
        let spec = try Spec.parse(TestSpecs.consensus(n: 6, f: 4, rounds: 5), file: "c.smt2")
        let table = try TransitionTable.compile(Self.floodset, for: spec.setting, file: "floodset.protocol")
        let evaluator = try SpecEvaluator(spec: spec)
        let report = try SymbolicChecker(table: table, spec: spec, evaluator: evaluator, timeoutMilliseconds: 1).check()
        guard case .unknown(let reason) = report.verdict else {
            Issue.record("expected unknown after a 1 ms timeout, got \(report.verdict.name)")
            return
        }
        #expect(reason.contains("timed out"), "\(reason)")
    }

    @Test func cancelledCheckIsUnknownNeverAPass() throws {
        let spec = try Spec.parse(TestSpecs.consensus(n: 3, f: 1, rounds: 2), file: "c.smt2")
        let table = try TransitionTable.compile(Self.floodset, for: spec.setting, file: "floodset.protocol")
        let evaluator = try SpecEvaluator(spec: spec)
        let token = CancellationToken()
        token.cancel()
        let report = try symbolic(table, spec, evaluator, options: CheckOptions(cancellation: token))
        guard case .unknown(let reason) = report.verdict else {
            Issue.record("expected unknown, got \(report.verdict.name)")
            return
        }
        #expect(reason == "interrupted")
        #expect(report.rawExecutionsCovered == 0)
    }
}

import Foundation
import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
import Utilities
@testable import Checking

/// The fast checker against the brute-force reference under every fault model, with and
/// without lossy links, on seeded random protocols: the same verdict, the same raw-execution
/// count (the closed form's, too), the same number of failing raw executions, merged and
/// unmerged; and every counterexample replays (a `violated` verdict carries a replayed one).
@Suite(.serialized, .timeLimit(.minutes(10))) struct FaultModelDifferentialTests {
    typealias Case = DifferentialCase

    static func setting(_ faults: FaultKind, n: Int, f: Int, rounds: Int, losses: Int = 0, inputs: Int = 2) -> Setting {
        Setting(processes: n, crashes: f, rounds: rounds, inputs: inputs, decisions: inputs, faults: faults, losses: losses)
    }

    /// Per model 200 tables, times `GGMS_DIFFERENTIAL_SCALE` (default 1; the release campaign
    /// in `Results/differential-faults.md` runs more).
    static let cases: [Case] = FaultKind.allCases.flatMap { model -> [Case] in
        let byzantine = model == .byzantine
        let scale = Int(ProcessInfo.processInfo.environment["GGMS_DIFFERENTIAL_SCALE"] ?? "") ?? 1
        return [
            Case(setting: setting(model, n: 3, f: 1, rounds: 2), states: 2, roundAware: false, count: 50 * scale),
            Case(setting: setting(model, n: 3, f: 1, rounds: 1, inputs: 3), states: 3, roundAware: false, count: 40 * scale),
            Case(setting: setting(model, n: 2, f: 1, rounds: 2), states: 2, roundAware: true, count: 30 * scale),
            Case(setting: setting(model, n: 2, f: byzantine ? 1 : 0, rounds: 2, losses: 1), states: 2, roundAware: false,
                 count: 30 * scale),
            Case(setting: setting(model, n: 3, f: 1, rounds: 1, losses: 1), states: 2, roundAware: false, count: 30 * scale),
            Case(setting: setting(model, n: byzantine ? 4 : 3, f: byzantine ? 1 : 2, rounds: 1, losses: byzantine ? 0 : 2), states: 2,
                 roundAware: true, count: 20 * scale),
        ]
    }

    @Test(arguments: cases)
    func fastEqualsBruteForce(_ c: Case) throws {
        let s = c.setting
        var rng = SplitMix64(seed: UInt64(s.processes * 1000 + s.crashes * 100 + c.states * 10 + s.rounds + s.losses * 7)
                             &+ UInt64(FaultKind.allCases.firstIndex(of: s.faults)! * 100_000))
        let specs = try c.specs
        let evaluators = try specs.map { try SpecEvaluator(spec: $0) }
        var verdicts: [Verdict.Kind: Int] = [:]
        var severalFound = 0
        for index in 0..<c.count {
            let table = RandomTables.make(s, stateCount: c.states, roundAware: c.roundAware, using: &rng)
            let which = index % specs.count
            let spec = specs[which], evaluator = evaluators[which]
            let counting = CheckOptions(mode: .count)
            let brute = try BruteForceChecker(table: table, spec: spec, evaluator: evaluator, options: counting).check()
            let fast = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: counting).check()
            let label = "\(c) #\(index) \(spec.file)"
            #expect(fast.rawExecutionsCovered == brute.rawExecutionsCovered, "\(label)")
            #expect(fast.rawExecutionsTotal == brute.rawExecutionsCovered, "\(label)")
            #expect(brute.rawExecutionsTotal == brute.rawExecutionsCovered, "\(label)")
            #expect(fast.rawExecutionsFailing == brute.rawExecutionsFailing, "\(label)")
            #expect(fast.verdict.kind == brute.verdict.kind, "\(label)")

            let first = try FastChecker(table: table, spec: spec, evaluator: evaluator).check()
            #expect(first.verdict.kind == brute.verdict.kind, "\(label)")
            if case .violated(let cex) = first.verdict {
                // Replayed by construction; its execution is one this adversary may choose.
                #expect(throws: Never.self) { try Simulator.validate(cex.execution, for: s, messageCount: c.states) }
                #expect(cex.failedPropertyName == spec.properties[cex.failedProperty].name)
            }
            // Several counterexamples: the same verdict, each one a violation the adversary may
            // choose, each from its own initial configuration (inputs, and the faulty set where
            // the adversary picks it first), as many as asked or fewer.
            var several = CheckOptions()
            several.counterexamples = 3
            let more = try FastChecker(table: table, spec: spec, evaluator: evaluator, options: several).check()
            #expect(more.verdict.kind == brute.verdict.kind, "\(label) several")
            if case .violated(let cex) = more.verdict {
                let all = [cex] + more.moreCounterexamples
                #expect(all.count <= 3)
                if all.count > 1 { severalFound += 1 }
                for e in all { #expect(throws: Never.self) { try Simulator.validate(e.execution, for: s, messageCount: c.states) } }
                let starts = all.map { e -> [Int] in
                    let key = e.execution.inputs.indices.map { p in
                        e.execution.inputs[p] * 2 + (s.faults != .crash && e.execution.faulty.contains(p) ? 1 : 0)
                    }
                    return more.mergedSymmetric ? key.sorted() : key
                }
                #expect(Set(starts).count == starts.count, "\(label): \(starts)")
                // Fewer than asked only when no other initial configuration fails: brute force,
                // input vector by input vector, finds a violation for exactly the inputs (up to
                // permutation when merged) of the counterexamples found.
                if all.count < 3 {
                    let key = { (v: [Int]) in more.mergedSymmetric ? v.sorted() : v }
                    var failing = Set<[Int]>()
                    for code in 0..<Int(pow(Double(s.inputs), Double(s.processes))) {
                        let v = (0..<s.processes).map { p in code / Int(pow(Double(s.inputs), Double(p))) % s.inputs }
                        let run = BruteForceRun(table: table, spec: spec, evaluator: evaluator, options: CheckOptions(), fixedInputs: v)
                        if case .violation? = run.explore() { failing.insert(key(v)) }
                    }
                    #expect(Set(all.map { key($0.execution.inputs) }) == failing, "\(label)")
                }
            } else {
                #expect(more.moreCounterexamples.isEmpty)
            }
            if spec.isSymmetric && index % 4 == 0 {
                let unmerged = try FastChecker(table: table, spec: spec, evaluator: evaluator,
                                               options: CheckOptions(mode: .count, useSymmetry: false)).check()
                #expect(!unmerged.mergedSymmetric)
                #expect(unmerged.rawExecutionsFailing == brute.rawExecutionsFailing, "\(label) unmerged")
                if case .violated = first.verdict {
                    let firstUnmerged = try FastChecker(table: table, spec: spec, evaluator: evaluator,
                                                        options: CheckOptions(useSymmetry: false)).check()
                    #expect(firstUnmerged.verdict.kind == .violated, "\(label) unmerged")
                }
            }
            verdicts[first.verdict.kind, default: 0] += 1
        }
        #expect((verdicts[.verified] ?? 0) > 0 && (verdicts[.violated] ?? 0) > 0, "\(c): \(verdicts)")
        #expect(severalFound > 0, "\(c): no check found more than one counterexample")
    }
}

/// Every shipped fault-model spec (`Specs/faults/`) against every shipped protocol that fits it:
/// the fast checker agrees with brute force (where the setting is small) and with the symbolic
/// checker (at n <= 3), and every counterexample is one the adversary may choose.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ShippedFaultSpecTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func shippedFaultSpecsAgreeAcrossCheckers() throws {
        let fm = FileManager.default
        let specDirectory = Self.root.appendingPathComponent("Specs/faults")
        let specPaths = try fm.contentsOfDirectory(atPath: specDirectory.path).filter { $0.hasSuffix(".smt2") }.sorted()
        let protocolDirectory = Self.root.appendingPathComponent("Protocols")
        let protocols = try fm.contentsOfDirectory(atPath: protocolDirectory.path).filter { $0.hasSuffix(".protocol") }.sorted()
            .map { name in
                (name, try ProtocolDefinition.parse(try String(contentsOf: protocolDirectory.appendingPathComponent(name), encoding: .utf8),
                                                    file: name))
            }
        #expect(specPaths.count >= 20)
        var models: Set<FaultKind> = []
        var compared = 0
        for path in specPaths {
            let spec = try Spec.load(path: specDirectory.appendingPathComponent(path).path)
            let evaluator = try SpecEvaluator(spec: spec)
            models.insert(spec.setting.faults)
            for (name, proto) in protocols {
                guard let table = try? TransitionTable.compile(proto, for: spec.setting, file: name) else { continue }
                let label = "\(path) × \(name)"
                let fast = try FastChecker(table: table, spec: spec, evaluator: evaluator).check()
                if case .violated(let cex) = fast.verdict {
                    #expect(throws: Never.self) { try Simulator.validate(cex.execution, for: spec.setting, messageCount: table.messageCount) }
                }
                if fast.rawExecutionsTotal <= 200_000 {
                    let brute = try BruteForceChecker(table: table, spec: spec, evaluator: evaluator).check()
                    #expect(brute.verdict.kind == fast.verdict.kind, "\(label)")
                }
                if spec.setting.processes <= 3 {
                    let symbolic = try SymbolicChecker(table: table, spec: spec, evaluator: evaluator).check()
                    #expect(symbolic.verdict.kind == fast.verdict.kind, "\(label) symbolic")
                }
                compared += 1
            }
        }
        #expect(models == Set(FaultKind.allCases.filter { $0 != .crash }).union([.crash]), "\(models)")
        #expect(compared >= 40, "\(compared)")
    }
}

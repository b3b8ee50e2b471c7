import Foundation
import Game
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing
import Utilities
import Z3Kit
@testable import Checking

/// The every-n check (counter system over counts, spec over representatives) against the
/// explicit checker at concrete n, on seeded random count-only protocols and small symmetric
/// specs; the reduction of the spec to representatives against the spec evaluator on random
/// outcomes; and the textbook and n-dependent cases.
@Suite(.serialized, .timeLimit(.minutes(10))) struct EveryNTests {
    static let timeout: UInt32 = 60_000

    static func spec(_ text: String) throws -> Spec { try Spec.parse(text, file: "random.smt2") }

    static func consensus(processes: Int, crashes: Int, rounds: Int) -> String {
        """
        (set-info :processes \(processes))
        (set-info :crashes \(crashes))
        (set-info :rounds \(rounds))
        (define-fun agreement () Bool
          (forall ((i Proc) (j Proc)) (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
        (define-fun validity () Bool
          (forall ((v Int)) (=> (forall ((i Proc)) (= (input i) v)) (forall ((i Proc)) (=> (correct i) (= (decision i) v))))))
        (assert agreement)
        (assert validity)
        """
    }

    func everyN(_ proto: ProtocolDefinition, _ spec: Spec) throws(EveryNFailure) -> EveryNReport {
        try EveryNChecker(proto: proto, spec: spec, protocolFile: "random.protocol", timeoutMilliseconds: Self.timeout).check()
    }

    /// The explicit (fast) checker's verdict at `n`: verified, violated, or the gap it throws.
    enum Explicit: Equatable { case verified, violated, gap, unknown }
    func explicit(_ proto: ProtocolDefinition, _ spec: Spec, at n: Int) throws -> Explicit {
        let atN = try spec.withProcesses(n)
        let table = try TransitionTable.compile(proto, for: atN.setting, file: "random.protocol")
        let evaluator = try SpecEvaluator(spec: atN, timeoutMilliseconds: Self.timeout)
        do {
            switch try FastChecker(table: table, spec: atN, evaluator: evaluator).check().verdict {
            case .verified: return .verified
            case .violated: return .violated
            case .unknown: return .unknown
            }
        } catch {
            guard case .gap = error else { throw error }
            return .gap
        }
    }

    // MARK: Step 2 alone: the spec over representatives

    /// On random outcomes, the spec read over representatives (each kind's count capped at the
    /// quantifier depth, `faults` the true count) says what the evaluator says on the outcome.
    @Test func representativesAgreeWithTheEvaluatorOnRandomOutcomes() throws {
        var rng = SplitMix64(seed: 0xE7E2_0001)
        var checked = 0
        for _ in 0..<150 {
            let rounds = Int.random(in: 1...2, using: &rng)
            let text = RandomCountProtocols.specText(processes: 7, crashes: 1, rounds: rounds, maxDepth: 3, using: &rng)
            let base = try Self.spec(text)
            guard let depth = try base.procQuantifierDepth() else { continue }
            for _ in 0..<4 {
                let n = Int.random(in: 2...7, using: &rng)
                let spec = try base.withProcesses(n)
                var processes: [ProcessOutcome] = []
                for _ in 0..<n {
                    let correct = Int.random(in: 0..<3, using: &rng) != 0
                    let decision = correct ? Int.random(in: 0...1, using: &rng) : -1
                    processes.append(ProcessOutcome(input: Int.random(in: 0...1, using: &rng), correct: correct,
                                                    decision: decision, rounds: rounds))
                }
                let outcome = Outcome(processes)
                let expected = try SpecEvaluator(spec: spec, timeoutMilliseconds: Self.timeout).evaluate(outcome)
                #expect(try representativeVerdict(spec, outcome, depth: depth) == expected, "\(text)\n\(outcome)")
                checked += 1
            }
        }
        #expect(checked >= 400)
    }

    /// The first failing property over representatives of `outcome`'s kinds, `depth` per kind.
    func representativeVerdict(_ spec: Spec, _ outcome: Outcome, depth: Int) throws -> OutcomeVerdict {
        let context = try Z3Context()
        var counts: [ProcessOutcome: Int] = [:]
        for p in outcome.processes { counts[p, default: 0] += 1 }
        var representatives: [Representative] = []
        // Every kind the game can produce, present or not, so that absent ones are tested too.
        for input in 0...1 {
            for (correct, decision) in [(true, 0), (true, 1), (false, -1)] {
                let kind = ProcessOutcome(input: input, correct: correct, decision: decision, rounds: spec.setting.rounds)
                for rank in 0..<max(depth, 1) {
                    representatives.append(Representative(input: input, correct: correct, decision: decision,
                                                          decisionRound: spec.setting.rounds,
                                                          present: try context.mkBool(depth > 0 && counts[kind, default: 0] > rank)))
                }
            }
        }
        let (properties, ties) = try spec.assertions(onRepresentatives: representatives, faults: try context.mkInt(outcome.faults),
                                                     lost: nil, in: context)
        let solver = try Z3Solver(context: context)
        try solver.setTimeout(milliseconds: Self.timeout)
        for tie in ties { try solver.assert(tie) }
        for (index, property) in properties.enumerated() {
            switch solver.check(assumptions: [try literal(context, solver, try context.mkNot(property))]) {
            case .unsat: continue
            case .sat: return .fails(property: index)
            case .unknown(let reason): return .unknown(reason: reason)
            }
        }
        return .holds
    }

    func literal(_ context: Z3Context, _ solver: Z3Solver, _ fact: Z3AST) throws -> Z3AST {
        let b = try context.mkFreshConst(prefix: "a", sort: context.boolSort())
        try solver.assert(try context.mkImplies(b, fact))
        return b
    }

    // MARK: The whole check against the explicit checker

    /// At least 500 random count-only protocols and symmetric specs: "verified for every
    /// n >= A" implies the explicit checker verifies at every n it reaches (A…8, and up to 12
    /// for every tenth case); a counterexample at n0 replays (the checker replays it), the
    /// explicit checker finds a violation at n0 and verifies every n in A..<n0 (n0 is the
    /// smallest violating n); a gap at n0 is a gap for the explicit checker at n0.
    @Test func randomProtocolsAgreeWithTheExplicitChecker() throws {
        try differential(seed: 0xE7E2_0002, cases: 520, faults: nil)
    }

    /// The same under send omission (faulty processes run and decide; their messages may be
    /// dropped): 200 cases.
    @Test func randomProtocolsAgreeUnderSendOmission() throws {
        try differential(seed: 0xE7E2_0003, cases: 200, faults: "send-omission")
    }

    /// The same under Byzantine faults (faulty processes have no state and send each correct
    /// process any message or none): 200 cases.
    @Test func randomProtocolsAgreeUnderByzantineFaults() throws {
        try differential(seed: 0xE7E2_0004, cases: 200, faults: "byzantine")
    }

    /// The same under receive omission (a faulty receiver may miss any message) and general
    /// omission (a message to or from a faulty process may be dropped): 150 cases each.
    @Test(arguments: ["receive-omission", "general-omission"])
    func randomProtocolsAgreeUnderReceiveAndGeneralOmission(_ faults: String) throws {
        try differential(seed: faults == "receive-omission" ? 0xE7E2_0005 : 0xE7E2_0006, cases: 150, faults: faults)
    }

    func differential(seed: UInt64, cases: Int, faults: String?) throws {
        var rng = SplitMix64(seed: seed)
        var tally: [String: Int] = [:]
        for index in 0..<cases {
            let crashes = Int.random(in: 0...1, using: &rng)
            let rounds = Int.random(in: 1...2, using: &rng)
            let lower = crashes + 2
            let protoText = RandomCountProtocols.protocolText(using: &rng)
            var specText = RandomCountProtocols.specText(processes: lower, crashes: crashes, rounds: rounds, using: &rng)
            if let faults { specText = "(set-info :faults \(faults))\n" + specText }
            let label = "case \(index)\n\(protoText)\n\(specText)"
            let proto = try ProtocolDefinition.parse(protoText, file: "random.protocol")
            let spec = try Self.spec(specText)
            let reach = index % 10 == 0 ? 12 : 7
            let report: EveryNReport
            do {
                report = try everyN(proto, spec)
            } catch {
                guard case .gap(_, let n0) = error else { Issue.record("\(error)\n\(label)"); continue }
                tally["gap", default: 0] += 1
                // n0 is the smallest n with a reachable gap (bisection): the explicit checker
                // finds it there, and none below.
                #expect(n0 >= lower)
                if n0 <= 12 { #expect(try explicit(proto, spec, at: n0) == .gap, "n0 = \(n0)\n\(label)") }
                for n in lower..<min(n0, reach + 1) {
                    #expect(try explicit(proto, spec, at: n) != .gap, "n = \(n) below n0 = \(n0)\n\(label)")
                }
                continue
            }
            switch report.verdict {
            case .verified:
                tally["verified", default: 0] += 1
                for n in lower...reach {
                    #expect(try explicit(proto, spec, at: n) == .verified, "n = \(n)\n\(label)")
                }
            case .violated(let cex):
                tally["violated", default: 0] += 1
                let n0 = cex.setting.processes
                #expect(n0 >= lower)
                if n0 <= 12 { #expect(try explicit(proto, spec, at: n0) == .violated, "n0 = \(n0)\n\(label)") }
                for n in lower..<min(n0, reach + 1) {
                    let verdict = try explicit(proto, spec, at: n)
                    #expect(verdict == .verified, "n = \(n) below the smallest violating n0 = \(n0): \(verdict)\n\(label)")
                }
            case .unknown(let reason):
                Issue.record("unknown: \(reason)\n\(label)")
            }
        }
        #expect(tally["verified", default: 0] >= cases / 10 && tally["violated", default: 0] >= cases / 10, "\(tally)")
    }

    // MARK: Facts

    /// FloodSet: f+1 rounds verify for every n >= f+2 (and >= f+1); f rounds fail, at the
    /// smallest n = f+2, and the counterexample replays there.
    @Test func floodSetForEveryN() throws {
        for f in 1...2 {
            let good = try everyN(TestProtocols.floodset, try Self.spec(Self.consensus(processes: f + 1, crashes: f, rounds: f + 1)))
            guard case .verified(let from) = good.verdict else { Issue.record("f = \(f), R = f+1: \(good.verdict)"); continue }
            #expect(from == f + 1)
            let bad = try everyN(TestProtocols.floodset, try Self.spec(Self.consensus(processes: f + 1, crashes: f, rounds: f)))
            guard case .violated(let cex) = bad.verdict else { Issue.record("f = \(f), R = f: \(bad.verdict)"); continue }
            #expect(cex.setting.processes == f + 2)
            #expect(cex.failedPropertyName == "agreement")
        }
    }

    /// A protocol correct for n < 9 and wrong from n = 9 on (a guard reads n): the check finds
    /// the violation, at n = 9, and the explicit checker agrees on both sides.
    @Test func aGuardReadingNIsCaughtFromNine() throws {
        let proto = try ProtocolDefinition.parse("""
            protocol floodset-below-nine
            states 0 1
            init 0 -> 0, 1 -> 1
            decide 0 -> 0, 1 -> 1
            next
              n >= 9 -> self
              heard(0) >= 1 -> 0
              otherwise -> self
            """, file: "below-nine.protocol")
        let spec = try Self.spec(Self.consensus(processes: 3, crashes: 1, rounds: 2))
        let report = try everyN(proto, spec)
        guard case .violated(let cex) = report.verdict else { Issue.record("\(report.verdict)"); return }
        #expect(cex.setting.processes == 9)
        #expect(cex.outcome.processes.count == 9)
        #expect(try explicit(proto, spec, at: 9) == .violated)
        #expect(try explicit(proto, spec, at: 8) == .verified)
        // From n = 10 on, the same protocol is still wrong; from 3 to 8 it is FloodSet.
        let upper = try everyN(proto, try spec.withProcesses(10))
        guard case .violated(let later) = upper.verdict else { Issue.record("\(upper.verdict)"); return }
        #expect(later.setting.processes == 10)
    }

    /// Outside the fragment: a clear reason, never a verdict.
    @Test func outsideTheFragmentIsRefused() throws {
        let named = try Self.spec("""
            (set-info :processes 3)
            (set-info :crashes 1)
            (set-info :rounds 2)
            (assert (=> (correct p0) (= (decision p0) (input p0))))
            """)
        #expect(throws: EveryNFailure.self) { try everyN(TestProtocols.floodset, named) }
        do { _ = try everyN(TestProtocols.floodset, named) } catch {
            guard case .unsupported(.asymmetricSpec(let processes, _)) = error else { Issue.record("\(error)"); return }
            #expect(processes == [0])
        }
        let lossy = try Self.spec(Self.consensus(processes: 3, crashes: 1, rounds: 2).replacingOccurrences(
            of: "(set-info :rounds 2)", with: "(set-info :rounds 2)\n(set-info :losses 1)"))
        do { _ = try everyN(TestProtocols.floodset, lossy); Issue.record("lossy links accepted") } catch {
            guard case .unsupported(.losses(1)) = error else { Issue.record("\(error)"); return }
        }
        let mixed = try Self.spec("""
            (set-info :processes 3)
            (set-info :crashes 1)
            (set-info :rounds 2)
            (assert (forall ((i Proc) (v Int)) (=> (= (input i) v) (>= v 0))))
            """)
        do { _ = try everyN(TestProtocols.floodset, mixed); Issue.record("mixed binder accepted") } catch {
            guard case .unsupported(.mixedQuantifier) = error else { Issue.record("\(error)"); return }
        }
        // Z3's recognizer is_p0 names p0: not symmetric (and not merged by the fast checker).
        let recognizer = try Self.spec("""
            (set-info :processes 3)
            (set-info :crashes 1)
            (set-info :rounds 2)
            (assert (forall ((i Proc)) (=> (is_p0 i) (correct i))))
            """)
        #expect(!recognizer.isSymmetric)
        do { _ = try everyN(TestProtocols.floodset, recognizer); Issue.record("is_p0 accepted") } catch {
            guard case .unsupported(.asymmetricSpec(let processes, _)) = error else { Issue.record("\(error)"); return }
            #expect(processes == [0])
        }
        // Quantifiers over sorts built from Proc, and lambdas reading Proc, are refused.
        for assertion in ["(assert (forall ((a (Array Int Proc))) (correct (select a 0))))",
                          "(assert (select (lambda ((x Int)) (exists ((i Proc)) (not (correct i)))) 0))"] {
            let spec = try Self.spec("(set-info :processes 3)\n(set-info :crashes 1)\n(set-info :rounds 2)\n" + assertion)
            do { _ = try everyN(TestProtocols.floodset, spec); Issue.record("accepted: \(assertion)") } catch {
                guard case .unsupported(.mixedQuantifier) = error else { Issue.record("\(error)"); return }
            }
        }
    }
}

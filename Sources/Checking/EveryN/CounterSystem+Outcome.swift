import Diagnostics
import SpecLanguage
import Z3Kit

/// A kind of process in an outcome: what a symmetric spec can tell about it.
struct ProcessKind: Hashable {
    var input: Int
    var correct: Bool
    /// `decide` of the final state, or `-1` for a crashed process.
    var decision: Int
}

extension CounterSystem {
    /// The kinds an outcome can hold, each with the term counting its processes after round
    /// `R`: a correct process of input `v` in a state deciding `d` is `(v, correct, d)`; a
    /// crashed one of input `v` is `(v, faulty, -1)`; under send omission a faulty one decides
    /// too, `(v, faulty, d)`.
    /// - Complexity: O(I · K + R · I · K) terms.
    func kinds() throws(Z3Error) -> [(kind: ProcessKind, count: Z3AST)] {
        let final = alive[R]
        let values = Set(proto.decisions.map(\.decision)).sorted()
        var result: [(kind: ProcessKind, count: Z3AST)] = []
        for v in 0..<I {
            for c in 0..<classes {
                for d in values {
                    let states = (0..<K).filter { proto.decision(ofState: $0) == d }
                    result.append((ProcessKind(input: v, correct: c == 0, decision: d),
                                   try context.mkAdd(states.map { final[c][v][$0] })))
                }
            }
            if byzantine {
                result.append((ProcessKind(input: v, correct: false, decision: ProcessOutcome.noDecision), inputs[1][v]))
            } else if !faultyRun {
                var crashed: [Z3AST] = []
                for round in crashes { crashed.append(contentsOf: round[v]) }
                result.append((ProcessKind(input: v, correct: false, decision: ProcessOutcome.noDecision), try context.mkAdd(crashed)))
            }
        }
        return result
    }

    /// The spec's violation over a universe of representatives: `depth` per kind, the one of
    /// rank `k` present iff its kind counts more than `k` processes (at least one, never
    /// present, when `depth` is 0), `faults` the number of faulty processes and `lost` 0.
    /// Asserts the ties; returns one Boolean per property (true when it holds) and the number
    /// of representatives.
    /// - Throws: `Diagnostic` (Z3 failed on the spec; a quantifier cannot be relativized).
    func properties(of spec: Spec, depth: Int) throws(Diagnostic) -> (properties: [Z3AST], representatives: Int) {
        var representatives: [Representative] = []
        let faults: Z3AST
        do throws(Z3Error) {
            let all = try kinds()
            for (kind, count) in all {
                for rank in 0..<depth {
                    representatives.append(Representative(
                        input: kind.input, correct: kind.correct, decision: kind.decision, decisionRound: R,
                        present: try context.mkGe(count, try int(rank + 1))))
                }
            }
            if representatives.isEmpty, let first = all.first {
                representatives.append(Representative(input: first.kind.input, correct: first.kind.correct,
                                                      decision: first.kind.decision, decisionRound: R, present: falseTerm))
            }
            faults = try faultCount()
        } catch {
            throw Diagnostic(.internalError, file: spec.file, message: "\(error); Z3 failed while counting kinds — please report it")
        }
        let (properties, ties) = try spec.assertions(onRepresentatives: representatives, faults: faults, lost: nil, in: context)
        do throws(Z3Error) {
            for tie in ties { try solver.assert(tie) }
        } catch {
            throw Diagnostic(.internalError, file: spec.file, message: "\(error); Z3 failed while encoding the spec — please report it")
        }
        return (properties, representatives.count)
    }
}

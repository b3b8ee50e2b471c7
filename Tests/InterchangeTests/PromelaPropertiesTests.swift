import Interchange
import ProtocolLanguage
import SpecLanguage
import TestSupport
import Testing

/// The spec's properties become quantifier-free Promela over the outcome, at the spec's `n`.
@Suite(.timeLimit(.minutes(5))) struct PromelaPropertiesTests {
    static let floodset = TestProtocols.floodset

    @Test func quantifiersBecomeFiniteConjunctions() throws {
        let spec = try Spec.parse(TestSpecs.consensus(n: 4, f: 1, rounds: 2), file: "c.smt2")
        let model = try PromelaModel.generate(spec: spec, proto: Self.floodset, protocolFile: "f.protocol")
        #expect(model.unstated.isEmpty)
        let agreement = try #require(model.properties.first?.expression)
        // One implication per ordered pair of processes, over faulty[] and decision[].
        #expect(agreement.contains("decision[3]") && agreement.contains("faulty[3]") && !agreement.contains("decision[4]"))
        let validity = try #require(model.properties.last?.expression)
        #expect(validity.contains("input[0]") && !validity.contains("forall") && !validity.contains("exists"))
    }

    @Test func derivedTermsAndNamedProcessesTranslate() throws {
        let spec = try Spec.parse("""
            (set-info :processes 3) (set-info :crashes 1) (set-info :rounds 2)
            (assert (! (=> (and (correct p0) (<= faults 1)) (decided p0)) :named p0-decides))
            (assert (! (forall ((i Proc)) (=> (= (index i) 2) (>= (decision-round i) (- 1)))) :named rounds))
            """, file: "d.smt2")
        let model = try PromelaModel.generate(spec: spec, proto: Self.floodset, protocolFile: "f.protocol")
        #expect(model.unstated.isEmpty, "\(model.unstated)")
        #expect(model.properties.map(\.name) == ["p0-decides", "rounds"])
        #expect(model.properties[0].expression?.contains("decision[0]") == true)
    }

    /// User text (file names, property names) cannot end a Promela comment early.
    @Test func userTextStaysInsideComments() throws {
        let spec = try Spec.parse("""
            (set-info :processes 3) (set-info :crashes 1) (set-info :rounds 2)
            (assert (! (forall ((i Proc)) (>= (decision i) (- 1))) :named |odd*/name|))
            """, file: "dir*/spec.smt2")
        let model = try PromelaModel.generate(spec: spec, proto: Self.floodset, protocolFile: "p*/q.protocol")
        #expect(!model.text.contains("*/spec") && !model.text.contains("*/q") && !model.text.contains("*/name"))
        #expect(model.text.contains("odd* /name"))
    }

    @Test func modIsNotStated() throws {
        let spec = try Spec.parse("""
            (set-info :processes 3) (set-info :crashes 1) (set-info :rounds 2)
            (assert (! (forall ((i Proc)) (= (mod (decision i) 2) (mod (input i) 2))) :named parity))
            """, file: "m.smt2")
        let model = try PromelaModel.generate(spec: spec, proto: Self.floodset, protocolFile: "f.protocol")
        #expect(model.unstated.map(\.name) == ["parity"])
        #expect(model.unstated.first?.reason?.contains("mod") == true)
        #expect(model.text.contains("/* not stated: parity (m.smt2:2:1)"))
    }
}

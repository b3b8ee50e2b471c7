import Diagnostics
import SpecLanguage
import Testing

@Suite("Spec set-info attributes", .timeLimit(.minutes(5)))
struct SpecAttributeTests {
    private func expectError(_ text: String, _ line: Int, _ column: Int, _ fragment: String,
                             sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let error = SpecFixtures.diagnostic(text, sourceLocation: sourceLocation) else { return }
        #expect(error.kind == .badInput, sourceLocation: sourceLocation)
        #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
        #expect(error.column == column, "\(error)", sourceLocation: sourceLocation)
        #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
    }

    @Test func consensusAttributes() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.consensus)
        #expect(spec.setting == Setting(processes: 3, crashes: 1, rounds: 2, inputs: 2, decisions: 2,
                                        states: 2, roundAware: false))
        #expect(spec.expect == .realizable)
        #expect(spec.file == "spec.smt2")
        #expect(spec.text == SpecFixtures.consensus)
    }

    @Test func defaults() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.minimal())
        #expect(spec.setting == Setting(processes: 3, crashes: 1, rounds: 2))
        #expect(spec.setting.inputs == 2 && spec.setting.decisions == 2 && spec.setting.states == 2)
        #expect(spec.setting.roundAware == false)
        #expect(spec.expect == nil)
    }

    @Test func nonDefaultValues() throws {
        let spec = try SpecFixtures.parse(SpecFixtures.minimal("""
            (set-info :inputs 3) (set-info :decisions 4) (set-info :states 5)
            (set-info :round-aware true) (set-info :expect unrealizable)
            (set-logic ALL) (assert true) (check-sat) (exit)
            """))
        #expect(spec.setting.inputs == 3 && spec.setting.decisions == 4 && spec.setting.states == 5)
        #expect(spec.setting.roundAware)
        #expect(spec.expect == .unrealizable)
    }

    @Test func unknownAttributeSuggestsTheClosest() {
        expectError(SpecFixtures.minimal("(set-info :round-awre true)\n(assert true)"), 4, 11,
                    "unknown attribute ':round-awre' (did you mean ':round-aware'?); expected one of :processes")
    }

    @Test func wrongValueType() {
        expectError(SpecFixtures.minimal("(set-info :states two)\n(assert true)"), 4, 19,
                    "':states' is 'two', not a numeral; expected a numeral in 1...8")
        expectError(SpecFixtures.minimal("(set-info :round-aware 1)\n(assert true)"), 4, 24,
                    "':round-aware' is '1'; expected true or false")
        expectError(SpecFixtures.minimal("(set-info :expect yes)\n(assert true)"), 4, 19,
                    "expected realizable or unrealizable")
    }

    @Test func outOfRange() {
        expectError("(set-info :processes 99)\n(set-info :crashes 1)\n(set-info :rounds 2)\n(assert true)", 1, 22,
                    "':processes' is 99, out of range; expected a numeral in 2...63")
        expectError(SpecFixtures.minimal("(set-info :inputs 17)\n(assert true)"), 4, 19, "expected a numeral in 1...16")
        expectError(SpecFixtures.minimal("(set-info :states 0)\n(assert true)"), 4, 19, "expected a numeral in 1...8")
        expectError("(set-info :processes 3)\n(set-info :crashes 0)\n(set-info :rounds 65)\n(assert true)", 3, 19,
                    "expected a numeral in 1...64")
    }

    @Test func crashesMustBeFewerThanProcesses() {
        expectError("(set-info :processes 3)\n(set-info :crashes 3)\n(set-info :rounds 2)\n(assert true)", 2, 20,
                    "':crashes' is 3 but ':processes' is 3; expected a numeral in 0...2")
    }

    @Test func duplicateAttribute() {
        expectError(SpecFixtures.minimal("(set-info :rounds 3)\n(assert true)"), 4, 11,
                    "duplicate attribute ':rounds' (first set at line 3)")
    }

    @Test func missingValue() {
        expectError(SpecFixtures.minimal("(set-info :states)\n(assert true)"), 4, 11, "takes exactly one value")
    }

    @Test func missingRequiredAttribute() {
        expectError("(set-info :processes 3)\n(set-info :crashes 1)\n(assert true)", 1, 1,
                    "missing attribute :rounds; expected (set-info :rounds R)")
        expectError("(assert true)", 1, 1, "missing attribute :processes, :crashes, :rounds")
    }
}

import Diagnostics
import SpecLanguage
import Testing

/// `:faulty` (the newer name of `:crashes`), `:faults` and `:losses`: the syntax is the whole
/// spec language's; the values this version checks and synthesizes are `crash` and 0, and every
/// other one is a located error that says so, never a silent crash-fault check.
@Suite("Fault attributes", .timeLimit(.minutes(5)))
struct FaultAttributeTests {
    static func spec(_ attributes: String) -> String {
        "(set-info :processes 3)\n\(attributes)\n(set-info :rounds 2)\n(assert true)\n"
    }

    static func error(_ text: String) -> Diagnostic? {
        do { _ = try Spec.parse(text, file: "f.smt2"); return nil } catch { return error }
    }

    @Test func faultyIsCrashesUnderItsNewerName() throws {
        let a = try Spec.parse(Self.spec("(set-info :faulty 1)"), file: "f.smt2")
        let b = try Spec.parse(Self.spec("(set-info :crashes 1)"), file: "f.smt2")
        #expect(a.setting == b.setting)
        let c = try Spec.parse(Self.spec("(set-info :faulty 2) (set-info :faults crash) (set-info :losses 0)"), file: "f.smt2")
        #expect(c.setting.crashes == 2)
    }

    @Test func exactlyOneOfCrashesAndFaulty() throws {
        let both = try #require(Self.error(Self.spec("(set-info :crashes 1)\n(set-info :faulty 1)")))
        #expect(both.line == 3 && both.message.contains("both ':crashes' and ':faulty'"), "\(both)")
        let neither = try #require(Self.error(Self.spec("")))
        #expect(neither.message.contains("missing attribute :crashes") && neither.message.contains(":faulty"), "\(neither)")
        let tooMany = try #require(Self.error(Self.spec("(set-info :faulty 3)")))
        #expect(tooMany.line == 2 && tooMany.column == 19 && tooMany.message.contains("':faulty' is 3"), "\(tooMany)")
    }

    @Test(arguments: ["send-omission", "receive-omission", "general-omission", "byzantine"])
    func modelsNotBuiltYetAreLocatedErrors(_ model: String) throws {
        let error = try #require(Self.error(Self.spec("(set-info :crashes 1) (set-info :faults \(model))")))
        #expect(error.line == 2 && error.column == 41, "\(error)")
        #expect(error.message.contains("not built in this version"), "\(error)")
    }

    @Test func badValuesAreLocated() throws {
        let bogus = try #require(Self.error(Self.spec("(set-info :crashes 1) (set-info :faults omission)")))
        #expect(bogus.message.contains("expected crash or send-omission"), "\(bogus)")
        let losses = try #require(Self.error(Self.spec("(set-info :crashes 1) (set-info :losses 1)")))
        #expect(losses.line == 2 && losses.message.contains("':losses 1' is not built"), "\(losses)")
        let negative = try #require(Self.error(Self.spec("(set-info :crashes 1) (set-info :losses x)")))
        #expect(negative.message.contains("not a numeral"), "\(negative)")
    }
}

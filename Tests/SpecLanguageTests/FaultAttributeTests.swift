import Diagnostics
import SpecLanguage
import Testing

/// `:faulty` (the newer name of `:crashes`), `:faults` and `:losses`: every model and loss bound
/// reaches the setting, and every bad value or combination is a located error.
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

    @Test(arguments: FaultKind.allCases)
    func everyModelReachesTheSetting(_ model: FaultKind) throws {
        let spec = try Spec.parse(Self.spec("(set-info :faulty 1) (set-info :faults \(model.name)) (set-info :losses 2)"), file: "f.smt2")
        #expect(spec.setting.faults == model && spec.setting.losses == 2 && spec.setting.crashes == 1)
        let plain = try Spec.parse(Self.spec("(set-info :faulty 1)"), file: "f.smt2")
        #expect(plain.setting.faults == .crash && plain.setting.losses == 0)
    }

    /// At another n, `:losses` above that n's n(n-1) messages means "any of them".
    @Test func lossesAreCappedAtAnotherN() throws {
        let spec = try Spec.parse(Self.spec("(set-info :faulty 1) (set-info :losses 6)"), file: "f.smt2")
        #expect(try spec.withProcesses(2).setting.losses == 2)
        #expect(try spec.withProcesses(4).setting.losses == 6)
    }

    @Test func badValuesAreLocated() throws {
        let bogus = try #require(Self.error(Self.spec("(set-info :crashes 1) (set-info :faults omission)")))
        #expect(bogus.message.contains("expected one of crash, send-omission"), "\(bogus)")
        let cased = try #require(Self.error(Self.spec("(set-info :crashes 1) (set-info :faults Byzantine)")))
        #expect(cased.message.contains("did you mean 'byzantine'?"), "\(cased)")
        let losses = try #require(Self.error(Self.spec("(set-info :crashes 1) (set-info :losses 7)")))
        #expect(losses.line == 2 && losses.column == 41 && losses.message.contains("only 6 messages"), "\(losses)")
        let negative = try #require(Self.error(Self.spec("(set-info :crashes 1) (set-info :losses x)")))
        #expect(negative.message.contains("not a numeral"), "\(negative)")
    }
}

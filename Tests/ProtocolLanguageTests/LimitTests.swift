import Diagnostics
import ProtocolLanguage
import Testing
import TestSupport

/// The protocol language's limits (`ProtocolDefinition.maxLiteral`, `maxGuardTerms`,
/// `maxGuardDepth`): exactly at a limit is accepted, one past it is one located error, far past
/// it is the same error (never a crash), and whatever is accepted evaluates exactly and can be
/// evaluated, printed, compared and freed without overflowing a small stack.
@Suite(.timeLimit(.minutes(5))) struct LimitTests {
    static let head = "states a b\ninit 0 -> a, 1 -> b\ndecide a -> 0, b -> 1\nnext\n"

    /// A definition whose first rule is `GUARD -> b` (line 5, the guard at column 3).
    static func text(guard condition: String) -> String {
        head + "  " + condition + " -> b\n  otherwise -> self\n"
    }

    /// Expects `text` to fail at line 5 and `column` with `fragment` in the message.
    func expectError(_ text: String, column: Int, _ fragment: String,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        do {
            let p = try ProtocolDefinition.parse(text, file: "p.protocol")
            Issue.record("parsed without error: \(p.rules.count) rules", sourceLocation: sourceLocation)
        } catch {
            #expect(error.kind == .badInput, sourceLocation: sourceLocation)
            #expect(error.line == 5, "\(error)", sourceLocation: sourceLocation)
            #expect(error.column == column, "\(error)", sourceLocation: sourceLocation)
            #expect(error.message.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Literals

    @Test func literalsUpToTheLimitAreAccepted() throws {
        let p = try ProtocolDefinition.parse(Self.text(guard: "heard(a) + 1000000 > -1000000"), file: "t")
        #expect(p.rules[0].guard == .comparison(.add(.heard(0), .literal(1_000_000)), .gt, .literal(-1_000_000)))
    }

    @Test func literalPastTheLimitIsLocated() {
        expectError(Self.text(guard: "heard(a) >= 1000001"), column: 15,
                    "integer literal 1000001 is too large; expected at most 1000000 in absolute value")
        // A negative literal is located at its sign.
        expectError(Self.text(guard: "heard(a) >= -1000001"), column: 15, "integer literal -1000001 is too large")
        // The tester's overflow: Int.max + 1 wrapped to Int.min and the guard read false.
        expectError(Self.text(guard: "9223372036854775807 + 1 > 0"), column: 3,
                    "integer literal 9223372036854775807 is too large")
        expectError(Self.text(guard: "heard(a) > 99999999999999999999999"), column: 14, "is too large")
    }

    // MARK: Exact evaluation

    @Test func evaluationNeverWraps() {
        let c = Fixtures.context(heard: [1, 0])
        let overMax = Term.add(.literal(Int.max), .literal(1))
        #expect(overMax.value(in: c) == Int128(Int.max) + 1)
        #expect(Guard.comparison(overMax, .gt, .literal(0)).holds(in: c))
        let underMin = Term.sub(.literal(Int.min), .heard(0))
        #expect(underMin.value(in: c) == Int128(Int.min) - 1)
        #expect(Guard.comparison(underMin, .lt, .literal(Int.min)).holds(in: c))
        let big = Term.add(.add(.literal(Int.max), .literal(Int.max)), .literal(Int.max))
        #expect(Guard.comparison(big, .gt, .sub(.literal(Int.max), .literal(Int.min))).holds(in: c))
    }

    // MARK: Nesting

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = ProtocolDefinition.maxGuardDepth
        let parens = String(repeating: "(", count: depth) + "heard(a) >= 1" + String(repeating: ")", count: depth)
        #expect(try ProtocolDefinition.parse(Self.text(guard: parens), file: "t").rules[0].guard
                == .comparison(.heard(0), .ge, .literal(1)))
        let nots = String(repeating: "not ", count: depth) + "heard(a) >= 1"
        var expected = Guard.comparison(.heard(0), .ge, .literal(1))
        for _ in 0..<depth { expected = .not(expected) }
        #expect(try ProtocolDefinition.parse(Self.text(guard: nots), file: "t").rules[0].guard == expected)
        // Levels are the ones open at once: many groups side by side are fine.
        let wide = Array(repeating: "(" + String(repeating: "not ", count: depth - 1) + "missing > 0)", count: 3)
        #expect(throws: Never.self) { try ProtocolDefinition.parse(Self.text(guard: wide.joined(separator: " or ")), file: "t") }
    }

    @Test func nestingPastTheLimitIsLocated() {
        let depth = ProtocolDefinition.maxGuardDepth
        let message = "guard nested too deeply (more than 256 levels of parentheses and 'not'); expected at most 256 levels"
        // The first '(' or 'not' past the limit: column 3 + depth ('(' is one column, 'not ' four).
        expectError(Self.text(guard: String(repeating: "(", count: depth + 1) + "heard(a) >= 1" + String(repeating: ")", count: depth + 1)),
                    column: 3 + depth, message)
        expectError(Self.text(guard: String(repeating: "not ", count: depth + 1) + "heard(a) >= 1"), column: 3 + 4 * depth, message)
        expectError(Self.text(guard: "not " + String(repeating: "(", count: depth) + "heard(a) >= 1" + String(repeating: ")", count: depth)),
                    column: 3 + 4 + depth - 1, message)
        // Far past the limit (the tester's cases): the same single error, no crash.
        expectError(Self.text(guard: String(repeating: "(", count: 50_000) + "heard(a) >= 1"), column: 3 + depth, message)
        expectError(Self.text(guard: String(repeating: "not ", count: 5_000) + "heard(a) >= 1"), column: 3 + 4 * depth, message)
    }

    // MARK: Length

    @Test func termsUpToTheLimitAreAccepted() throws {
        // heard(a) + 0 + ... + 0 >= 1: 1 + (limit - 2) + 1 terms.
        let terms = ProtocolDefinition.maxGuardTerms
        let sum = "heard(a)" + String(repeating: " + 0", count: terms - 2) + " >= 1"
        let p = try ProtocolDefinition.parse(Self.text(guard: sum), file: "t")
        #expect(p.rules[0].guard?.holds(in: Fixtures.context(heard: [1, 0])) == true)
        #expect(p.rules[0].guard?.holds(in: Fixtures.context(heard: [0, 1])) == false)
        // self and state names count as terms too: limit / 2 comparisons joined by 'and'.
        let conjunction = Array(repeating: "self == a", count: terms / 2).joined(separator: " and ")
        #expect(throws: Never.self) { try ProtocolDefinition.parse(Self.text(guard: conjunction), file: "t") }
    }

    @Test func termsPastTheLimitAreLocated() {
        let terms = ProtocolDefinition.maxGuardTerms
        let message = "guard too long (more than 256 terms"
        // 'heard(a)' is 8 columns, each ' + 0' 4: term k (1-based, k >= 2) starts at 3 + 8 + 4 (k - 2) + 3.
        let sum = "heard(a)" + String(repeating: " + 0", count: terms) + " >= 1"
        expectError(Self.text(guard: sum), column: 3 + 8 + 4 * (terms - 1) + 3, message)
        let long = "heard(a)" + String(repeating: " + 0", count: 50_000) + " >= 1"
        expectError(Self.text(guard: long), column: 3 + 8 + 4 * (terms - 1) + 3, message)
        let conjunction = Array(repeating: "self == a", count: terms / 2 + 1).joined(separator: " and ")
        expectError(Self.text(guard: conjunction), column: 3 + 14 * (terms / 2), message)
    }

    // MARK: Whatever is accepted is safe to use

    /// The deepest tree the parser accepts: every level a 'not', over a comparison whose left
    /// side is the longest '+' chain.
    static let deepest: String = {
        let terms = ProtocolDefinition.maxGuardTerms
        return String(repeating: "not ", count: ProtocolDefinition.maxGuardDepth)
            + "heard(a)" + String(repeating: " + 0", count: terms - 2) + " < 1"
    }()

    @Test func theDeepestAcceptedGuardIsSafeOnASmallStack() {
        // 1 MB is an eighth of a main thread's stack; debug builds need about a third of it.
        let ok = SmallStack.run(bytes: 1 << 20) { () -> Bool in
            do {
                let p = try ProtocolDefinition.parse(Self.text(guard: Self.deepest), file: "t")
                let context = Fixtures.context(heard: [1, 0])
                // An even number of 'not's over heard(a) < 1, which is false here.
                let holds = p.rules[0].guard!.holds(in: context)
                let printed = p.printed()
                let again = try ProtocolDefinition.parse(printed, file: "t")
                var hasher = Hasher()
                hasher.combine(again)
                _ = hasher.finalize()
                return !holds && again == p && p.nextState(in: context) == 0
            } catch {
                return false
            }
        }
        #expect(ok)
    }

    // MARK: Dead rules

    /// The error `text` is rejected with, as the user sees it.
    func diagnostic(_ text: String) -> String {
        do {
            _ = try ProtocolDefinition.parse(text, file: "p.protocol")
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func ruleAfterOtherwiseIsLocated() {
        // Lines 1-4 are `head`; line 5 is otherwise, line 6 the first dead rule.
        #expect(diagnostic(Self.head + "  otherwise -> self\n  heard(b) >= 1 -> b\n  missing > 0 -> a\n")
                == "p.protocol:6:3: error: this rule can never apply: an earlier 'otherwise' (line 5) matches everything; expected 'otherwise' last")
        #expect(diagnostic(Self.head + "  missing > 0 -> a\n  otherwise -> self\n  otherwise -> b\n")
                == "p.protocol:7:3: error: this rule can never apply: an earlier 'otherwise' (line 6) matches everything; expected 'otherwise' last")
    }

    @Test func otherwiseOnTheNextLineCounts() {
        // `next otherwise -> self` puts the otherwise rule on the 'next' line itself.
        let text = "states a b\ninit 0 -> a, 1 -> b\ndecide a -> 0, b -> 1\nnext otherwise -> self\n  heard(b) >= 1 -> b\n"
        #expect(diagnostic(text).hasPrefix("p.protocol:5:3: error: this rule can never apply: an earlier 'otherwise' (line 4)"))
    }

    @Test func otherwiseLastIsFine() throws {
        let p = try ProtocolDefinition.parse(Self.head + "  heard(b) >= 1 -> b\n  otherwise -> self\n", file: "t")
        #expect(p.rules.count == 2)
    }
}

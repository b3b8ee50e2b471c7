import ProtocolLanguage
import Testing

/// Operator precedence (`not` > `and` > `or`; comparisons bind tighter than all three; `+`
/// and `-` are left-associative) in both directions: parsing and printing.
@Suite(.timeLimit(.minutes(5))) struct PrecedenceTests {
    static let a = Guard.comparison(.heard(0), .ge, .literal(1))
    static let b = Guard.comparison(.heard(1), .ge, .literal(1))
    static let c = Guard.comparison(.missing, .eq, .literal(0))

    func guardOf(_ text: String) throws -> Guard? {
        let p = try ProtocolDefinition.parse("states x y\ninit 0 -> x\ndecide x -> 0\nnext\n  \(text) -> x\n", file: "t")
        return p.rules[0].guard
    }

    static let cases: [(String, Guard)] = [
        ("heard(x) >= 1 or heard(y) >= 1 and missing == 0", .or(a, .and(b, c))),
        ("heard(x) >= 1 and heard(y) >= 1 or missing == 0", .or(.and(a, b), c)),
        ("not heard(x) >= 1 and heard(y) >= 1", .and(.not(a), b)),
        ("not (heard(x) >= 1 and heard(y) >= 1)", .not(.and(a, b))),
        ("heard(x) >= 1 and (heard(y) >= 1 or missing == 0)", .and(a, .or(b, c))),
        ("heard(x) >= 1 or heard(y) >= 1 or missing == 0", .or(.or(a, b), c)),
        ("heard(x) >= 1 or (heard(y) >= 1 or missing == 0)", .or(a, .or(b, c))),
        ("not not heard(x) >= 1", .not(.not(a))),
        ("((heard(x))) >= (1)", a),
        ("n - f - 1 < round", .comparison(.sub(.sub(.processes, .crashes), .literal(1)), .lt, .round)),
        ("n - (f - 1) < round", .comparison(.sub(.processes, .sub(.crashes, .literal(1))), .lt, .round)),
        ("(heard(x) + 1) >= 2 or not (missing == 0)",
         .or(.comparison(.add(.heard(0), .literal(1)), .ge, .literal(2)), .not(c))),
        ("x == self or self != y", .or(.selfIs(0), .selfIsNot(1))),
    ]

    @Test(arguments: cases)
    func parsesWithPrecedence(text: String, expected: Guard) throws {
        #expect(try guardOf(text) == expected)
    }

    @Test func printsOnlyNeededParentheses() {
        let names = ["x", "y"]
        #expect(Guard.or(Self.a, .and(Self.b, Self.c)).text(stateNames: names)
                == "heard(x) >= 1 or heard(y) >= 1 and missing == 0")
        #expect(Guard.and(.or(Self.a, Self.b), Self.c).text(stateNames: names)
                == "(heard(x) >= 1 or heard(y) >= 1) and missing == 0")
        #expect(Guard.not(.and(Self.a, Self.b)).text(stateNames: names) == "not (heard(x) >= 1 and heard(y) >= 1)")
        #expect(Guard.or(Self.a, .or(Self.b, Self.c)).text(stateNames: names)
                == "heard(x) >= 1 or (heard(y) >= 1 or missing == 0)")
        #expect(Term.sub(.processes, .add(.crashes, .literal(-1))).text(stateNames: names) == "n - (f + -1)")
        #expect(Guard.selfIsNot(1).text(stateNames: names) == "self != y")
    }
}

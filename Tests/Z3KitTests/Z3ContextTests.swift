import Testing
import Z3Kit

@Suite("Z3Context terms and solving", .timeLimit(.minutes(5)))
struct Z3ContextTests {
    @Test func versionNamesZ3() {
        #expect(Z3Kit.version.hasPrefix("4."))
    }

    @Test func enumerationSortHasExactlyItsConstants() throws {
        let context = try Z3Context()
        let (color, constants) = try context.mkEnumerationSort(name: "Color", constants: ["red", "green"])
        #expect(constants.count == 2)
        #expect(color.description == "Color")
        let red = try context.apply(constants[0])
        let green = try context.apply(constants[1])
        let x = try context.mkConst("x", sort: color)
        let solver = try Z3Solver(context: context)
        try solver.assert(try context.mkNot(try context.mkEq(x, red)))
        try solver.assert(try context.mkNot(try context.mkEq(x, green)))
        #expect(solver.check() == .unsat)
    }

    @Test func functionApplicationAndModel() throws {
        let context = try Z3Context()
        let (proc, constants) = try context.mkEnumerationSort(name: "P", constants: ["a", "b"])
        let f = try context.mkFuncDecl(name: "f", domain: [proc], range: context.intSort())
        let fa = try context.apply(f, [try context.apply(constants[0])])
        let solver = try Z3Solver(context: context)
        try solver.assert(try context.mkEq(fa, try context.mkInt(7)))
        #expect(solver.check() == .sat)
        let model = try #require(solver.model())
        #expect(model.intValue(of: fa) == 7)
        #expect(model.boolValue(of: try context.mkEq(fa, try context.mkInt(7))) == true)
    }

    @Test func sortMismatchThrowsInsteadOfExiting() throws {
        let context = try Z3Context()
        let b = try context.mkConst("b", sort: context.boolSort())
        #expect(throws: Z3Error.self) { try context.mkEq(b, try context.mkInt(1)) }
        // The context stays usable after the error.
        #expect(try context.mkNot(b).description == "(not b)")
    }

    @Test func pushPopAndAssumptions() throws {
        let context = try Z3Context()
        let a = try context.mkConst("a", sort: context.boolSort())
        let solver = try Z3Solver(context: context)
        solver.push()
        try solver.assert(try context.mkNot(a))
        #expect(solver.scopes == 1)
        #expect(solver.check(assumptions: [a]) == .unsat)
        #expect(solver.check() == .sat)
        solver.pop()
        #expect(solver.scopes == 0)
        #expect(solver.check(assumptions: [a]) == .sat)
        #expect(try solver.check(assumptions: [try context.mkAnd([a, try context.mkNot(a)])]) == .unsat)
    }
}

import Foundation
import Testing
import Z3Kit

/// The two Z3Kit pieces of the every-n check: quantifier depth over a sort, and finite
/// expansion relativized to presence terms.
@Suite(.timeLimit(.minutes(5)))
struct Z3RelativizationTests {
    /// `Proc = {p0, p1, p2}`, `(good Proc) Bool`.
    let context: Z3Context
    let proc: Z3Sort
    let processes: [Z3AST]
    let good: Z3FuncDecl

    init() throws {
        context = try Z3Context()
        let made = context
        let (proc, constants) = try made.mkEnumerationSort(name: "Proc", constants: ["p0", "p1", "p2"])
        self.proc = proc
        processes = try constants.map { try made.apply($0) }
        good = try made.mkFuncDecl(name: "good", domain: [proc], range: made.boolSort())
    }

    func parse(_ text: String) throws -> Z3AST {
        try context.parseSMTLIB2(text, sorts: [("Proc", proc)], decls: [("good", good)])[0]
    }

    func value(_ term: Z3AST) throws -> Bool? {
        context.literalBoolValue(try context.simplify(term))
    }

    @Test func depthCountsBoundProcessesAlongAPath() throws {
        let flat = try parse("(assert (forall ((i Proc) (j Proc)) (=> (good i) (good j))))")
        #expect(try context.quantifierDepth(in: flat, over: proc) == QuantifierDepth(depth: 2, mixesSorts: false))
        let nested = try parse("(assert (and (forall ((i Proc)) (exists ((j Proc)) (forall ((k Proc)) (good k)))) (exists ((i Proc)) (good i))))")
        #expect(try context.quantifierDepth(in: nested, over: proc).depth == 3)
        let integers = try parse("(assert (forall ((v Int)) (=> (> v 0) (exists ((i Proc)) (good i)))))")
        #expect(try context.quantifierDepth(in: integers, over: proc) == QuantifierDepth(depth: 1, mixesSorts: false))
        let mixed = try parse("(assert (forall ((i Proc) (v Int)) (=> (good i) (> v (- v 1)))))")
        #expect(try context.quantifierDepth(in: mixed, over: proc).mixesSorts)
    }

    /// Quantifiers range over the present values only: with p0 absent and not good, "every
    /// process is good" holds; "some process is not good" fails; "two distinct processes
    /// exist" needs two present ones.
    @Test func expansionRangesOverPresentValues() throws {
        let yes = try context.mkBool(true), no = try context.mkBool(false)
        let facts = [try context.mkNot(try context.apply(good, [processes[0]])),
                     try context.apply(good, [processes[1]]), try context.apply(good, [processes[2]])]
        func holds(_ text: String, _ presence: [Z3AST]) throws -> Bool? {
            let expanded = try context.expandQuantifiers(in: try parse(text), over: proc, values: processes, presence: presence)
            let fixed = try context.substitute(expanded, from: processes.map { try context.apply(good, [$0]) },
                                               to: facts.enumerated().map { $0.offset == 0 ? no : yes })
            return try value(fixed)
        }
        let all = "(assert (forall ((i Proc)) (good i)))"
        let someBad = "(assert (exists ((i Proc)) (not (good i))))"
        let two = "(assert (exists ((i Proc) (j Proc)) (distinct i j)))"
        #expect(try holds(all, [no, yes, yes]) == true)
        #expect(try holds(all, [yes, yes, yes]) == false)
        #expect(try holds(someBad, [no, yes, yes]) == false)
        #expect(try holds(someBad, [yes, no, no]) == true)
        #expect(try holds(two, [no, no, yes]) == false)
        #expect(try holds(two, [no, yes, yes]) == true)
    }

    /// A binder mixing Proc with Int cannot be relativized: an error, never a kept quantifier.
    @Test func mixedBindersAreRefused() throws {
        let mixed = try parse("(assert (forall ((i Proc) (v Int)) (=> (good i) (> v (- v 1)))))")
        let yes = try context.mkBool(true)
        #expect(throws: Z3Error.self) {
            _ = try context.expandQuantifiers(in: mixed, over: proc, values: processes, presence: [yes, yes, yes])
        }
    }
}

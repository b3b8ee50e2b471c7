import Foundation
import Testing
import Z3Kit

@Suite("Z3Context rewriting: finite quantifier expansion, substitution, simplification", .timeLimit(.minutes(5)))
struct Z3RewritingTests {
    /// `Proc = {p0, p1, p2}`, `(good Proc) Bool`, `(value Proc) Int`.
    private struct World {
        let context: Z3Context
        let proc: Z3Sort
        let processes: [Z3AST]
        let good: Z3FuncDecl
        let value: Z3FuncDecl

        init() throws {
            let context = try Z3Context()
            let (proc, constants) = try context.mkEnumerationSort(name: "Proc", constants: ["p0", "p1", "p2"])
            self.context = context
            self.proc = proc
            processes = try constants.map { try context.apply($0) }
            good = try context.mkFuncDecl(name: "good", domain: [proc], range: context.boolSort())
            value = try context.mkFuncDecl(name: "value", domain: [proc], range: context.intSort())
        }

        func parse(_ text: String) throws -> Z3AST {
            try context.parseSMTLIB2(text, sorts: [("Proc", proc)], decls: [("good", good), ("value", value)])[0]
        }

        func expand(_ term: Z3AST) throws -> Z3AST {
            try context.expandQuantifiers(in: term, over: proc, values: processes)
        }

        /// Whether `a` and `b` are equivalent (their disequality is unsat).
        func equivalent(_ a: Z3AST, _ b: Z3AST) throws -> Bool {
            let solver = try Z3Solver(context: context)
            try solver.setTimeout(milliseconds: 5_000)
            try solver.assert(try context.mkNot(try context.mkEq(a, b)))
            return solver.check() == .unsat
        }
    }

    @Test func procQuantifiersBecomeGround() throws {
        let world = try World()
        let term = try world.parse("""
            (assert (forall ((i Proc) (j Proc)) (=> (and (good i) (good j)) (= (value i) (value j)))))
            """)
        #expect(term.containsQuantifier)
        let expanded = try world.expand(term)
        #expect(!expanded.containsQuantifier)
        #expect(try world.equivalent(term, expanded))
    }

    /// The expansion is iterative: a term 10,000 connectives deep (define-fun applications
    /// nest far deeper than any text) expands on a thread with a 256 KB stack.
    @Test func deepTermsExpandWithoutRecursion() throws {
        let outcome = try Self.onSmallStack { () throws -> (Bool, Bool, Bool) in
            let world = try World()
            let context = world.context
            var term = try world.parse("(assert (forall ((i Proc)) (good i)))")
            let anchors = [try context.apply(world.good, [world.processes[1]]), try context.apply(world.good, [world.processes[2]])]
            for level in 0..<10_000 {
                term = level % 2 == 0 ? try context.mkAnd([anchors[0], term]) : try context.mkOr([anchors[1], term])
            }
            let expanded = try world.expand(term)
            return (term.containsQuantifier, expanded.containsQuantifier, try world.expand(expanded).isSame(as: expanded))
        }
        #expect(outcome == (true, false, true))
    }

    /// Runs `body` on a new thread with a 256 KB stack and returns what it returns or throws.
    private static func onSmallStack<T>(_ body: @escaping () throws -> T) throws -> T {
        nonisolated(unsafe) var result: Result<T, any Error>?
        nonisolated(unsafe) let work = body
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            result = Result { try work() }
            done.signal()
        }
        thread.stackSize = 256 << 10
        thread.start()
        done.wait()
        return try result!.get()
    }

    @Test func existsBecomesDisjunction() throws {
        let world = try World()
        let term = try world.parse("(assert (exists ((i Proc)) (and (good i) (> (value i) 2))))")
        let expanded = try world.expand(term)
        #expect(!expanded.containsQuantifier)
        #expect(try world.equivalent(term, expanded))
    }

    @Test func intQuantifierIsKeptWithItsProcQuantifiersExpanded() throws {
        let world = try World()
        let term = try world.parse("""
            (assert (forall ((v Int))
              (=> (forall ((i Proc)) (= (value i) v)) (exists ((i Proc)) (good i)))))
            """)
        let expanded = try world.expand(term)
        #expect(expanded.containsQuantifier)
        #expect(try world.equivalent(term, expanded))
        // The inner Proc quantifiers are gone: the printed term names p0, p1 and p2.
        #expect(expanded.description.contains("(value p2)"))
    }

    @Test func substituteAndSimplifyEvaluateGroundTerms() throws {
        let world = try World()
        let context = world.context
        let term = try world.expand(try world.parse("(assert (forall ((i Proc)) (=> (good i) (> (value i) 0))))"))
        var from: [Z3AST] = []
        var to: [Z3AST] = []
        for (index, process) in world.processes.enumerated() {
            from.append(try context.apply(world.good, [process]))
            to.append(try context.mkBool(index != 1))
            from.append(try context.apply(world.value, [process]))
            to.append(try context.mkInt(index == 1 ? 0 : 5))
        }
        let reduced = try context.simplify(try context.substitute(term, from: from, to: to))
        #expect(context.literalBoolValue(reduced) == true)
        to[2] = try context.mkBool(true)  // p1 good with value 0
        let failing = try context.simplify(try context.substitute(term, from: from, to: to))
        #expect(context.literalBoolValue(failing) == false)
        #expect(context.literalBoolValue(term) == nil)
    }
}

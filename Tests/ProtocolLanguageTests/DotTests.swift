import ProtocolLanguage
import Testing

@Suite(.timeLimit(.minutes(5))) struct DotTests {
    @Test func floodsetGraph() throws {
        let dot = try ProtocolDefinition.parse(Fixtures.floodset, file: "t").dot()
        #expect(dot.hasPrefix("digraph \"floodset\" {\n  rankdir=LR;\n"))
        #expect(dot.hasSuffix("}\n"))
        #expect(dot.contains(##"s0 [label="0\ndecide 0", shape=doublecircle];"##))
        #expect(dot.contains(##"s1 [label="1\ndecide 1", shape=doublecircle];"##))
        #expect(dot.contains(##"input1 -> s1 [label="input 1"];"##))
        #expect(dot.contains(##"s1 -> s0 [label="#1 heard(0) >= 1"];"##))
        #expect(dot.contains(##"s1 -> s1 [label="#2 otherwise"];"##))
    }

    @Test func selfTestsPruneEdges() throws {
        let dot = try ProtocolDefinition.parse(Fixtures.phases, file: "t").dot()
        for name in ["idle", "vote0", "vote1", "done"] { #expect(dot.contains("label=\"\(name)")) }
        // Rule 1 always fires in idle, so idle has no other edges.
        #expect(dot.contains(##"s0 -> s0 [label="#1 self == idle"];"##))
        #expect(!dot.contains("s0 -> s2"))
        #expect(!dot.contains(##"s0 -> s0 [label="#5"##))
        // Rule 2 only in vote0, with its self test simplified away.
        #expect(dot.contains(##"s1 -> s2 [label="#2 heard(vote1) > heard(vote0) + missing"];"##))
        #expect(!dot.contains("s3 -> s2"))
    }

    @Test func everyStateAppearsInRandomGraphs() {
        for seed in UInt64(1)...100 {
            var random = RandomProtocols(seed: seed)
            let p = random.definition()
            let dot = p.dot()
            for (index, name) in p.states.enumerated() {
                #expect(dot.contains("  s\(index) [label=\"\(name)"), "seed \(seed)")
            }
            #expect(dot.filter { $0 == "{" }.count == 1 && dot.filter { $0 == "}" }.count == 1)
        }
    }

    @Test func parallelEdgesMergeAndLongProtocolsGetALegend() throws {
        var rules = (1...8).map { "  heard(1) >= \($0) and round == 1 -> 1" }
        rules.append("  otherwise -> self")
        let text = "states 0 1\ninit 0 -> 0, 1 -> 1\ndecide 0 -> 0, 1 -> 1\nnext\n" + rules.joined(separator: "\n") + "\n"
        let dot = try ProtocolDefinition.parse(text, file: "t").dot()
        // One edge per (state, target), labelled with rule numbers only, and a note with every rule.
        #expect(dot.contains(##"s0 -> s1 [label="#1 #2 #3 #4 #5 #6 #7 #8"];"##), "\(dot)")
        #expect(dot.contains(##"s0 -> s0 [label="#9"];"##))
        #expect(dot.components(separatedBy: "s1 -> s1").count == 2)
        #expect(dot.contains(##"rules [shape=note, label="#1 heard(1) >= 1 and round == 1 -> 1\l"##))
        #expect(dot.contains(##"#9 otherwise -> self\l"];"##))
    }
}


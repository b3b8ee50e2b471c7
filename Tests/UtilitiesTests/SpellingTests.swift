import Testing
import Utilities

@Suite("Spelling", .timeLimit(.minutes(5)))
struct SpellingTests {
    @Test func distanceCountsEditsAndSwaps() {
        #expect(Spelling.distance("", "abc") == 3)
        #expect(Spelling.distance("abc", "") == 3)
        #expect(Spelling.distance("heard", "heard") == 0)
        #expect(Spelling.distance("mising", "missing") == 1)
        #expect(Spelling.distance("kitten", "sitting") == 3)
        #expect(Spelling.distance("dsf", "dfs") == 1)
        #expect(Spelling.distance("decied", "decide") == 1)
        // Optimal string alignment: no substring is edited twice.
        #expect(Spelling.distance("ca", "abc") == 3)
    }

    @Test func suggestionThresholdGrowsWithTheWord() {
        // Under 5 characters: one edit.
        #expect(Spelling.suggestion(for: "hear", among: ["heard"]) == "heard")
        #expect(Spelling.suggestion(for: "hed", among: ["heard"]) == nil)
        // 5 or more: two edits.
        #expect(Spelling.suggestion(for: "rouns", among: ["rounds"]) == "rounds")
        #expect(Spelling.suggestion(for: "decdd", among: ["decide"]) == "decide")
        #expect(Spelling.suggestion(for: "dcdd", among: ["decide"]) == nil)
    }

    @Test func suggestionNeedsSomeLetterInCommon() {
        #expect(Spelling.suggestion(for: "x", among: ["b"]) == nil)
        #expect(Spelling.suggestion(for: "bb", among: ["a", "b"]) == "b")
        #expect(Spelling.suggestion(for: "", among: ["a"]) == nil)
    }

    @Test func suggestionSkipsTheWordAndPrefersTheFirstClosest() {
        #expect(Spelling.suggestion(for: "and", among: ["and"]) == nil)
        #expect(Spelling.suggestion(for: "ab", among: ["ac", "ab", "bb"]) == "ac")
        #expect(Spelling.suggestion(for: "states", among: ["state", "states2", "stats"]) == "state")
    }

    @Test func singularAndPluralAreOneEditApart() {
        #expect(Spelling.suggestion(for: "identity", among: ["identities", "inputs"]) == "identities")
        #expect(Spelling.suggestion(for: "identities", among: ["identity"]) == "identity")
    }
}


/// "Did you mean ...?" for a misspelled name in a message, and the edit distance behind it:
/// the package's one rule for when a word is a likely typo of a known one.
public enum Spelling {
    /// The candidate closest to `word` when it is close enough to be a likely typo; nil when
    /// none is.
    ///
    /// The rule: a candidate other than `word` itself qualifies when its `distance` to `word` is
    /// at most 1 for words of fewer than 5 characters, at most 2 for longer ones, and less than
    /// the length of `word` (so a short word never suggests a name that shares none of its
    /// letters, and an empty word suggests nothing). Of the qualifying candidates the closest
    /// wins, and the first of equally close ones. A singular for its English plural (or the
    /// reverse: `identity` for `identities`, `message` for `messages`) counts as one edit.
    /// - Complexity: O(Σ over candidates of |word| · |candidate|).
    public static func suggestion<C: Collection<String>>(for word: String, among candidates: C) -> String? {
        let limit = min(word.count >= 5 ? 2 : 1, word.count - 1)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let plural = word.count >= 3 && (singular(of: candidate) == word || singular(of: word) == candidate)
            let d = plural ? 1 : distance(word, candidate)
            if d <= limit, d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        return best?.name
    }

    /// `word` without an English plural ending (`ies` -> `y`, `s` -> ``), nil when it has none.
    static func singular(of word: String) -> String? {
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("s") { return String(word.dropLast()) }
        return nil
    }

    /// Edit distance by optimal string alignment, over `Character`s: the fewest insertions,
    /// deletions, substitutions and swaps of two neighbouring characters that turn `a` into
    /// `b`, no part edited twice. Levenshtein distance, except that a swap counts one edit, so
    /// `dsf` is one edit from `dfs`.
    /// - Complexity: O(|a| · |b|) time, O(|b|) space.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Rows i - 2, i - 1 and i of the table of distances between prefixes of a and b.
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}

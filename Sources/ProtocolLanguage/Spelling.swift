/// "Did you mean ...?" suggestions for misspelled names in messages.
enum Spelling {
    /// The candidate closest to `word` by edit distance, when it is close enough to be a
    /// likely typo (distance at most 1 for short words, 2 for words of 5 or more letters, and
    /// less than the word's length) and differs from `word`; nil otherwise.
    /// - Complexity: O(candidates · |word| · |candidate|).
    static func suggestion<C: Collection<String>>(for word: String, among candidates: C) -> String? {
        let limit = word.count >= 5 ? 2 : 1
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let d = distance(Array(word), Array(candidate))
            if d <= limit, d < word.count, d < (best?.distance ?? Int.max) { best = (candidate, d) }
        }
        return best?.name
    }

    /// Levenshtein distance between two character arrays.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

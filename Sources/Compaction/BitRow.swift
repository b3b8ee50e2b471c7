/// Word-level helpers for sets of example indices stored as `[UInt64]` rows of equal width
/// (bit `i % 64` of word `i / 64` is example `i`).
enum BitRow {
    /// Words needed for `count` bits.
    @inline(__always)
    static func words(for count: Int) -> Int { (count + 63) / 64 }

    /// A row with the first `count` bits set.
    /// - Complexity: O(count / 64).
    static func full(_ count: Int) -> [UInt64] {
        var row = [UInt64](repeating: .max, count: words(for: count))
        if count % 64 != 0, !row.isEmpty { row[row.count - 1] = (1 << UInt64(count % 64)) - 1 }
        return row
    }

    /// A row with no bit set.
    static func empty(_ count: Int) -> [UInt64] { [UInt64](repeating: 0, count: words(for: count)) }

    @inline(__always)
    static func insert(_ i: Int, into row: inout [UInt64]) { row[i >> 6] |= 1 << UInt64(i & 63) }

    @inline(__always)
    static func contains(_ i: Int, in row: [UInt64]) -> Bool { row[i >> 6] & (1 << UInt64(i & 63)) != 0 }

    /// Number of set bits. - Complexity: O(words).
    static func count(_ row: [UInt64]) -> Int { row.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Index of the lowest set bit, or nil for an empty row.
    static func first(_ row: [UInt64]) -> Int? {
        for (w, word) in row.enumerated() where word != 0 { return w * 64 + word.trailingZeroBitCount }
        return nil
    }

    /// `a \ b`. - Precondition: equal widths.
    static func subtracting(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] { zip(a, b).map { $0 & ~$1 } }

    /// `a ∩ b`. - Precondition: equal widths.
    static func intersection(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] { zip(a, b).map { $0 & $1 } }

    /// Whether `a ⊆ b`. - Precondition: equal widths.
    static func isSubset(_ a: [UInt64], of b: [UInt64]) -> Bool { zip(a, b).allSatisfy { $0 & ~$1 == 0 } }
}

/// Where the lines of a text start, to turn scalar offsets into lines and columns and back.
///
/// Lines end at a line feed, as for Z3 and `SExpressionReader` (a `\r\n` ending is a `\r` at
/// the end of the line, then the line feed; a lone `\r` is whitespace inside a line). Columns
/// are 1-based and count Unicode scalars.
struct LineTable {
    let scalars: [Unicode.Scalar]
    /// Scalar offset of the first scalar of each line; `lineStarts[0] == 0`.
    let lineStarts: [Int]

    /// - Complexity: O(`scalars.count`).
    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
        var starts = [0]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(offset + 1) }
        lineStarts = starts
    }

    /// Number of lines (a text ending in a line feed has an empty last line).
    var lineCount: Int { lineStarts.count }

    /// Scalars on 1-based `line`, without its line feed or the `\r` before it.
    /// - Precondition: `line` in `1...lineCount`.
    func length(ofLine line: Int) -> Int {
        let start = lineStarts[line - 1]
        guard line < lineStarts.count else { return scalars.count - start }
        var end = lineStarts[line] - 1  // the line feed
        if end > start, scalars[end - 1] == "\r" { end -= 1 }
        return end - start
    }

    /// The 1-based line and column of scalar `offset` (`0...scalars.count`).
    /// - Complexity: O(log lines).
    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    /// `(line, column)` moved into the text: the line into `1...lineCount`, the column into
    /// `1...length + 1` (one past the line's last character at most).
    func clamped(line: Int, column: Int) -> (line: Int, column: Int) {
        let l = min(max(line, 1), lineCount)
        return (l, min(max(column, 1), length(ofLine: l) + 1))
    }

    /// The scalar offset of a position (clamped into the text first).
    func offset(line: Int, column: Int) -> Int {
        let (l, c) = clamped(line: line, column: column)
        return lineStarts[l - 1] + c - 1
    }
}

import Diagnostics
import Foundation
import Game

/// The cube file (docs/cubes.md): the spec's text unchanged, then the cube as comment lines,
///
///     ;; ggms-cube: 3 of 16
///     ;; ggms-fix: init 0 = 0        ; input 0 starts in state 0
///     ;; ggms-fix: next 5 = 1        ; state 1, hears 0 once and 1 twice, goes to state 1
///
/// so a cube file is a spec every reader accepts (the lines are comments to SMT-LIB2), its
/// diagnostics point at the spec's own lines, and `ggms synthesize` reads the two directives:
/// `ggms-cube: I of N` (0-based index, count) once, and one `ggms-fix: KIND INDEX = ACTION` per
/// fixed entry (`Cube.Fixed`; `next` indices number `TransitionTable.next` of the spec's setting),
/// in the order the split fixed them. A file without directives is the whole space.
extension Cube {
    static let cubePrefix = ";; ggms-cube:"
    static let fixPrefix = ";; ggms-fix:"
    static let withinPrefix = ";; ggms-within:"

    /// The cube file: `specText`, then the directives, each `ggms-fix` with a comment that says
    /// the entry in words for `setting`.
    /// `within`: the cube of an earlier split this one's split refined (`ggms split` of a cube
    /// file), written as `;; ggms-within: I of N` so that `ggms merge` answers for that cube.
    public func fileText(specText: String, setting: Setting, within: Cube? = nil) -> String {
        let table = StrategySpace(setting: setting).emptyTable
        let names = (0..<max(table.stateCount, table.messageCount)).map(String.init)
        var text = specText.hasSuffix("\n") ? specText : specText + "\n"
        text += "\n;; ggms-cube: \(index) of \(count)\n"
        if let within { text += "\(Self.withinPrefix) \(within.index) of \(within.count)\n" }
        for f in fixed {
            var line = "\(Self.fixPrefix) \(f.kind) \(f.index) = \(f.action)"
            line += String(repeating: " ", count: max(1, 34 - line.count)) + "; "
            switch f.entry {
            case .initial(let v): line += "input \(v) starts in state \(f.action)"
            case .send(let s): line += "state \(s) sends message \(f.action)"
            case .decision(let s):
                line += f.action == setting.decisions ? "state \(s) does not decide" : "state \(s) decides \(f.action)"
            case .next(let e):
                let info = table.informationSet(ofEntry: e)
                line += "state \(info.state)" + (info.round.map { ", round \($0)" } ?? "") + (info.id.map { ", process \($0)" } ?? "")
                line += ", hears \(info.observation.describe(stateNames: names)), goes to state \(f.action)"
            case nil: break
            }
            text += line + "\n"
        }
        return text
    }

    /// The cube a file's directives name, nil when it has none (a plain spec).
    /// - Throws: `Diagnostic` (bad input, located at the directive) for a malformed directive,
    ///   a `ggms-fix` without `ggms-cube` or two `ggms-cube` lines.
    public static func parse(fileText text: String, file: String) throws(Diagnostic) -> Cube? {
        var cube: Cube?
        var fixed: [Fixed] = []
        var firstFix: Int?
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            let trimmed = line.dropFirst(indent)
            // A directive's error points at its first word after the prefix.
            let at = { (prefix: Int) in
                let spaces = trimmed.dropFirst(prefix).prefix { $0 == " " || $0 == "\t" }.count
                return SourceLocation(file: file, line: number + 1, column: indent + prefix + spaces + 1)
            }
            if trimmed.hasPrefix(cubePrefix) {
                let body = words(trimmed.dropFirst(cubePrefix.count))
                guard cube == nil else { throw Diagnostic(.badInput, at: at(0), message: "a second ggms-cube line; expected one per file") }
                guard body.count == 3, body[1] == "of", let i = Int(body[0]), let n = Int(body[2]), n >= 1, i >= 0, i < n else {
                    throw Diagnostic(.badInput, at: at(cubePrefix.count), message: "malformed cube line; expected ';; ggms-cube: I of N' with 0 <= I < N")
                }
                cube = Cube(index: i, count: n, fixed: [])
            } else if trimmed.hasPrefix(fixPrefix) {
                firstFix = firstFix ?? number + 1
                let body = words(trimmed.dropFirst(fixPrefix.count).split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                guard body.count == 4, Fixed.kinds.contains(body[0]), let index = Int(body[1]), body[2] == "=", let action = Int(body[3]) else {
                    throw Diagnostic(.badInput, at: at(fixPrefix.count),
                                     message: "malformed fixed entry; expected ';; ggms-fix: KIND INDEX = ACTION' with KIND one of \(Fixed.kinds.joined(separator: ", "))")
                }
                var f = Fixed(.initial(input: 0), action: action)
                f.kind = body[0]
                f.index = index
                fixed.append(f)
            }
        }
        guard var cube else {
            if let firstFix {
                throw Diagnostic(.badInput, file: file, line: firstFix, column: 1, message: "a ggms-fix line without a ggms-cube line; expected ';; ggms-cube: I of N' first")
            }
            return nil
        }
        cube.fixed = fixed
        return cube
    }

    /// The spec's own text of a cube file: `text` without its directive lines (and the blank
    /// line `fileText` puts before them), so that a cube file split again carries one cube's
    /// directives, not two. A plain spec comes back unchanged.
    public static func specText(ofFileText text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let isDirective = { (line: Substring) in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return trimmed.hasPrefix(cubePrefix) || trimmed.hasPrefix(fixPrefix) || trimmed.hasPrefix(withinPrefix)
        }
        guard let first = lines.firstIndex(where: isDirective) else { return text }
        lines.removeAll(where: isDirective)
        if first > 0, first - 1 < lines.count, lines[first - 1].isEmpty { lines.remove(at: first - 1) }
        return lines.joined(separator: "\n")
    }

    /// The `ggms-within: I of N` line of a cube file (the cube its split refined), nil when
    /// it has none or it is malformed (it is informative only: the fixed entries are the cube).
    public static func within(fileText text: String) -> (index: Int, count: Int)? {
        for raw in text.split(separator: "\n") {
            let trimmed = raw.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix(withinPrefix) else { continue }
            let body = words(trimmed.dropFirst(withinPrefix.count))
            guard body.count == 3, body[1] == "of", let i = Int(body[0]), let n = Int(body[2]) else { return nil }
            return (i, n)
        }
        return nil
    }

    private static func words(_ text: Substring) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
    }
}

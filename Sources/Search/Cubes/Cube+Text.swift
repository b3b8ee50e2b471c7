import Diagnostics
import Foundation
import Game
import Utilities

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
    /// `space`: the spec's table, when known: then every fixed entry is checked against it
    /// (`problem(in:)`), and a misfit is reported at its own `ggms-fix` line. Called only when
    /// the file names a cube (building a space costs the spec's whole table; a spec too large
    /// for one says so by throwing).
    /// - Throws: `Diagnostic` (bad input, located at the directive) for a malformed directive,
    ///   a comment line that looks like a misspelled directive (`Directive`; read as a comment
    ///   it would widen the cube to more of the space), `ggms-fix` lines without a `ggms-cube`,
    ///   two `ggms-cube` lines, or an entry that does not fit `space`.
    /// - Complexity: O(length of `text`).
    public static func parse(fileText text: String, file: String, fitting space: (() throws(Diagnostic) -> StrategySpace)? = nil) throws(Diagnostic) -> Cube? {
        var cube: Cube?
        var cubeAt: SourceLocation?
        var fixed: [Fixed] = []
        var fixedAt: [SourceLocation] = []
        var firstFix: SourceLocation?
        for (number, raw) in lines(text).enumerated() {
            guard let d = try Directive(line: raw, number: number + 1, file: file) else { continue }
            switch d.name {
            case "cube":
                guard cube == nil else { throw Diagnostic(.badInput, at: d.start, message: "a second ggms-cube line; expected one per file") }
                let body = words(d.body)
                guard body.count == 3, body[1] == "of", let i = Int(body[0]), let n = Int(body[2]), n >= 1, i >= 0, i < n else {
                    throw Diagnostic(.badInput, at: d.bodyStart, message: "malformed cube line; expected ';; ggms-cube: I of N' with 0 <= I < N")
                }
                cube = Cube(index: i, count: n, fixed: [])
                cubeAt = d.start
            case "fix":
                let body = words(d.body)
                guard body.count == 4, Fixed.kinds.contains(body[0]), let index = Int(body[1]), body[2] == "=", let action = Int(body[3]) else {
                    throw Diagnostic(.badInput, at: d.bodyStart,
                                     message: "malformed fixed entry; expected ';; ggms-fix: KIND INDEX = ACTION' with KIND one of \(Fixed.kinds.joined(separator: ", "))")
                }
                var f = Fixed(.initial(input: 0), action: action)
                f.kind = body[0]
                f.index = index
                fixed.append(f)
                fixedAt.append(d.bodyStart)
                firstFix = firstFix ?? d.start
            default:
                break
            }
        }
        guard var cube, let cubeAt else {
            if let firstFix {
                throw Diagnostic(.badInput, at: firstFix, message: "a ggms-fix line without a ggms-cube line; expected ';; ggms-cube: I of N' first")
            }
            return nil
        }
        cube.fixed = fixed
        if let space, let problem = cube.firstProblem(in: try space()) {
            throw Diagnostic(.badInput, at: problem.fixed.map { fixedAt[$0] } ?? cubeAt, message: "the cube does not fit the spec: \(problem.message)")
        }
        return cube
    }

    /// The spec's own text of a cube file: `text` without its directive lines (and the blank
    /// line `fileText` puts before them), so that a cube file split again carries one cube's
    /// directives, not two. A plain spec comes back unchanged.
    public static func specText(ofFileText text: String) -> String {
        var all = lines(text)
        let isDirective = { (line: Substring) in (try? Directive(line: line, number: 0, file: "")) != nil }
        guard let first = all.firstIndex(where: isDirective) else { return text }
        all.removeAll(where: isDirective)
        if first > 0, first - 1 < all.count, all[first - 1].isEmpty { all.remove(at: first - 1) }
        return all.joined(separator: "\n")
    }

    /// The `ggms-within: I of N` line of a cube file (the cube its split refined), nil when
    /// it has none or it is malformed (it is informative only: the fixed entries are the cube).
    public static func within(fileText text: String) -> (index: Int, count: Int)? {
        for raw in lines(text) {
            guard let d = try? Directive(line: raw, number: 0, file: ""), d.name == "within" else { continue }
            let body = words(d.body)
            guard body.count == 3, body[1] == "of", let i = Int(body[0]), let n = Int(body[2]) else { return nil }
            return (i, n)
        }
        return nil
    }

    /// The lines of `text`, a `\r\n` ending counted as one break (Swift reads it as one
    /// character, so splitting at `\n` alone would see one long line).
    static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }

    /// One directive line: a comment (one or more `;`, then blanks) whose text starts with
    /// `ggms-NAME:`. `fileText` writes `;; ggms-NAME: …`; a reader takes any number of
    /// semicolons and blanks, since a hand-edited file may differ there. The body ends at a
    /// further `;` (a comment in words).
    ///
    /// A comment that looks like a misspelled directive is an error, since read as a plain
    /// comment it would widen the cube: a head before the first `:` that reads, in lower case
    /// and letters only, as `ggmscube`, `ggmsfix` or `ggmswithin` or within `Spelling`'s typo
    /// distance of one (`ggms_fix:`, `ggms fix:`, `gms-fix:`, `ggms-FIX:`, `ggms-fixx:`), and
    /// a directive's name without its colon followed by what its body starts with (`ggms-fix
    /// init 0 = 0`, `ggms-cube 3 of 8`). Other comments that mention ggms
    /// (`; ggms-no-encoder: slow here`, `; ggms-cube files are written by split`) are comments.
    private struct Directive {
        static let names = ["cube", "fix", "within"]
        /// `cube`, `fix` or `within`.
        var name: String
        /// The text after the colon, up to a further `;`.
        var body: Substring
        /// Where the line's `;` is, and where the body's first word is.
        var start: SourceLocation
        var bodyStart: SourceLocation

        /// nil for a line that is no directive (code, a plain comment).
        /// - Throws: `Diagnostic` for a comment that looks like a misspelled directive.
        init?(line: Substring, number: Int, file: String) throws(Diagnostic) {
            let chars = Array(line)
            var i = 0
            let blank = { (c: Character) in c == " " || c == "\t" }
            while i < chars.count, blank(chars[i]) { i += 1 }
            let semicolon = i
            guard i < chars.count, chars[i] == ";" else { return nil }
            while i < chars.count, chars[i] == ";" { i += 1 }
            while i < chars.count, blank(chars[i]) { i += 1 }
            let headStart = i
            let at = SourceLocation(file: file, line: number, column: headStart + 1)
            let expected = "expected ';; ggms-cube: I of N', ';; ggms-fix: KIND INDEX = ACTION' or ';; ggms-within: I of N'"
            let squeezed = { (text: ArraySlice<Character>) in String(text).lowercased().filter { $0.isLetter } }
            let known = Self.names.map { "ggms" + $0 }
            // The head: the text before the first `:`, if that comes within 20 characters.
            if let colon = chars[headStart...].prefix(20).firstIndex(of: ":") {
                let head = String(chars[headStart..<colon])
                if head.hasPrefix("ggms-"), Self.names.contains(String(head.dropFirst(5))) {
                    var b = colon + 1
                    while b < chars.count, blank(chars[b]) { b += 1 }
                    name = String(head.dropFirst(5))
                    body = Substring(String(chars[(colon + 1)...]).split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                    start = SourceLocation(file: file, line: number, column: semicolon + 1)
                    bodyStart = SourceLocation(file: file, line: number, column: b + 1)
                    return
                }
                let word = squeezed(chars[headStart..<colon])
                if known.contains(word) || Spelling.suggestion(for: word, among: known) != nil {
                    let meant = known.contains(word) ? word : Spelling.suggestion(for: word, among: known)!
                    let proper = "ggms-" + meant.dropFirst(4)
                    throw Diagnostic(.badInput, at: at, message: "unknown directive '\(head)' (did you mean '\(proper)'?); \(expected)")
                }
                return nil
            }
            // No colon: a directive's name followed by what its body starts with.
            let words = String(chars[headStart...]).split(whereSeparator: { $0 == " " || $0 == "\t" }).prefix(2).map(String.init)
            guard words.count == 2, let meant = known.firstIndex(of: squeezed(ArraySlice(words[0]))) else { return nil }
            let next = words[1]
            let looksLikeBody = Self.names[meant] == "fix" ? Fixed.kinds.contains(next) : Int(next) != nil
            guard looksLikeBody else { return nil }
            throw Diagnostic(.badInput, at: at, message: "'\(words[0])' without a colon after it; \(expected)")
        }
    }

    private static func words(_ text: Substring) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
    }
}

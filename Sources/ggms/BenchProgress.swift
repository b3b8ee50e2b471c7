import Bench
import Foundation
import Synchronization
import Utilities

/// The bench's progress on stderr. On a terminal: a live line
/// (`[=====>    ] 37/120 runs, 5:12 elapsed, current: consensus-n5-f4-r5 dfs seed 1`), redrawn by
/// `tick()` and whenever a run starts or ends, with alarming runs (wrong answers, harness
/// errors) printed above it. Otherwise: one line per finished run. Safe to call from any thread.
final class BenchProgress: Sendable {
    private struct State {
        var finished = 0
        /// Labels of the running jobs, by job index.
        var running: [Int: String] = [:]
        var drawn = false
        var stopped = false
        /// Harness errors already shown above the live line (strategy and message).
        var shownErrors: Set<String> = []
    }

    let total: Int
    let live: Bool
    private let clock = Stopwatch()
    private let state = Mutex(State())

    init(total: Int, live: Bool = Terminal.stderrIsTerminal) {
        self.total = total
        self.live = live
    }

    func started(index: Int, label: String) {
        state.withLock { s in
            s.running[index] = label
            draw(&s)
        }
    }

    /// Records a finished run. `line` describes it; `alarming` runs are always printed in full,
    /// and `dedupeKey` (when given) prints a run on a terminal only the first time for that key.
    func finished(index: Int, label: String, line: String, alarming: Bool, dedupeKey: String? = nil) {
        state.withLock { s in
            s.running[index] = nil
            s.finished += 1
            let text = "[\(s.finished)/\(total)] \(label): \(line)"
            if !live {
                write(text + "\n")
            } else if alarming, dedupeKey.map({ s.shownErrors.insert($0).inserted }) ?? true {
                clear(&s)
                write(text + "\n")
            }
            draw(&s)
        }
    }

    /// Prints a line above the live line (or just prints it).
    func note(_ line: String) {
        state.withLock { s in
            clear(&s)
            write(line + "\n")
            draw(&s)
        }
    }

    /// Redraws the live line (call about once a second so the elapsed time moves).
    func tick() { state.withLock { draw(&$0) } }

    /// Clears the live line for good.
    func stop() {
        state.withLock { s in
            clear(&s)
            s.stopped = true
        }
    }

    private func draw(_ s: inout State) {
        guard live, !s.stopped else { return }
        let width = 20
        let done = total == 0 ? width : s.finished * width / total
        let bar = String(repeating: "=", count: done) + (done < width ? ">" + String(repeating: " ", count: width - done - 1) : "")
        var line = "[\(bar)] \(formatCount(s.finished))/\(plural(total, "run")), \(BenchFormat.clock(clock.seconds)) elapsed"
        let current = s.running.sorted { $0.key < $1.key }.map(\.value)
        if let first = current.first {
            line += ", current: " + first + (current.count > 1 ? " (+\(current.count - 1) more)" : "")
        }
        let columns = Self.terminalColumns()
        if line.count >= columns { line = String(line.prefix(columns - 2)) + "…" }
        write("\r\u{1B}[K" + line)
        s.drawn = true
    }

    private func clear(_ s: inout State) {
        if s.drawn { write("\r\u{1B}[K"); s.drawn = false }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// The terminal's width in columns (80 when it cannot be told).
    private static func terminalColumns() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 10 { return Int(size.ws_col) }
        return Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80
    }
}

import Dispatch
import Foundation

/// stderr output: diagnostics, and a progress line that redraws in place on a terminal and is
/// printed every few seconds otherwise.
enum Terminal {
    static let stderrIsTerminal = isatty(STDERR_FILENO) != 0

    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Prints `text` and a newline on stdout and flushes it, so it shows at once even when
    /// stdout is a pipe or a file (which the C library buffers): for lines printed before a
    /// long computation.
    static func printNow(_ text: String) {
        print(text)
        fflush(nil)  // every output stream: `stdout` itself is a global Swift 6 will not touch
    }

    /// Progress state shared with the checking thread's callbacks.
    final class Progress: @unchecked Sendable {
        // Touched by one callback at a time: the thread that runs the work (callbacks are
        // synchronous), or under --jobs the workers, which `CubeRunner` reports under one lock.
        private var lastPlain = 0.0
        private var drawn = false
        let quiet: Bool
        init(quiet: Bool) { self.quiet = quiet }

        func update(_ text: String, seconds: Double) {
            if quiet { return }
            if Terminal.stderrIsTerminal {
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
                drawn = true
            } else if seconds - lastPlain >= 5 {
                lastPlain = seconds
                Terminal.error(text)
            }
        }

        /// Clears the live line before final output.
        func finish() {
            if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)); drawn = false }
        }
    }
}

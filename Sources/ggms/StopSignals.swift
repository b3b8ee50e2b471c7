import Checking
import Dispatch
import Foundation

/// SIGINT (Ctrl-C) and SIGTERM stop a command the same way. The first of either calls `first`
/// (which cancels the work: the command then keeps what it has, writes its files and exits 3);
/// a second one, of either kind, calls `second` and exits at once with 128 + that signal — 130
/// for Ctrl-C, 143 for SIGTERM — writing nothing more. Files are written atomically, so an
/// exit at once leaves each one as it was before or complete, never half written.
final class StopSignals: @unchecked Sendable {
    /// The signals that stop a command.
    static let handled: [Int32] = [SIGINT, SIGTERM]

    private let sources: [DispatchSourceSignal]

    /// Installs the handlers; they run one at a time on a private queue.
    init(first: @escaping @Sendable (Int32) -> Void, second: @escaping @Sendable (Int32) -> Void = { _ in }) {
        let queue = DispatchQueue(label: "ggms.stop-signals")
        let state = Received()
        sources = Self.handled.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                // Two signals that arrive before the handler runs come as one event.
                if state.any || source.data > 1 {
                    second(number)
                    exit(128 + number)
                }
                state.any = true
                first(number)
            }
            source.resume()
            return source
        }
    }

    /// Stops handling (the signals stay ignored, so the files being written are finished).
    func cancel() {
        for source in sources { source.cancel() }
    }

    /// How users name a signal in messages.
    static func name(_ number: Int32) -> String {
        number == SIGINT ? "interrupted" : number == SIGTERM ? "terminated (SIGTERM)" : "signal \(number)"
    }

    /// How to quit at once, said after the first signal.
    static func quitHint(_ number: Int32) -> String {
        number == SIGINT ? "Ctrl-C again to quit at once" : "a second SIGTERM or Ctrl-C quits at once"
    }

    /// Whether a signal has arrived; only touched on the handlers' serial queue.
    private final class Received: @unchecked Sendable {
        var any = false
    }
}

extension Terminal {
    /// Cancels `token` on the first Ctrl-C or SIGTERM, with a note on stderr (see `StopSignals`).
    static func cancelOnInterrupt(_ token: CancellationToken) -> StopSignals {
        StopSignals { number in
            token.cancel()
            Terminal.error("\n\(StopSignals.name(number)): stopping and keeping what was found (\(StopSignals.quitHint(number)))")
        }
    }
}

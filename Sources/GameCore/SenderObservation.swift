/// What a process receives in one round when processes have identities (`:identities true`,
/// docs/semantics.md): for each other process `j`, the message received from `j`, or none.
/// The counted view (`Observation.heard`, `missing`) is derived from it.
///
/// Packed into one word: 4 bits per process index (0 = nothing, `m + 1` = message `m`), the
/// receiver's own index in bits 56..<60 and `n` in bits 60..<64, so it hashes and compares in
/// O(1). The receiver's own slot holds 0 and is never read as a message.
public struct SenderObservation: Hashable, Sendable, Comparable {
    public private(set) var packed: UInt64

    /// Largest `n` an observation by sender holds (4 bits per process, and 8 bits of header).
    public static let maxProcesses = 14
    /// Largest message index it holds (codes `1...15`).
    public static let maxMessages = 15

    /// - Parameters:
    ///   - from: per process index `j`, the message received from `j` or nil for nothing;
    ///     `from[receiver]` is ignored.
    ///   - receiver: the observing process's own index.
    /// - Precondition: `from.count` in `2...maxProcesses`, every message below `maxMessages`.
    public init(from: [Int?], receiver: Int) {
        precondition((2...Self.maxProcesses).contains(from.count), "an observation by sender holds 2 to \(Self.maxProcesses) processes")
        precondition(from.indices.contains(receiver), "receiver out of range")
        var p: UInt64 = 0
        for (j, message) in from.enumerated() where j != receiver {
            guard let message else { continue }
            precondition((0..<Self.maxMessages).contains(message), "message out of range")
            p |= UInt64(message + 1) << (4 * UInt64(j))
        }
        p |= UInt64(receiver) << 56 | UInt64(from.count) << 60
        packed = p
    }

    /// `n`: the number of processes.
    @inline(__always) public var processes: Int { Int(packed >> 60) }
    /// The observing process's own index.
    @inline(__always) public var receiver: Int { Int((packed >> 56) & 0xF) }

    /// The message received from process `sender` (`sender != receiver`), nil for nothing.
    /// - Complexity: O(1).
    @inline(__always)
    public func from(_ sender: Int) -> Int? {
        let code = Int((packed >> (4 * UInt64(sender))) & 0xF)
        return code == 0 ? nil : code - 1
    }

    /// The other processes in increasing index.
    public var senders: [Int] { (0..<processes).filter { $0 != receiver } }

    /// The counted view: per message how many of the other `n - 1` sent it, and how many sent
    /// nothing. - Complexity: O(n + M).
    public func counted(messageCount: Int) -> Observation {
        var heard = [Int](repeating: 0, count: messageCount)
        var missing = 0
        for j in senders {
            if let m = from(j) { heard[m] += 1 } else { missing += 1 }
        }
        return Observation(heard: heard, missing: missing, senders: self)
    }

    public static func < (a: SenderObservation, b: SenderObservation) -> Bool { a.packed < b.packed }

    /// `from(0)=A from(2)=none`, with the protocol's message names.
    public func describe(messageNames: [String]) -> String {
        senders.map { j in "from(\(j))=\(from(j).map { messageNames[$0] } ?? "none")" }.joined(separator: " ")
    }
}

/// A mutable view of `Float`s inside a ``FloatStorage``; every kernel of the encoder works on these.
typealias Floats = UnsafeMutableBufferPointer<Float>

/// An owned, zero-initialised block of `Float`s whose address never moves, so the forward and
/// backward passes can hold many views into it at once without nested `withUnsafe…` closures.
/// Owned by one ``ActionEncoder`` (not shared, not `Sendable`).
final class FloatStorage {
    /// The whole block; `buffer.count == count`.
    let buffer: Floats
    let count: Int
    private let allocation: Floats

    /// - Complexity: O(`count`) to zero the memory.
    init(count: Int) {
        precondition(count >= 0, "FloatStorage: negative size")
        self.count = count
        allocation = Floats.allocate(capacity: max(count, 1))
        allocation.initialize(repeating: 0)
        buffer = Floats(rebasing: allocation[0..<count])
    }

    deinit { allocation.deallocate() }

    /// `count` elements starting at `offset`.
    @inline(__always)
    func view(_ offset: Int, _ count: Int) -> Floats {
        Floats(rebasing: buffer[offset..<(offset + count)])
    }

    /// Sets every element to zero. - Complexity: O(`count`).
    func zero() { buffer.update(repeating: 0) }
}

/// Hands out consecutive views of a storage block. With a `nil` base it only measures: the views
/// it returns are empty and `used` ends as the size the real block needs.
struct Carver {
    let base: UnsafeMutablePointer<Float>?
    private(set) var used = 0

    init(base: UnsafeMutablePointer<Float>?) { self.base = base }

    mutating func take(_ n: Int) -> Floats {
        defer { used += n }
        guard let base else { return Floats(start: nil, count: 0) }
        return Floats(start: base + used, count: n)
    }
}

/// `count` elements of `base` starting at `offset`.
@inline(__always)
func slice(_ base: Floats, _ offset: Int, _ count: Int) -> Floats {
    Floats(rebasing: base[offset..<(offset + count)])
}

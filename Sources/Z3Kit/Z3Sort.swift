import CZ3

/// A Z3 sort (`Z3_sort`), retained for as long as this object lives. Not `Sendable`.
public final class Z3Sort: CustomStringConvertible {
    /// The context this sort lives in; kept alive by the sort.
    public let context: Z3Context
    let pointer: OpaquePointer

    /// Wraps and retains `pointer`, which must be a live sort of `context`.
    init(_ context: Z3Context, _ pointer: OpaquePointer) {
        self.context = context
        self.pointer = pointer
        Z3_inc_ref(context.pointer, Z3_sort_to_ast(context.pointer, pointer))
    }

    deinit {
        Z3_dec_ref(context.pointer, Z3_sort_to_ast(context.pointer, pointer))
    }

    /// Whether this and `other` are the same sort.
    /// - Complexity: O(1).
    public func isSame(as other: Z3Sort) -> Bool {
        Z3_is_eq_sort(context.pointer, pointer, other.pointer)
    }

    /// The sort's SMT-LIB2 name, e.g. `Int` or `Proc`.
    public var description: String {
        Z3_sort_to_string(context.pointer, pointer).map { String(cString: $0) } ?? "<?>"
    }
}

import CZ3

/// A Z3 term (`Z3_ast`) retained for as long as this object lives.
///
/// Wrapping retains at once, as a reference-counted context requires (an AST not yet retained
/// is freed by the next API call). Not `Sendable`: it belongs to its context's task.
public final class Z3AST: CustomStringConvertible {
    /// The context this term lives in; kept alive by the term.
    public let context: Z3Context
    let pointer: OpaquePointer

    /// Wraps and retains `pointer`, which must be a live AST of `context`.
    init(_ context: Z3Context, _ pointer: OpaquePointer) {
        self.context = context
        self.pointer = pointer
        Z3_inc_ref(context.pointer, pointer)
    }

    deinit {
        Z3_dec_ref(context.pointer, pointer)
    }

    /// The term's sort.
    /// - Complexity: O(1).
    public var sort: Z3Sort {
        Z3Sort(context, Z3_get_sort(context.pointer, pointer)!)
    }

    /// Whether this and `other` are the same term (Z3 hash-conses terms, so this is structural).
    /// - Complexity: O(1).
    public func isSame(as other: Z3AST) -> Bool {
        Z3_is_eq_ast(context.pointer, pointer, other.pointer)
    }

    /// The term in SMT-LIB2 syntax.
    /// - Complexity: O(size of the term).
    public var description: String {
        Z3_ast_to_string(context.pointer, pointer).map { String(cString: $0) } ?? "<?>"
    }
}

extension Z3AST {
    /// Whether a quantifier (or lambda) occurs anywhere in the term.
    /// - Complexity: O(number of distinct subterms).
    public var containsQuantifier: Bool {
        let c = context.pointer
        var seen: Set<UInt32> = []
        var stack: [OpaquePointer] = [pointer]  // subterms of `self`, kept alive by it
        while let term = stack.popLast() {
            guard seen.insert(Z3_get_ast_id(c, term)).inserted else { continue }
            let kind = Z3_get_ast_kind(c, term)
            if kind == Z3_QUANTIFIER_AST { return true }
            guard kind == Z3_APP_AST, let app = Z3_to_app(c, term) else { continue }
            for index in 0..<Z3_get_app_num_args(c, app) {
                if let argument = Z3_get_app_arg(c, app, index) { stack.append(argument) }
            }
        }
        return false
    }
}

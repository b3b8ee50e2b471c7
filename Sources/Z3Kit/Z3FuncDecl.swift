import CZ3

/// A Z3 function declaration (`Z3_func_decl`), retained for as long as this object lives.
/// A constant is a declaration with no arguments. Not `Sendable`.
public final class Z3FuncDecl {
    /// The context this declaration lives in; kept alive by the declaration.
    public let context: Z3Context
    let pointer: OpaquePointer

    /// Wraps and retains `pointer`, which must be a live declaration of `context`.
    init(_ context: Z3Context, _ pointer: OpaquePointer) {
        self.context = context
        self.pointer = pointer
        Z3_inc_ref(context.pointer, Z3_func_decl_to_ast(context.pointer, pointer))
    }

    deinit {
        Z3_dec_ref(context.pointer, Z3_func_decl_to_ast(context.pointer, pointer))
    }
}

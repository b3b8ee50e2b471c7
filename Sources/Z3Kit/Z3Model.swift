import CZ3

/// A model from a satisfiable check, retained for as long as this object lives. Not `Sendable`.
public final class Z3Model {
    /// The context this model lives in; kept alive by the model.
    public let context: Z3Context
    let pointer: OpaquePointer

    init(_ context: Z3Context, _ pointer: OpaquePointer) {
        self.context = context
        self.pointer = pointer
        Z3_model_inc_ref(context.pointer, pointer)
    }

    deinit {
        Z3_model_dec_ref(context.pointer, pointer)
    }

    /// The value of `term` in this model; with `completion`, symbols the model leaves free get
    /// a default value. Nil if Z3 cannot evaluate it.
    /// - Complexity: O(size of `term`) for quantifier-free terms.
    public func evaluate(_ term: Z3AST, completion: Bool = true) -> Z3AST? {
        var result: Z3_ast?
        guard Z3_model_eval(context.pointer, pointer, term.pointer, completion, &result), let result else {
            context.clearError()
            return nil
        }
        return Z3AST(context, result)
    }

    /// The Boolean value of `term` in this model (completed), or nil if it does not reduce to
    /// `true` or `false`.
    public func boolValue(of term: Z3AST) -> Bool? {
        guard let value = evaluate(term) else { return nil }
        let lbool = Z3_get_bool_value(context.pointer, value.pointer)
        if lbool == Z3_L_TRUE { return true }
        if lbool == Z3_L_FALSE { return false }
        return nil
    }

    /// The integer value of `term` in this model (completed), or nil if it is not an integer
    /// numeral that fits in `Int64`.
    public func intValue(of term: Z3AST) -> Int? {
        guard let value = evaluate(term) else { return nil }
        var number: Int64 = 0
        guard Z3_get_numeral_int64(context.pointer, value.pointer, &number) else {
            context.clearError()
            return nil
        }
        return Int(number)
    }
}

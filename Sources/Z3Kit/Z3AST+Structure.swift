import CZ3

/// What a term is at its root, for code that translates Z3 terms into another language (the
/// Promela export): a literal, a free constant, an application of a known operation, or
/// something the translation does not know.
public enum Z3TermShape {
    /// `true` or `false`.
    case bool(Bool)
    /// An integer numeral that fits in `Int`.
    case int(Int)
    /// A free (uninterpreted) constant, by name.
    case constant(String)
    /// An interpreted operation applied to arguments.
    case application(Z3Operation, [Z3AST])
    /// Anything else: a quantifier, a bound variable, an uninterpreted function applied to
    /// arguments, a numeral too large for `Int`, an operation not listed in `Z3Operation`;
    /// `description` says which.
    case other(String)
}

/// The interpreted operations of Booleans and integer arithmetic.
public enum Z3Operation: Hashable, Sendable {
    case and, or, not, implies, iff, xor, eq, distinct, ite
    case le, lt, ge, gt, add, sub, mul, uminus, idiv, mod, rem
}

extension Z3AST {
    /// The term's root (`Z3TermShape`).
    /// - Complexity: O(number of arguments).
    public var shape: Z3TermShape {
        let c = context.pointer
        let kind = Z3_get_ast_kind(c, pointer)
        if kind == Z3_NUMERAL_AST {
            var value: Int64 = 0
            if Z3_get_numeral_int64(c, pointer, &value) { return .int(Int(value)) }
            return .other("numeral \(description)")
        }
        guard kind == Z3_APP_AST, let app = Z3_to_app(c, pointer), let decl = Z3_get_app_decl(c, app) else {
            return .other(kind == Z3_QUANTIFIER_AST ? "quantifier" : "term \(description)")
        }
        let count = Z3_get_app_num_args(c, app)
        var arguments: [Z3AST] = []
        for index in 0..<count {
            guard let raw = Z3_get_app_arg(c, app, index) else { return .other("term \(description)") }
            arguments.append(Z3AST(context, raw))
        }
        let op: Z3Operation
        switch Z3_get_decl_kind(c, decl) {
        case Z3_OP_TRUE: return .bool(true)
        case Z3_OP_FALSE: return .bool(false)
        case Z3_OP_UNINTERPRETED:
            guard count == 0 else { return .other("application of \(description)") }
            return .constant(Z3_get_symbol_string(c, Z3_get_decl_name(c, decl)).map { String(cString: $0) } ?? "?")
        case Z3_OP_AND: op = .and
        case Z3_OP_OR: op = .or
        case Z3_OP_NOT: op = .not
        case Z3_OP_IMPLIES: op = .implies
        case Z3_OP_IFF: op = .iff
        case Z3_OP_XOR: op = .xor
        case Z3_OP_EQ: op = .eq
        case Z3_OP_DISTINCT: op = .distinct
        case Z3_OP_ITE: op = .ite
        case Z3_OP_LE: op = .le
        case Z3_OP_LT: op = .lt
        case Z3_OP_GE: op = .ge
        case Z3_OP_GT: op = .gt
        case Z3_OP_ADD: op = .add
        case Z3_OP_SUB: op = .sub
        case Z3_OP_MUL: op = .mul
        case Z3_OP_UMINUS: op = .uminus
        case Z3_OP_IDIV: op = .idiv
        case Z3_OP_MOD: op = .mod
        case Z3_OP_REM: op = .rem
        default: return .other("operation \(description)")
        }
        return .application(op, arguments)
    }

    /// Whether the term is Boolean.
    /// - Complexity: O(1).
    public var isBool: Bool {
        Z3_get_sort_kind(context.pointer, Z3_get_sort(context.pointer, pointer)) == Z3_BOOL_SORT
    }
}

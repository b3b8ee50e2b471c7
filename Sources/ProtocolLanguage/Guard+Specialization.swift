extension Guard {
    /// A guard once the process's own state is known.
    enum Specialization: Equatable {
        /// The guard holds whatever was heard.
        case always
        /// The guard never holds.
        case never
        /// The guard depends on what was heard; the guard with its `self` tests removed.
        case sometimes(Guard)
    }

    /// The guard with every `self ==` / `self !=` test replaced by its value in `state`.
    /// Only `self` tests are decided; a comparison of terms always stays `.sometimes`.
    /// - Complexity: O(size of the guard).
    func specialized(toState state: Int) -> Specialization {
        switch self {
        case .selfIs(let s): return s == state ? .always : .never
        case .selfIsNot(let s): return s != state ? .always : .never
        case .comparison, .from: return .sometimes(self)
        case .not(let inner):
            switch inner.specialized(toState: state) {
            case .always: return .never
            case .never: return .always
            case .sometimes(let g): return .sometimes(.not(g))
            }
        case .and(let lhs, let rhs):
            switch (lhs.specialized(toState: state), rhs.specialized(toState: state)) {
            case (.never, _), (_, .never): return .never
            case (.always, let other), (let other, .always): return other
            case (.sometimes(let a), .sometimes(let b)): return .sometimes(.and(a, b))
            }
        case .or(let lhs, let rhs):
            switch (lhs.specialized(toState: state), rhs.specialized(toState: state)) {
            case (.always, _), (_, .always): return .always
            case (.never, let other), (let other, .never): return other
            case (.sometimes(let a), .sometimes(let b)): return .sometimes(.or(a, b))
            }
        }
    }
}

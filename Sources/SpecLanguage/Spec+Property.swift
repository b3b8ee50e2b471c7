import Diagnostics

extension Spec {
    /// One asserted correctness condition.
    public struct Property: Hashable, Sendable {
        /// `agreement` for `(assert agreement)` where `agreement` is a 0-ary `define-fun`;
        /// `x` for `(assert (! e :named x))`; otherwise `assertion N` (1-based among asserts).
        public var name: String
        /// Where the `(assert …)` command starts.
        public var location: SourceLocation
        /// The `(assert …)` command's source text, verbatim.
        public var text: String

        public init(name: String, location: SourceLocation, text: String) {
            self.name = name
            self.location = location
            self.text = text
        }
    }
}

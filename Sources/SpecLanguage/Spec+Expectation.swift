extension Spec {
    /// What a spec's author expects synthesis to find (`(set-info :expect …)`); tests and
    /// benchmarks compare it with the engine's answer.
    public enum Expectation: String, Hashable, Sendable, CaseIterable {
        /// Some protocol with the spec's states and rounds satisfies it.
        case realizable
        /// No such protocol exists.
        case unrealizable
    }
}

/// `cegis`: the order in which Z3 proposes candidate tables — which table, of those that survive
/// every counterexample so far, comes next. It decides which counterexamples are learned, so it
/// moves run times a lot, and the two orders win on opposite questions (`Results/scale.md`):
///
/// - `nearLast`: Z3's own phase caching — each candidate starts from the last one's values, so
///   the search walks in small steps near tables that almost pass. Found protocols come fastest
///   (commit (5,4) 3.3 s against 21.7 s; consensus (8,7) 2.2 s against 24.1 s).
/// - `spread`: every decision tries "false" first (Z3's `phase=always_false` on the one-hot
///   encoding), so each candidate is picked afresh instead of next to the last, and the
///   counterexamples they fail on are spread over the space: each rules out more tables, and
///   proofs that no protocol exists need fewer candidates (consensus (7,5) one round short, its
///   hardest cube: 1,902 candidates in 122 s against 992 in 40 s).
///
/// Soundness: either order is only the order of Z3's decisions; what a check proves (`unsat`:
/// no table survives) does not depend on it.
public enum CandidateOrder: String, Sendable, CaseIterable, Codable {
    case nearLast = "near-last"
    case spread

    /// The Z3 `phase` parameter of the candidate solver (`ScheduleConstraints`), nil for Z3's
    /// default.
    var z3Phase: String? {
        switch self {
        case .nearLast: nil
        case .spread: "always_false"
        }
    }
}

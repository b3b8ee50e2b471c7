// GameCore: the game's plain values — `Setting`, `Outcome` (with `OutcomeVerdict`),
// `Observation`, `Execution` (with `RoundSchedule`, `Crash`, `Trace`) — at the bottom of the
// layers, depending on nothing (no Z3, no languages), so that every layer above speaks of the
// game in one vocabulary. `SpecLanguage` and `Game` re-export it.

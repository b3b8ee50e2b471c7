# A refutation certificate re-checked without search: exit 1 (no protocol).
check-refutation Specs/consensus3-short.smt2 Tests/CLITests/Fixtures/consensus3-short.refutation.json

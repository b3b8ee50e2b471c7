# A certificate for another setting: exit 65.
check-refutation Specs/consensus3.smt2 Tests/CLITests/Fixtures/consensus3-short.refutation.json

# A certificate missing one execution: some table survives, exit 65.
check-refutation Specs/consensus3-short.smt2 Tests/CLITests/Fixtures/consensus3-short-weak.refutation.json

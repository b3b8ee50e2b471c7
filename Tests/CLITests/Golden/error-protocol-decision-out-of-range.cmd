verify Specs/consensus3.smt2 Tests/CLITests/Fixtures/decision-out-of-range.protocol

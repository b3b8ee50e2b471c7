verify Specs/consensus3.smt2 Tests/CLITests/Fixtures/unknown-state.protocol

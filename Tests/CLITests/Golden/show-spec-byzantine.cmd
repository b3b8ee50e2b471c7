show Tests/CLITests/Fixtures/consensus3-byzantine.smt2

show Tests/CLITests/Fixtures/consensus3-losses.smt2

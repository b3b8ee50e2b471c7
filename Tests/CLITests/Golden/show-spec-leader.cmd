show Tests/CLITests/Fixtures/leader.smt2

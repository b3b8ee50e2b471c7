show Tests/CLITests/Fixtures/uniform3-early.smt2

show Tests/CLITests/Fixtures/early-zero.protocol --table Tests/CLITests/Fixtures/uniform3-early.smt2

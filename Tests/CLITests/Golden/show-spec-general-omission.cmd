show Tests/CLITests/Fixtures/consensus3-general-omission.smt2

show Tests/CLITests/Fixtures/consensus3-receive-omission.smt2

show Tests/CLITests/Fixtures/consensus3-send-omission.smt2

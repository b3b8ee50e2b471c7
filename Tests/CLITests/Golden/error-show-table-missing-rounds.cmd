show Protocols/floodset.protocol --table Tests/CLITests/Fixtures/missing-rounds.smt2

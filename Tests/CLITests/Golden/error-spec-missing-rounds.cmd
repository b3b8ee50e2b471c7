verify Tests/CLITests/Fixtures/missing-rounds.smt2 Protocols/floodset.protocol

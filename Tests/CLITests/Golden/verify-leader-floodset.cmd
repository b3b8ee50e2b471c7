verify Tests/CLITests/Fixtures/leader.smt2 Protocols/floodset.protocol

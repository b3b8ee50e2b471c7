verify Tests/CLITests/Fixtures/unknown-constant.smt2 Protocols/floodset.protocol

verify Tests/CLITests/Fixtures/unknown-function.smt2 Protocols/floodset.protocol

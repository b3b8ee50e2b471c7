verify Tests/CLITests/Fixtures/not-utf8.smt2 Protocols/floodset.protocol

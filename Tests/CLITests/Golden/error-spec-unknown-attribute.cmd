verify Tests/CLITests/Fixtures/unknown-attribute.smt2 Protocols/floodset.protocol

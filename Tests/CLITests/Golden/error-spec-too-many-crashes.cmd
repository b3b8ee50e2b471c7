verify Tests/CLITests/Fixtures/too-many-crashes.smt2 Protocols/floodset.protocol

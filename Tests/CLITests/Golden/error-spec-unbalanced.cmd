verify Tests/CLITests/Fixtures/unbalanced.smt2 Protocols/floodset.protocol

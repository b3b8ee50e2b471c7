verify Tests/CLITests/Fixtures/nested-too-deeply.smt2 Protocols/floodset.protocol

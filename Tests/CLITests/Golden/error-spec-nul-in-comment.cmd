verify Tests/CLITests/Fixtures/nul-in-comment.smt2 Protocols/floodset.protocol

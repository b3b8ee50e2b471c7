verify Tests/CLITests/Fixtures/crlf-unknown-constant.smt2 Protocols/floodset.protocol

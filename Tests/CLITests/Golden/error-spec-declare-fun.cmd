verify Tests/CLITests/Fixtures/declare-fun.smt2 Protocols/floodset.protocol

verify Specs/consensus3.smt2 Tests/CLITests/Fixtures/not-utf8.protocol

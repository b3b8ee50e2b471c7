verify Specs/consensus3.smt2 Tests/CLITests/Fixtures/missing-init.protocol

verify Specs/consensus3.smt2 Tests/CLITests/Fixtures/nested-too-deeply.protocol

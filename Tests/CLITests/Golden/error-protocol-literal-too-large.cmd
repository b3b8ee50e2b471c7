verify Specs/consensus3.smt2 Tests/CLITests/Fixtures/literal-too-large.protocol

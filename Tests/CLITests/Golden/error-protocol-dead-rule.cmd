verify Specs/consensus3.smt2 Tests/CLITests/Fixtures/dead-rule.protocol

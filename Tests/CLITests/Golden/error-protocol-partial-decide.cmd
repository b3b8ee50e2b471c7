verify --checker brute Specs/consensus3.smt2 Tests/CLITests/Fixtures/partial-decide.protocol

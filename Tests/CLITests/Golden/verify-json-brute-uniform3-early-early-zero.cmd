verify --json --checker brute Tests/CLITests/Fixtures/uniform3-early.smt2 Tests/CLITests/Fixtures/early-zero.protocol

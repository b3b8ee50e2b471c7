verify --json --checker brute Tests/CLITests/Fixtures/consensus3-losses.smt2 Protocols/floodset.protocol

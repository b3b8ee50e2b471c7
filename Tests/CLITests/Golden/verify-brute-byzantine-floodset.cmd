verify --checker brute Tests/CLITests/Fixtures/consensus3-byzantine.smt2 Protocols/floodset.protocol

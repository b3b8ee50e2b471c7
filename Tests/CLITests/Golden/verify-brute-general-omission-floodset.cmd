verify --checker brute Tests/CLITests/Fixtures/consensus3-general-omission.smt2 Protocols/floodset.protocol

verify --json --checker brute Tests/CLITests/Fixtures/consensus3-send-omission.smt2 Protocols/floodset.protocol

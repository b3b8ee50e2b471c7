verify --checker brute Tests/CLITests/Fixtures/consensus3-receive-omission.smt2 Protocols/floodset.protocol

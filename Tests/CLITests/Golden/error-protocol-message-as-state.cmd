verify --checker brute Specs/consensus3.smt2 Tests/CLITests/Fixtures/message-as-state.protocol

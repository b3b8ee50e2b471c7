verify --checker symbolic Tests/CLITests/Fixtures/leader.smt2 Protocols/floodset.protocol

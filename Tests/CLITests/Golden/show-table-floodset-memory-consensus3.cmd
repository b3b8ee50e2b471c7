show Tests/CLITests/Fixtures/floodset-memory.protocol --table Specs/consensus3.smt2

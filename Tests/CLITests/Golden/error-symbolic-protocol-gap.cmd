verify --checker symbolic Specs/consensus3.smt2 Tests/CLITests/Fixtures/gap.protocol

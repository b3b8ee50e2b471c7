show Tests/CLITests/Fixtures/gap.protocol --table Specs/consensus3.smt2

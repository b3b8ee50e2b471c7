synthesize Tests/CLITests/Fixtures/too-many-states.smt2

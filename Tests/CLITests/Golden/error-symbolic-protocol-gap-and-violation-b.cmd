# The symbolic checker reports a gap (65) too.
verify --checker symbolic Specs/consensus3.smt2 Tests/CLITests/Fixtures/gap-and-violation-b.protocol

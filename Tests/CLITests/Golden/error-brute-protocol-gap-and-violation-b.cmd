# The brute-force reference reports the same gap (65), not the violation it may meet first.
verify --checker brute Specs/consensus3.smt2 Tests/CLITests/Fixtures/gap-and-violation-b.protocol

# A protocol with a reachable gap and a violation: the gap wins (65), whichever the checker meets first.
verify Specs/consensus3.smt2 Tests/CLITests/Fixtures/gap-and-violation-b.protocol

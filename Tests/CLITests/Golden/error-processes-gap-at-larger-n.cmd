verify Specs/consensus3.smt2 Tests/CLITests/Fixtures/gap-at-n4.protocol --processes 3...5

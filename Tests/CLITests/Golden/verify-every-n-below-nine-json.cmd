# Every n: a guard reading n breaks FloodSet from n = 9 on; the counterexample is at n = 9, replayed.
verify Specs/consensus3.smt2 Tests/CLITests/Fixtures/floodset-below-nine.protocol --processes 3... --json

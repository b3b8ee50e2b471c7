# Counts beyond 2^53 are approximate Doubles; a verified check covers exactly the total.
verify --json Tests/CLITests/Fixtures/consensus-n8-f6.smt2 Protocols/floodset.protocol

verify --json --processes 3...4 Specs/consensus3-short.smt2 Protocols/floodset.protocol

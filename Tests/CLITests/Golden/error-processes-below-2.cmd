verify --processes 1...3 Specs/consensus3.smt2 Protocols/floodset.protocol

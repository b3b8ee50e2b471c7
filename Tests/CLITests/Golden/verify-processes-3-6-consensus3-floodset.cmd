verify --processes 3...6 Specs/consensus3.smt2 Protocols/floodset.protocol

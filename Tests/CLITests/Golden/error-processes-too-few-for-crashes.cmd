verify --processes 2...3 Specs/consensus4.smt2 Protocols/floodset.protocol

verify --checker wrong Specs/consensus3.smt2 Protocols/floodset.protocol

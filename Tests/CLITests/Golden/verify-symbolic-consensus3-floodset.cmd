verify --checker symbolic Specs/consensus3.smt2 Protocols/floodset.protocol

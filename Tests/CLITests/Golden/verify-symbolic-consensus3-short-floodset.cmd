verify --checker symbolic Specs/consensus3-short.smt2 Protocols/floodset.protocol

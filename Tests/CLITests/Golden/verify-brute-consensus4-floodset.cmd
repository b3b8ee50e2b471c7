verify --checker brute Specs/consensus4.smt2 Protocols/floodset.protocol

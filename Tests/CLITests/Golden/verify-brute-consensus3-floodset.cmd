verify --checker brute Specs/consensus3.smt2 Protocols/floodset.protocol

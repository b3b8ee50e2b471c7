# A spec where the protocol belongs (64).
verify Specs/consensus3.smt2 Specs/consensus4.smt2

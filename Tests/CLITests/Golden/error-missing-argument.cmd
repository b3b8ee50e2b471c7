verify Specs/consensus3.smt2

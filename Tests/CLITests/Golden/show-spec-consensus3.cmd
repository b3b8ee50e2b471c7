show Specs/consensus3.smt2

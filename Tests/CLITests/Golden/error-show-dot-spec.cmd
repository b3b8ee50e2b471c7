show --dot Specs/consensus3.smt2

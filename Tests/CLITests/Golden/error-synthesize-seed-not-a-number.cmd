synthesize Specs/consensus3.smt2 --seed one

# Seeds are 0 to 2^64-1; a negative one says so (64).
synthesize Specs/consensus3.smt2 --seed -1

# --output names a directory: refused before the search starts (64).
synthesize Specs/consensus3.smt2 --output Specs

show Specs/identities/coordinator-crash-n3-f1.smt2
